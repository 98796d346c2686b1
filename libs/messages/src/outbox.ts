// The outbox: one row per message key, written before the message is sent. Its status is
// what makes sending idempotent: a sent key is never sent again, whoever retries.
import { rowsOf, type Queryable } from './database';
import { recipientRef, type MessageType, type OutgoingMessage } from './message';

export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'no_address';

export interface OutboxRow {
  key: string;
  projectId: string | null;
  type: MessageType;
  recipient: string;
  channel: string;
  status: MessageStatus;
  attempts: number;
  providerId: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `key, project_id AS "projectId", type, recipient, channel, status, attempts,
  provider_id AS "providerId", last_error AS "lastError", created_at AS "createdAt",
  updated_at AS "updatedAt", sent_at AS "sentAt"`;

export class Outbox {
  constructor(private readonly db: Queryable) {}

  /** Records the key (first time only) and returns its row as it stands. */
  async claim(message: OutgoingMessage, channel: string): Promise<OutboxRow> {
    await this.db.query(
      `INSERT INTO messages (key, project_id, type, recipient, channel) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO NOTHING`,
      [message.key, message.projectId, message.type, recipientRef(message.recipient), channel],
    );
    return (await this.find(message.key))!;
  }

  async find(key: string): Promise<OutboxRow | null> {
    const [row] = await rowsOf<OutboxRow>(this.db, `SELECT ${COLUMNS} FROM messages WHERE key = $1`, [key]);
    return row ?? null;
  }

  /** About to hand the message to the transport: from here on, it may have gone. */
  async markSending(key: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = now()
       WHERE key = $1 AND status IN ('pending', 'sending')`,
      [key],
    );
  }

  /** The transport refused it this time, so it did not go: the next attempt sends it. */
  async markNotSent(key: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET status = 'pending', last_error = $2, updated_at = now() WHERE key = $1 AND status = 'sending'`,
      [key, error],
    );
  }

  async markSent(key: string, providerId: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET status = 'sent', provider_id = $2, sent_at = now(), updated_at = now()
       WHERE key = $1 AND status IN ('pending', 'sending')`,
      [key, providerId],
    );
  }

  /** Final: failed after retries, no address, or reminders turned off. */
  async finish(key: string, status: 'failed' | 'suppressed' | 'no_address', error: string | null = null) {
    await this.db.query(
      `UPDATE messages SET status = $2, last_error = COALESCE($3, last_error), updated_at = now()
       WHERE key = $1 AND status IN ('pending', 'sending')`,
      [key, status, error],
    );
  }

  /** Messages of a project that could not be delivered after retries, newest first. */
  async undelivered(projectId: string): Promise<OutboxRow[]> {
    return rowsOf<OutboxRow>(
      this.db,
      `SELECT ${COLUMNS} FROM messages WHERE project_id = $1 AND status = 'failed' ORDER BY updated_at DESC, key`,
      [projectId],
    );
  }

  async ofProject(projectId: string): Promise<OutboxRow[]> {
    return rowsOf<OutboxRow>(
      this.db,
      `SELECT ${COLUMNS} FROM messages WHERE project_id = $1 ORDER BY created_at, key`,
      [projectId],
    );
  }
}
