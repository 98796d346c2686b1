// Opaque cursors: base64url of a small JSON object, tagged with the list it belongs to.
import { isUuid } from '../../domain/src/input-checks';
import { BadCursorError } from './errors';

export type Cursor =
  { k: 'seq'; s: number } | { k: 'log'; x: string; p: string } | { k: 'proj'; c: string; i: string };

const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

export function decodeCursor<K extends Cursor['k']>(text: string, kind: K): Extract<Cursor, { k: K }> {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  const c = value as Record<string, unknown> | null;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    c.k === kind &&
    ((kind === 'seq' && Number.isSafeInteger(c.s) && (c.s as number) >= 0) ||
      (kind === 'log' &&
        typeof c.x === 'string' &&
        /^\d{1,20}$/.test(c.x) &&
        BigInt(c.x) <= MAX_XID8 &&
        typeof c.p === 'string' &&
        /^\d{1,19}$/.test(c.p) &&
        BigInt(c.p) <= MAX_BIGINT) ||
      (kind === 'proj' && isIsoInstant(c.c) && isUuid(c.i)));
  if (!ok) throw new BadCursorError();
  return c as Extract<Cursor, { k: K }>;
}

/** Exactly as toISOString() writes it, so PostgreSQL reads the same instant (no year 275760). */
function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}
