import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of messages (one row per message key, recorded before the message is sent,
 * so a retry never sends a second copy), who turned reminders off, and the reply addresses
 * of anonymous feedback (kept apart from the item, never linked to its author).
 * No row here holds an address except feedback_reply_contacts: participant_contacts stays
 * the one place participants' addresses live.
 */
export class CreateMessages1796700000000 implements MigrationInterface {
  name = 'CreateMessages1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messages (
        key text PRIMARY KEY,
        project_id uuid NULL,
        type text NOT NULL,
        recipient text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed', 'no_address')),
        attempts int NOT NULL DEFAULT 0,
        provider_id text NULL,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX messages_project_status ON messages (project_id, status)`);
    await q.query(`
      CREATE TABLE message_preferences (
        recipient text PRIMARY KEY,
        reminders_off boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE feedback_reply_contacts (
        project_id uuid NOT NULL,
        feedback_id text NOT NULL,
        email text NOT NULL,
        PRIMARY KEY (project_id, feedback_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // What up created, the last first.
    for (const table of ['feedback_reply_contacts', 'message_preferences', 'messages']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
