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
import { Client, types, type QueryArrayConfig } from 'pg';
import { eventHash, GENESIS_HASH } from './hash';
import { isUuid } from '../../domain/src/input-checks';
import { plainReason } from './migrate';
import { AuditLogTree, clientQuery } from './transparency/audit-log';
import { readCheckpointFile, type StoredCheckpoint } from './transparency/checkpoint-files';
import { inconsistency } from './transparency/checkpointer';
import { loadVerifier } from './transparency/settings';
import { parseVerifier, type NoteVerifier } from './transparency/signed-note';
import { processCommandLine, runAsProgram, type CommandLine } from './command-line';

/** The database `npm start` runs when DATABASE_URL is not set (scripts/lib/postgres.mjs). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres:password@127.0.0.1:5432/coproduction';

export const EXIT_INTACT = 0;
export const EXIT_BROKEN = 1;
export const EXIT_CANNOT_CHECK = 2;

const BATCH = 1000;
/** Rows per FETCH of the --all cursor; the next batch is fetched while this one is checked. */
const CURSOR_BATCH = 5000;

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

/**
 * An event row as text, in the order of EVENT_TEXT_COLUMNS: every value as PostgreSQL writes
 * it (no type parsing by the driver); the check parses only what it hashes.
 */
type EventTextRow = [
  projectId: string,
  sequence: string,
  type: string,
  actorId: string,
  occurredAt: string,
  data: string,
  reason: string | null,
  prevHash: string,
  hash: string,
];

/** The columns the chain check reads, in EventTextRow's order. */
export const EVENT_TEXT_COLUMNS = `project_id, sequence, type, actor_id, occurred_at, data, reason, prev_hash, hash`;

/** Every value as the text PostgreSQL sends. */
const asText = { getTypeParser: () => (value: string) => value };

/** A query whose rows come back as arrays of text. */
export const textRows = (text: string, values?: unknown[]): QueryArrayConfig => ({
  text,
  values,
  rowMode: 'array',
  types: asText,
});

/** The driver's own parse of a timestamptz (what the check used before it read text). */
const parseTimestamp = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;

const TIMESTAMP_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as text (DateStyle ISO, TimeZone UTC) in the form the hash covers: what
 * `new Date(...)` of the driver's parse then toISOString() gives, without building a Date
 * for the common form (milliseconds truncated, as the Date has no finer).
 */
export function isoInstant(text: string): string {
  const m = TIMESTAMP_UTC.exec(text);
  if (!m) return parseTimestamp(text).toISOString();
  const ms = m[3] === undefined ? '000' : m[3].length >= 3 ? m[3].slice(0, 3) : m[3].padEnd(3, '0');
  return `${m[1]}T${m[2]}.${ms}Z`;
}

/** One project's chain, event by event, checked against its stream row at the end. */
class ChainCheckState {
  private count = 0;
  private head = GENESIS_HASH;

  constructor(readonly stream: Stream) {}

  private broken(sequence: number, why: string): ChainCheck {
    return { intact: false, projectId: this.stream.project_id, sequence, why };
  }

  /** Adds the next stored event; the break when it breaks the chain, else null. */
  add(row: EventTextRow): ChainCheck | null {
    const sequence = Number(row[1]);
    const prevHash = row[7];
    const hash = row[8];
    const expected = this.count + 1;
    if (sequence !== expected) {
      return this.broken(
        expected,
        `event ${expected} is missing: the next stored event has sequence ${sequence}.`,
      );
    }
    if (prevHash !== this.head) {
      return this.broken(
        sequence,
        sequence === 1
          ? `its prevHash is ${short(prevHash)}, not 64 zeros as the first event's must be.`
          : `its prevHash ${short(prevHash)} is not the hash of event ${sequence - 1} ` +
              `(${short(this.head)}): the chain was cut or an event before it was replaced.`,
      );
    }
    const recomputed = eventHash(prevHash, {
      actorId: row[3],
      data: JSON.parse(row[5]),
      occurredAt: isoInstant(row[4]),
      projectId: row[0],
      reason: row[6],
      sequence,
      type: row[2],
    });
    if (recomputed !== hash) {
      return this.broken(
        sequence,
        `its stored hash ${short(hash)} does not match its content (recomputed ${short(recomputed)}): ` +
          `the event (${row[2]}) was changed after it was recorded.`,
      );
    }
    this.count = sequence;
    this.head = hash;
    return null;
  }

