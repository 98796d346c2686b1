// The offline audit check: recomputes every hash chain straight from the `events` table in
// PostgreSQL (not from the read model, not through the API), and stops at the first break.
//
//   npm run verify-audit -- --project <projectId>   one project (repeat --project for more)
//   npm run verify-audit -- --all                   every project, in project id order
//   npm run verify-audit -- --checkpoint <file>     today's log against an earlier signed
//                                                   checkpoint (with or without the above)
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
//
// A chain recomputes from what is stored, so someone who rewrites an event and every hash
// after it, or removes the last events and rewinds the stream, passes those checks. A signed
// checkpoint (written outside PostgreSQL by the worker or `npm run checkpoint`) catches both:
// with --checkpoint, the Merkle tree of today's whole log must extend the checkpoint's tree
// (an RFC 6962 consistency proof). The checkpoint's signature is checked first, with
// --public-key <name+id+key>, else CHECKPOINT_PUBLIC_KEY, else the public half of the signing
// key file (CHECKPOINT_KEY_FILE, default DATA_DIR/checkpoint-signing.key). Prints
//   ok checkpoint <file>: ...      or      BROKEN checkpoint <file>: <why>
import { Client } from 'pg';
import { eventHash, GENESIS_HASH } from './hash';
import { isUuid } from '../../domain/src/input-checks';
import { plainReason } from './migrate';
import { AuditLogTree, clientQuery } from './transparency/audit-log';
import { readCheckpointFile, type StoredCheckpoint } from './transparency/checkpoint-files';
import { inconsistency } from './transparency/checkpointer';
import { loadVerifier } from './transparency/settings';
import { parseVerifier, type NoteVerifier } from './transparency/signed-note';

/** The database `npm start` runs when DATABASE_URL is not set (scripts/lib/postgres.mjs). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres:password@127.0.0.1:5432/coproduction';

export const EXIT_INTACT = 0;
export const EXIT_BROKEN = 1;
export const EXIT_CANNOT_CHECK = 2;

const BATCH = 1000;

const USAGE = `Checks the audit trail's hash chains straight from PostgreSQL.

  npm run verify-audit -- --project <projectId>   check one project (repeat for more)
  npm run verify-audit -- --all                   check every project
  npm run verify-audit -- --checkpoint <file>     check today's log extends a signed checkpoint
                          [--public-key <key>]    (the key that signed it: <name>+<id>+<base64>)

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

type Args = ({ all: true } | { all: false; projectIds: string[] }) & {
  checkpoints: string[];
  publicKey: string | null;
};

function optionValue(argv: string[], i: number, name: string): string {
  const arg = argv[i];
  const value = arg === name ? argv[i + 1] : arg.slice(name.length + 1);
  if (!value || value.startsWith('--')) throw new CannotCheck(`${name} needs a value after it.`);
  return value;
}

function parseArgs(argv: string[]): Args | 'help' {
  const projectIds: string[] = [];
  const checkpoints: string[] = [];
  let publicKey: string | null = null;
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--checkpoint' || arg.startsWith('--checkpoint=')) {
      checkpoints.push(optionValue(argv, i, '--checkpoint'));
      if (arg === '--checkpoint') i++;
    } else if (arg === '--public-key' || arg.startsWith('--public-key=')) {
      publicKey = optionValue(argv, i, '--public-key');
      if (arg === '--public-key') i++;
    } else if (arg === '--all') {
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
  if (!all && projectIds.length === 0 && checkpoints.length === 0)
    throw new CannotCheck('Say what to check: --project <id>, --all or --checkpoint <file>.');
  if (all) return { all: true, checkpoints, publicKey };
  for (const id of projectIds) {
    if (!isUuid(id)) throw new CannotCheck(`"${id}" is not a project id (project ids are UUIDs).`);
  }
  return { all: false, projectIds, checkpoints, publicKey };
}

/** The key that checks checkpoints; CannotCheck when there is none. */
function checkpointVerifier(args: Args, env: NodeJS.ProcessEnv): NoteVerifier {
  try {
    const verifier = args.publicKey ? parseVerifier(args.publicKey) : loadVerifier(env);
    if (verifier) return verifier;
  } catch (err) {
    throw new CannotCheck(`The public key is not usable: ${(err as Error).message}`);
  }
  throw new CannotCheck(
    'No public key to check the checkpoint with: give --public-key <name+id+key>, set ' +
      'CHECKPOINT_PUBLIC_KEY, or CHECKPOINT_KEY_FILE to the signing key.',
  );
}

/** Reads and authenticates the checkpoint files before anything is compared with them. */
function readCheckpoints(args: Args, env: NodeJS.ProcessEnv): StoredCheckpoint[] {
  if (args.checkpoints.length === 0) return [];
  const verifier = checkpointVerifier(args, env);
  return args.checkpoints.map((file) => {
    try {
      return readCheckpointFile(file, verifier);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CannotCheck(
        code === 'ENOENT'
          ? `There is no checkpoint file ${file}.`
          : `The checkpoint ${file} cannot be used: ${(err as Error).message}`,
      );
    }
  });
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

  let checkpoints: StoredCheckpoint[];
  try {
    checkpoints = readCheckpoints(args, env);
  } catch (err) {
    if (!(err instanceof CannotCheck)) throw err;
    complain(err.message);
    return EXIT_CANNOT_CHECK;
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
    if (checkpoints.length > 0) {
      const log = new AuditLogTree(clientQuery(client));
      await log.catchUp();
      for (const checkpoint of checkpoints) {
        const why = inconsistency(log, checkpoint);
        if (why) {
          print(`BROKEN checkpoint ${checkpoint.file}: ${why}`);
          return EXIT_BROKEN;
        }
        print(
          `ok checkpoint ${checkpoint.file}: today's log of ${log.size} events extends its ` +
            `${checkpoint.size} events (root ${log.tree.root().toString('base64')})`,
        );
      }
    }
    if (args.all || args.projectIds.length > 0)
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
  if (!args.all && args.projectIds.length === 0) {
    print(
      `The log is consistent with ${checkpoints.length === 1 ? 'the checkpoint' : `all ${checkpoints.length} checkpoints`}.`,
    );
  } else if (args.all && checked === 0) print('No projects are recorded yet: there is nothing to check.');
  else print(`${checked === 1 ? 'The chain is' : `All ${checked} chains are`} intact (${events} events).`);
  return EXIT_INTACT;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
