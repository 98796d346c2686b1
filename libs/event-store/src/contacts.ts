// Participants' contact details: the one place addresses live, by project and participant
// id. The gateway writes them before the step that brings the participant in (the project's
// start, an added participant), so they never travel through Temporal; readers (the
// project's people, messages) look them up by participant.
import type { DataSource } from 'typeorm';
import { isUuid } from '../../domain/src/input-checks';
import { saveContacts, type ParticipantContact } from './kept-apart';
import { runOn, type Run } from './sql';

export class ContactStore {
  private readonly run: Run;

  constructor(dataSource: DataSource) {
    this.run = runOn(dataSource);
  }

  /** Stores (or replaces) the addresses of a project's participants. */
  save(projectId: string, contacts: readonly ParticipantContact[]): Promise<void> {
    return saveContacts(this.run, projectId, contacts);
  }

  /**
   * Keeps an address for a step that has not run yet, under `heldAs` (HELD_CONTACT): the
   * step carries only that reference, and its append binds the address to the participant.
   */
  hold(projectId: string, heldAs: string, email: string): Promise<void> {
    return saveContacts(this.run, projectId, [{ participantId: heldAs, email }]);
  }

  /** Removes an address held for a step that was refused (or that had already run: then it is bound). */
  async discardHeld(projectId: string, heldAs: string): Promise<void> {
    await this.run(`DELETE FROM participant_contacts WHERE project_id = $1 AND participant_id = $2`, [
      projectId,
      heldAs,
    ]);
  }

  /** The address of one participant, or null when none was given. */
  async emailOf(projectId: string, participantId: string): Promise<string | null> {
    if (!isUuid(projectId)) return null;
    const rows = await this.run<{ email: string }>(
      `SELECT email FROM participant_contacts WHERE project_id = $1 AND participant_id = $2`,
      [projectId, participantId],
    );
    return rows[0]?.email ?? null;
  }

  /**
   * Keeps the reply address an anonymous respondent gave, by feedback item only: nothing links
   * it to a participant, and it never travels through Temporal or into an event.
   */
  async saveReplyAddress(projectId: string, feedbackId: string, email: string): Promise<void> {
    await this.run(
      `INSERT INTO feedback_reply_contacts (project_id, feedback_id, email) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, feedback_id) DO UPDATE SET email = excluded.email`,
      [projectId, feedbackId, email],
    );
  }

  /** Removes the addresses saved for a project whose start was refused (no project exists). */
  async discardUnstarted(projectId: string): Promise<void> {
    await this.run(
      `DELETE FROM participant_contacts c WHERE c.project_id = $1
         AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = c.project_id)`,
      [projectId],
    );
  }
}
