// Browser sessions in PostgreSQL, so any gateway can serve any request. The cookie holds a
// random token; the table holds only its SHA-256, so a copy of the table opens no session.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** How long a session lasts without signing in again. */
export const SESSION_HOURS = 12;

export interface WebSession {
  personId: string;
  csrfToken: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export class SessionsStore {
  constructor(private readonly db: DataSource) {}

  /** A new session; returns the token for the cookie. */
  async open(personId: string): Promise<string> {
    const token = randomToken();
    await this.db.query(
      `INSERT INTO web_sessions (token_hash, person_id, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [sha256(token), personId, randomToken(), SESSION_HOURS],
    );
    return token;
  }

  async find(token: string): Promise<WebSession | null> {
    const rows: { person_id: string; csrf_token: string }[] = await this.db.query(
      `SELECT person_id, csrf_token FROM web_sessions WHERE token_hash = $1 AND expires_at > now()`,
      [sha256(token)],
    );
    return rows[0] ? { personId: rows[0].person_id, csrfToken: rows[0].csrf_token } : null;
  }

  /** Signing out ends every session of the person, on every browser and gateway. */
  async closeAllOf(personId: string): Promise<void> {
    await this.db.query(`DELETE FROM web_sessions WHERE person_id = $1 OR expires_at < now()`, [personId]);
  }
}