  /** After the last stored event: the stream row must agree with it. */
  finish(): ChainCheck {
    const { count, head, stream } = this;
    if (stream.version > count) {
      return this.broken(
        count + 1,
        `the event stream records ${stream.version} events but only ${count} are stored: ` +
          `events from ${count + 1} on were removed.`,
      );
    }
    if (stream.version < count) {
      return this.broken(
        stream.version + 1,
        `the event stream records ${stream.version} events but ${count} are stored: ` +
          `events from ${stream.version + 1} on were added outside the event store.`,
      );
    }
    if (count > 0 && stream.head_hash !== head) {
      return this.broken(
        count,
        `the event stream's head hash ${short(stream.head_hash)} is not the hash of the last event (${short(head)}).`,
      );
    }
    return { intact: true, projectId: stream.project_id, eventCount: count, headHash: head };
  }
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

/**
 * Recomputes one project's chain from its stored events, in batches, against its stream row.
 * The session must write timestamps as ISO in UTC (`readAsText`).
 */
export async function checkChain(client: Client, stream: Stream): Promise<ChainCheck> {
  const chain = new ChainCheckState(stream);
  for (let after = 0; ;) {
    const { rows } = await client.query<EventTextRow>(
      textRows(
        `SELECT ${EVENT_TEXT_COLUMNS} FROM events WHERE project_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
        [stream.project_id, after, BATCH],
      ),
    );
    for (const row of rows) {
      const broken = chain.add(row);
      if (broken) return broken;
    }
    if (rows.length < BATCH) break;
    after = Number(rows[rows.length - 1][1]);
  }
  return chain.finish();
}

/** Sets the transaction's session up to send timestamps the way isoInstant reads them. */
export async function readAsText(client: Client): Promise<void> {
  await client.query(`SET LOCAL DateStyle = 'ISO'; SET LOCAL TimeZone = 'UTC'`);
}

/**
 * Reads a cursor's rows batch by batch, as text: the next FETCH is on its way while the
 * caller checks the batch before it.
 */
export async function* cursorBatches(
  client: Client,
  name: string,
  sql: string,
  batch = CURSOR_BATCH,
): AsyncGenerator<string[][]> {
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  const fetch = () => client.query<string[]>(textRows(`FETCH ${batch} FROM ${name}`));
  let next = fetch();
  for (;;) {
    const { rows } = await next;
    if (rows.length === batch) next = fetch();
    if (rows.length > 0) yield rows;
    if (rows.length < batch) break;
  }
  await client.query(`CLOSE ${name}`);
}

/**
 * Every project's chain in one pass: one cursor over all events in (project, sequence) order
 * merged with one over the streams in project order. Yields each project's result in turn.
 */
async function* checkAllChains(client: Client): AsyncGenerator<ChainCheck> {
  const streams = cursorBatches(
    client,
    'audit_streams',
    `SELECT project_id, version, head_hash FROM event_streams ORDER BY project_id`,
    BATCH,
  );
  const events = cursorBatches(
    client,
    'audit_events',
    `SELECT ${EVENT_TEXT_COLUMNS} FROM events ORDER BY project_id, sequence`,
  );
  let eventBatch: string[][] = [];
  let i = 0;
  const nextEvent = async (): Promise<EventTextRow | null> => {
    if (i === eventBatch.length) {
      const { value, done } = await events.next();
      if (done) return null;
      eventBatch = value;
      i = 0;
    }
    return eventBatch[i] as EventTextRow;
  };
  let event = await nextEvent();
  for await (const batch of streams) {
    for (const [project_id, version, head_hash] of batch) {
      const chain = new ChainCheckState({ project_id, version: Number(version), head_hash });
      let broken: ChainCheck | null = null;
      while (event && event[0] === project_id) {
        if (!broken) broken = chain.add(event);
        if (broken) {
          yield broken;
          return;
        }
        i += 1;
        event = i < eventBatch.length ? (eventBatch[i] as EventTextRow) : await nextEvent();
      }
      yield chain.finish();
    }
  }
  if (event) throw new CannotCheck(`Project ${event[0]} has events but no event stream row.`);
}

/** The projects asked for, each checked on its own, in the order given. */
async function* checkEach(client: Client, args: Args & { all: false }): AsyncGenerator<ChainCheck> {
  for (const projectId of args.projectIds) {
    const { rows } = await client.query<Stream>(
      `SELECT project_id::text, version, head_hash FROM event_streams WHERE project_id = $1`,
      [projectId],
    );
    if (rows.length === 0) {
      throw new CannotCheck(`No project ${projectId} is recorded in this database: check the id.`);
    }
    yield await checkChain(client, rows[0]);
  }
}

export async function main(
  { argv, env, print, complain }: CommandLine = processCommandLine(),
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
    await readAsText(client);
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
    const results = args.all ? checkAllChains(client) : checkEach(client, args);
    if (args.all || args.projectIds.length > 0)
      for await (const result of results) {
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

runAsProgram(module, main);
