// Participants' contact details: the one place addresses live, by project and participant
// id. The gateway writes them before a project's workflow starts, so they never travel
// through Temporal; readers (the project's people, messages) look them up by participant.
import type { DataSource } from 'typeorm';
import type { ParticipantContact } from './event-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ContactStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores (or replaces) the addresses of a project's participants. */
  async save(projectId: string, contacts: readonly ParticipantContact[]): Promise<void> {
    if (contacts.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO participant_contacts (project_id, participant_id, email)
       SELECT $1::uuid, c.participant_id, c.email FROM unnest($2::text[], $3::text[]) AS c(participant_id, email)
       ON CONFLICT (project_id, participant_id) DO UPDATE SET email = excluded.email`,
      [projectId, contacts.map((c) => c.participantId), contacts.map((c) => c.email)],
    );
  }

  /** The address of one participant, or null when none was given. */
  async emailOf(projectId: string, participantId: string): Promise<string | null> {
    if (!UUID.test(projectId)) return null;
    const rows: { email: string }[] = await this.dataSource.query(
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
    await this.dataSource.query(
      `INSERT INTO feedback_reply_contacts (project_id, feedback_id, email) VALUES ($1, $2, $3)
       ON CONFLICT (project_id, feedback_id) DO UPDATE SET email = excluded.email`,
      [projectId, feedbackId, email],
    );
  }

  /** Removes the addresses saved for a project whose start was refused (no project exists). */
  async discardUnstarted(projectId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM participant_contacts c WHERE c.project_id = $1
         AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = c.project_id)`,
      [projectId],
    );
  }
}
