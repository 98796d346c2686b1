// The offline audit check: recomputes every hash chain straight from the `events` table in
// PostgreSQL (not from the read model, not through the API), and stops at the first break.
//
//   npm run verify-audit -- --project <projectId>   one project (repeat --project for more)
//   npm run verify-audit -- --all                   every project, in project id order
//
// (`npm run verify-audit` builds dist/ first when this file is not built yet; then it runs
// `node dist/libs/event-store/src/verify-audit.js` with the same arguments.)
//
// The database is DATABASE_URL, or the one `npm start` runs by default
// (postgres://postgres:password@127.0.0.1:5432/coproduction).
//
// Prints one line per project checked:   ok <projectId> <n> events <headHash>
// and at the first break, then stops:    BROKEN project <id> at sequence <n>: <why>
//
// Exit codes: 0 every chain checked is intact; 1 a chain is broken; 2 nothing could be
// checked (wrong arguments, an unknown project, or PostgreSQL not reachable).
//
// Per project, in one snapshot: sequences run 1, 2, 3... without a gap; each prevHash is
// the hash of the event before (64 zeros for the first); each hash is recomputed from the
// event as stored (CONTRACT.md "Audit events"); and the stream's recorded version and head
// hash agree with the last event, so events removed from the end are found too.
import { Client } from 'pg';
import { eventHash, GENESIS_HASH } from './hash';
import { isUuid } from '../../domain/src/input-checks';
import { plainReason } from './migrate';

/** The database `npm start` runs when DATABASE_URL is not set (scripts/lib/postgres.mjs). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres:password@127.0.0.1:5432/coproduction';

export const EXIT_INTACT = 0;
export const EXIT_BROKEN = 1;
export const EXIT_CANNOT_CHECK = 2;

const BATCH = 1000;

const USAGE = `Checks the audit trail's hash chains straight from PostgreSQL.

  npm run verify-audit -- --project <projectId>   check one project (repeat for more)
  npm run verify-audit -- --all                   check every project

Uses DATABASE_URL, or ${DEFAULT_DATABASE_URL} when it is not set.
Exit code 0: intact; 1: a chain is broken (the line starting BROKEN says where and why);
2: nothing could be checked.`;

interface Stream {
  project_id: string;
  version: number;
  head_hash: string;
}

interface EventRow {
  project_id: string;
  sequence: number;
  type: string;
  actor_id: string;
  occurred_at: Date;
  data: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export type ChainCheck =
  | { intact: true; projectId: string; eventCount: number; headHash: string }
  | { intact: false; projectId: string; sequence: number; why: string };

class CannotCheck extends Error {}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

type Args = { all: true } | { all: false; projectIds: string[] };

function parseArgs(argv: string[]): Args | 'help' {
  const projectIds: string[] = [];
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--all') {
      all = true;
    } else if (arg === '--project' || arg.startsWith('--project=')) {
      const value = arg === '--project' ? argv[++i] : arg.slice('--project='.length);
      if (!value || value.startsWith('--')) throw new CannotCheck('--project needs a project id after it.');
      projectIds.push(value);
    } else {
      throw new CannotCheck(`"${arg}" is not an option this command knows.`);
    }
  }
  if (all && projectIds.length > 0) throw new CannotCheck('Give either --all or --project <id>, not both.');
  if (!all && projectIds.length === 0)
    throw new CannotCheck('Say which chains to check: --project <id> or --all.');
  if (all) return { all: true };
  for (const id of projectIds) {
    if (!isUuid(id)) throw new CannotCheck(`"${id}" is not a project id (project ids are UUIDs).`);
  }
  return { all: false, projectIds };
}

/** Recomputes one project's chain from its stored events, in batches, against its stream row. */
export async function checkChain(client: Client, stream: Stream): Promise<ChainCheck> {
  const projectId = stream.project_id;
  const broken = (sequence: number, why: string): ChainCheck => ({ intact: false, projectId, sequence, why });
  let count = 0;
  let head = GENESIS_HASH;
  for (;;) {
    const { rows } = await client.query<EventRow>(
      `SELECT project_id::text, sequence, type, actor_id, occurred_at, data, reason, prev_hash, hash
       FROM events WHERE project_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [projectId, count, BATCH],
    );
    for (const row of rows) {
      const expected = count + 1;
      if (row.sequence !== expected) {
        return broken(
          expected,
          `event ${expected} is missing: the next stored event has sequence ${row.sequence}.`,
        );
      }
      if (row.prev_hash !== head) {
        return broken(
          row.sequence,
          row.sequence === 1
            ? `its prevHash is ${short(row.prev_hash)}, not 64 zeros as the first event's must be.`
            : `its prevHash ${short(row.prev_hash)} is not the hash of event ${row.sequence - 1} ` +
                `(${short(head)}): the chain was cut or an event before it was replaced.`,
        );
      }
      const recomputed = eventHash(row.prev_hash, {
        actorId: row.actor_id,
        data: row.data,
        occurredAt: row.occurred_at.toISOString(),
        projectId: row.project_id,
        reason: row.reason,
        sequence: row.sequence,
        type: row.type,
      });
      if (recomputed !== row.hash) {
        return broken(
          row.sequence,
          `its stored hash ${short(row.hash)} does not match its content (recomputed ${short(recomputed)}): ` +
            `the event (${row.type}) was changed after it was recorded.`,
        );
      }
      count = row.sequence;
      head = row.hash;
    }
    if (rows.length < BATCH) break;
  }
  if (stream.version > count) {
    return broken(
      count + 1,
      `the event stream records ${stream.version} events but only ${count} are stored: ` +
        `events from ${count + 1} on were removed.`,
    );
  }
  if (stream.version < count) {
    return broken(
      stream.version + 1,
      `the event stream records ${stream.version} events but ${count} are stored: ` +
        `events from ${stream.version + 1} on were added outside the event store.`,
    );
  }
  if (count > 0 && stream.head_hash !== head) {
    return broken(
      count,
      `the event stream's head hash ${short(stream.head_hash)} is not the hash of the last event (${short(head)}).`,
    );
  }
  return { intact: true, projectId, eventCount: count, headHash: head };
}

