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

export function isPermanentFailure(err: unknown): boolean {
  if (err instanceof InvalidInputError) return true;
  const state = sqlStateOf(err);
  return state !== null && PERMANENT_SQLSTATE_CLASSES.includes(state.slice(0, 2));
}
