// Applies the event store's pending migrations to DATABASE_URL:
//   node dist/libs/event-store/src/migrate.js
// Prints one line per applied migration; on failure one plain-English line, exit code 1.
import { runAsProgram } from './command-line';
import { runMigrations } from './data-source';

/** Where the database is, without the password. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL given';
  }
}

function isPostgresUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'postgres:' || u.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** One line saying what went wrong, without a stack trace or secrets. */
export function plainReason(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string; errors?: unknown[] } | null;
  const code = e?.code ?? (e?.errors?.[0] as { code?: string } | undefined)?.code;
  const where = describe(url);
  if (code === 'ECONNREFUSED') return `PostgreSQL is not accepting connections at ${where}: is it running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `The database host in DATABASE_URL (${where}) cannot be found.`;
  if (code === 'ETIMEDOUT') return `Connecting to PostgreSQL at ${where} timed out.`;
  if (code === '28P01' || code === '28000')
    return `PostgreSQL refused the user name or password in DATABASE_URL.`;
  if (code === '3D000')
    return `The database named in DATABASE_URL (${where}) does not exist: create it first.`;
  const message = (e?.message ?? String(err)).split('\n')[0].replace(url, '<DATABASE_URL>');
  return message || 'an unknown error occurred.';
}

export async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'Cannot migrate: DATABASE_URL is not set (e.g. postgres://user:password@host:5432/database).',
    );
    return 1;
  }
  if (!isPostgresUrl(url)) {
    console.error(
      'Cannot migrate: DATABASE_URL is not a PostgreSQL URL (postgres://user:password@host:5432/database).',
    );
    return 1;
  }
  try {
    const applied = await runMigrations(url);
    for (const name of applied) console.log(`Applied migration ${name}`);
    if (applied.length === 0) console.log('No migrations to apply: the database schema is up to date.');
    return 0;
  } catch (err) {
    console.error(`Cannot migrate the database: ${plainReason(err, url)}`);
    return 1;
  }
}

runAsProgram(module, main);
