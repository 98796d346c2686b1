// Where a recipient's address is looked up, at the moment of sending: participant_contacts
// for participants (the one place their addresses live), the reply address an anonymous
// respondent gave, or the address a person has just typed (sign-in).
import { rowsOf, type Queryable } from './database';
import type { Recipient } from './message';

export interface Contact {
  email: string;
  name: string;
  /** Whose reminder preference applies: the person where known, else the participant. */
  preferenceRef: string | null;
  /** A participant's person, once someone signs in as them (null before: invitations then carry a sign-in link). */
  personId?: string | null;
}

export class RecipientDirectory {
  constructor(private readonly db: Queryable) {}

  async lookup(recipient: Recipient): Promise<Contact | null> {
    switch (recipient.kind) {
      case 'email':
        return { email: recipient.email, name: '', preferenceRef: null };
      case 'participant': {
        const [row] = await rowsOf<{ email: string; name: string | null; personId: string | null }>(
          this.db,
          `SELECT c.email, part->>'displayName' AS name, part->>'personId' AS "personId"
           FROM participant_contacts c
           LEFT JOIN projects p ON p.id = c.project_id
           LEFT JOIN LATERAL jsonb_array_elements(p.state->'participants') part ON part->>'id' = c.participant_id
           WHERE c.project_id = $1 AND c.participant_id = $2`,
          [recipient.projectId, recipient.participantId],
        );
        if (!row) return null;
        return {
          email: row.email,
          name: row.name ?? '',
          preferenceRef: row.personId ? `person:${row.personId}` : `participant:${recipient.participantId}`,
          personId: row.personId,
        };
      }
      case 'person': {
        const [row] = await rowsOf<{ email: string; name: string | null }>(
          this.db,
          `SELECT c.email, part->>'displayName' AS name
           FROM projects p
           CROSS JOIN LATERAL jsonb_array_elements(p.state->'participants') part
           JOIN participant_contacts c ON c.project_id = p.id AND c.participant_id = part->>'id'
           WHERE part->>'personId' = $1
           ORDER BY p.updated_at DESC LIMIT 1`,
          [recipient.personId],
        );
        if (row)
          return { email: row.email, name: row.name ?? '', preferenceRef: `person:${recipient.personId}` };
        // Someone who takes part in a charter, not (yet) in a project: a BOARD or ADMIN member.
        const [member] = await rowsOf<{ email: string; name: string }>(
          this.db,
          `SELECT email, display_name AS name FROM people WHERE id = $1 AND email IS NOT NULL`,
          [recipient.personId],
        );
        return member
          ? { email: member.email, name: member.name, preferenceRef: `person:${recipient.personId}` }
          : null;
      }
      case 'feedbackReply': {
        const [row] = await rowsOf<{ email: string }>(
          this.db,
          `SELECT email FROM feedback_reply_contacts WHERE project_id = $1 AND feedback_id = $2`,
          [recipient.projectId, recipient.feedbackId],
        );
        return row ? { email: row.email, name: '', preferenceRef: null } : null;
      }
    }
  }
}
