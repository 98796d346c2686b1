// Counting attempts in PostgreSQL (rate_limits), so every gateway shares
// the count: sign-in link requests per address and per IP. Addresses are counted by their
// SHA-256, never kept in clear here.
import type { DataSource } from 'typeorm';
import { sha256 } from './sessions.store';

export interface Limit {
  /** What is counted, e.g. `link-ip:127.0.0.1`. */
  key: string;
  max: number;
  windowMinutes: number;
}

export class RateLimits {
  constructor(private readonly db: DataSource) {}

  /**
   * Counts one attempt against each limit; false when any is over in the last
   * `windowMinutes` (a sliding window, minute by minute; the refused attempt counts too).
   */
  async allow(...limits: Limit[]): Promise<boolean> {
    let allowed = true;
    for (const limit of limits) {
      await this.db.query(
        `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, date_trunc('minute', now()), 1)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1`,
        [limit.key],
      );
      const rows: { hits: number }[] = await this.db.query(
        `SELECT coalesce(sum(hits), 0)::int AS hits FROM rate_limits
         WHERE key = $1 AND window_start > now() - make_interval(mins => $2)`,
        [limit.key, limit.windowMinutes],
      );
      if (rows[0].hits > limit.max) allowed = false;
    }
    // Old minutes are of no use: drop them now and then.
    if (Math.random() < 0.05)
      await this.db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`);
    return allowed;
  }
}

/** The key of an address's count: its hash, so the table holds no address. */
export const addressKey = (what: string, email: string) => `${what}-address:${sha256(email)}`;
