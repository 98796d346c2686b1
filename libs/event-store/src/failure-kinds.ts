// What kind of failure an event-store call met: one a retry cannot fix, or PostgreSQL being
// out of reach for now.
//
// Which failures of an append a retry cannot fix. An accepted step is retried while PostgreSQL
// is away (connection errors, restarts, deadlocks), but input that PostgreSQL refuses is
// refused again on every try: retrying it would hold up the project's every later step.
import { InvalidInputError } from './errors';

/** SQLSTATE classes of errors in the data itself: 22 data exception (e.g. `\u0000` or a lone
 * surrogate in JSON), 23 integrity constraint violation, 54 program limit exceeded. */
const PERMANENT_SQLSTATE_CLASSES = ['22', '23', '54'];

function sqlStateOf(err: unknown): string | null {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** Node's network errors and the pg driver's words for a connection that failed or broke. */
const NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
];
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Connection ended/i;

/**
 * True when PostgreSQL could not be reached or went away mid-query: SQLSTATE class 08
 * (connection exception), 57P01–57P03 (shutting down, cannot connect now), 53300 (too many
 * connections), or a network error before any SQLSTATE.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.includes(code)) return true;
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  const message = e?.driverError?.message ?? e?.message;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

export function isPermanentFailure(err: unknown): boolean {
  if (err instanceof InvalidInputError) return true;
  const state = sqlStateOf(err);
  return state !== null && PERMANENT_SQLSTATE_CLASSES.includes(state.slice(0, 2));
}
