// Reminders can be turned off, one person at a time, by a signed one-click link that works
// without signing in. Messages the charters require are sent regardless.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rowsOf, type Queryable } from './database';

export class MessagePreferences {
  constructor(private readonly db: Queryable) {}

  async remindersOff(preferenceRef: string): Promise<boolean> {
    const [row] = await rowsOf<{ off: boolean }>(
      this.db,
      `SELECT reminders_off AS off FROM message_preferences WHERE recipient = $1`,
      [preferenceRef],
    );
    return row?.off ?? false;
  }

  async setRemindersOff(preferenceRef: string, off: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO message_preferences (recipient, reminders_off) VALUES ($1, $2)
       ON CONFLICT (recipient) DO UPDATE SET reminders_off = $2, updated_at = now()`,
      [preferenceRef, off],
    );
  }
}

const sign = (ref: string, secret: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${ref}`).digest('base64url').slice(0, 32);

/** The token of an unsubscribe link: whose preference it is, and a signature of that. */
export function unsubscribeToken(preferenceRef: string, secret: string): string {
  return `${Buffer.from(preferenceRef).toString('base64url')}.${sign(preferenceRef, secret)}`;
}

/** The preference a token is for, or null when it was not made with this secret. */
export function readUnsubscribeToken(token: string, secret: string): string | null {
  const [encoded, signature] = token.split('.');
  if (!encoded || !signature) return null;
  const ref = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(ref, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? ref : null;
}

export const unsubscribePath = (token: string) => `/messages/unsubscribe/${token}`;