/** The streams to check, one page at a time, in project id order. */
async function* streamsToCheck(client: Client, args: Args): AsyncGenerator<Stream> {
  if (!args.all) {
    for (const projectId of args.projectIds) {
      const { rows } = await client.query<Stream>(
        `SELECT project_id::text, version, head_hash FROM event_streams WHERE project_id = $1`,
        [projectId],
      );
      if (rows.length === 0) {
        throw new CannotCheck(`No project ${projectId} is recorded in this database: check the id.`);
      }
      yield rows[0];
    }
    return;
  }
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: Stream[] } = await client.query<Stream>(
      `SELECT project_id::text, version, head_hash FROM event_streams
       WHERE $1::uuid IS NULL OR project_id > $1::uuid ORDER BY project_id LIMIT $2`,
      [after, BATCH],
    );
    yield* rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].project_id;
  }
}

export async function main(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = (line) => console.log(line),
  complain: (line: string) => void = (line) => console.error(line),
): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof CannotCheck)) throw err;
    complain(`${err.message}\n\n${USAGE}`);
    return EXIT_CANNOT_CHECK;
  }
  if (args === 'help') {
    print(USAGE);
    return EXIT_INTACT;
  }

  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const client = new Client({ connectionString: url, application_name: 'verify-audit' });
  client.on('error', () => undefined); // a server going away is reported by the query that fails
  let checked = 0;
  let events = 0;
  try {
    await client.connect();
    // One snapshot for the whole check: appends going on meanwhile are neither half-seen nor
    // mistaken for breaks.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for await (const stream of streamsToCheck(client, args)) {
      const result = await checkChain(client, stream);
      if (!result.intact) {
        print(`BROKEN project ${result.projectId} at sequence ${result.sequence}: ${result.why}`);
        return EXIT_BROKEN;
      }
      print(`ok ${result.projectId} ${result.eventCount} events ${result.headHash}`);
      checked += 1;
      events += result.eventCount;
    }
    await client.query('COMMIT');
  } catch (err) {
    complain(
      err instanceof CannotCheck
        ? err.message
        : `Cannot check the audit trail: ${plainReason(err, url)}${env.DATABASE_URL ? '' : ' (DATABASE_URL is not set, so the default local database was used.)'}`,
    );
    return EXIT_CANNOT_CHECK;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (args.all && checked === 0) print('No projects are recorded yet: there is nothing to check.');
  else print(`${checked === 1 ? 'The chain is' : `All ${checked} chains are`} intact (${events} events).`);
  return EXIT_INTACT;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
