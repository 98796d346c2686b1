// Appending to a project's stream. The common append is ONE round trip: when this store
// recorded the project's last step itself (its cache of recent heads holds the version, head
// hash and read-model row it wrote), the events are chained and the row is folded here and
// `append_to_stream` (migration 1797410000000) locks the stream, checks version, head and
// row, inserts, moves the head, writes the row, commits and notifies, in one CALL. Everything
// else takes the transactional path: one transaction that locks the stream row, checks the
// expected version, chains each event's hash to the one before, inserts the events, moves
// the stream's head, runs the inline projections, keeps contacts and confidential texts
// apart, and announces the events (NOTIFY) for when it commits: a cache miss, a stale
// answer from the function, a conflict or a retry (an append that already committed returns
// the stored events), contacts, sealed texts, or projections other than the projects
// read model.
import type { DataSource } from 'typeorm';
import type { NewEvent, RecordedEvent } from '../../domain/src/events';
import { isUuid } from '../../domain/src/input-checks';
import { ConcurrencyError, InvalidInputError } from './errors';
import { EVENT_COLUMNS, toRecorded, type EventRow } from './event-rows';
import { canonicalJson, eventHash, GENESIS_HASH } from './hash';
import { keepApart, storedPlaceholders, type HeldContact, type ParticipantContact } from './kept-apart';
import type { InlineProjection } from './projection';
import { commitTexts, replaceStrings } from './sealed-texts';
import { READ_MODEL_MOVED } from './migrations/1797410000000-AppendInOneStatement';
import {
  applyToReadModel,
  projectsReadModel,
  readModelRowJson,
  readModelUpdate,
  type StoredReadModel,
} from './project-read-model';
import { inTransaction, instant, preparedOn, type Run } from './sql';

/** The channel on which every appended event is announced, after its transaction commits. */
export const PROJECT_EVENTS_CHANNEL = 'project_events';

/** What `pg_notify` sends on `project_events`, one per event. */
export interface ProjectEventNotice {
  projectId: string;
  sequence: number;
  position: number;
}

export interface AppendInput {
  projectId: string;
  /** How many events the caller saw recorded: the new events get sequences from here + 1. */
  expectedVersion: number;
  events: NewEvent[];
  /** Contact details of participants, kept apart from the events (upserted; held ones bound). */
  contacts?: (ParticipantContact | HeldContact)[];
  /**
   * MEETING_GROUP texts whose events hold their placeholder (sealedValueOf); the store puts a
   * salted commitment in its place and keeps text and salt apart.
   */
  confidentialTexts?: string[];
}

/** What this store last wrote for a project: enough to append the next step in one statement. */
interface Head {
  version: number;
  headHash: string;
  readModel: StoredReadModel;
  /** The read-model row's xmin when this store wrote it: any other write changes it. */
  xmin: string;
}

/**
 * The heads of the projects this store appended to most recently (at most `capacity`, the
 * least recently used dropped first). An entry is only a guess: append_to_stream checks it
 * against the stream and the row, and a wrong guess costs a fall back, never a wrong write.
 */
export class HeadCache {
  private readonly heads = new Map<string, Head>();
  /** False once PostgreSQL refused the function (not migrated, or not granted): no more tries. */
  enabled = true;

  constructor(readonly capacity = 500) {}

  get(projectId: string): Head | undefined {
    const head = this.heads.get(projectId);
    if (head) {
      this.heads.delete(projectId);
      this.heads.set(projectId, head);
    }
    return head;
  }

  /** Keeps `head` unless a later head of the project is already kept. */
  set(projectId: string, head: Head): void {
    const known = this.heads.get(projectId);
    if (known && known.version > head.version) return;
    this.heads.delete(projectId);
    this.heads.set(projectId, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(projectId: string): void {
    this.heads.delete(projectId);
  }

  get size(): number {
    return this.heads.size;
  }
}

/** Chains the events on from `prevHash`: the events as recorded, and the new head hash. */
function chainEvents(
  projectId: string,
  expectedVersion: number,
  prevHash: string,
  toRecord: NewEvent[],
): { recorded: RecordedEvent[]; head: string } {
  let head = prevHash;
  const recorded = toRecord.map((event, i) => {
    const sequence = expectedVersion + i + 1;
    const hash = eventHash(head, {
      actorId: event.actor.id,
      data: event.data,
      occurredAt: event.occurredAt,
      projectId,
      reason: event.reason,
      sequence,
      type: event.type,
    });
    const r: RecordedEvent = {
      ...event,
      id: `${projectId}:${sequence}`,
      projectId,
      sequence,
      prevHash: head,
      hash,
    };
    head = hash;
    return r;
  });
  return { recorded, head };
}

const FALL_BACK = Symbol('fall back to the transactional path');

/**
 * The append in one statement (append_to_stream), from this store's cached head. FALL_BACK
 * when the function answers that the stream or the row moved on, or cannot be used here.
 */
async function appendInOneStatement(
  dataSource: DataSource,
  heads: HeadCache,
  head: Head,
  projectId: string,
  toRecord: NewEvent[],
): Promise<RecordedEvent[] | typeof FALL_BACK> {
  const expectedVersion = head.version;
  const newVersion = expectedVersion + toRecord.length;
  let update;
  try {
    update = readModelUpdate(projectId, head.readModel, toRecord, newVersion);
  } catch {
    return FALL_BACK; // the transactional path folds (and fails) the same way, from the stored row
  }
  const { recorded, head: newHead } = chainEvents(projectId, expectedVersion, head.headHash, toRecord);
  const events = JSON.stringify(
    recorded.map((e) => ({
      sequence: e.sequence,
      type: e.type,
      actor_id: e.actor.id,
      actor_name: e.actor.displayName,
      actor_roles: e.actor.roles,
      occurred_at: e.occurredAt,
      data: e.data,
      reason: e.reason,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  let rows: { xmin: string | null }[];
  try {
    rows = await preparedOn(dataSource)<{ xmin: string | null }>(
      `CALL append_to_stream($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, NULL)`,
      [
        projectId,
        expectedVersion,
        head.headHash,
        head.xmin,
        newHead,
        events,
        readModelRowJson(update.row),
        JSON.stringify(update.added),
        update.feedbackFrom,
      ],
    );
  } catch (err) {
    heads.forget(projectId);
    const code = (err as { code?: string }).code;
    if (code === READ_MODEL_MOVED) return FALL_BACK;
    // undefined_function, insufficient_privilege: this database cannot append in one statement.
    if (code === '42883' || code === '42501') {
      heads.enabled = false;
      return FALL_BACK;
    }
    throw err;
  }
  const xmin = rows[0]?.xmin;
  if (!xmin) {
    heads.forget(projectId);
    return FALL_BACK;
  }
  heads.set(projectId, { version: newVersion, headHash: newHead, readModel: update.stored, xmin });
  return recorded;
}

/**
 * Appends events to a project's chain, with the inline projections and what is kept apart:
 * in one statement from `heads` when it can, else in one transaction. Throws
 * ConcurrencyError when another step was recorded first.
 */
export async function appendToStream(
  dataSource: DataSource,
  projections: readonly InlineProjection[],
  input: AppendInput,
  heads?: HeadCache,
): Promise<RecordedEvent[]> {
  const { expectedVersion } = input;
  if (!isUuid(input.projectId))
    throw new InvalidInputError(`"${input.projectId}" is not a project id (a UUID).`);
  // PostgreSQL writes uuids in lower case, and the hash covers the id: one spelling throughout.
  const projectId = input.projectId.toLowerCase();
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new InvalidInputError(
      `expectedVersion must be a whole number of at least 0, not ${expectedVersion}.`,
    );
  }
  const events = input.events.map(normalise);
  if (events.length === 0) return [];
  // MEETING_GROUP texts: the decision's placeholders become salted commitments (sealed-texts.ts).
  const sealed = commitTexts(input.confidentialTexts ?? []);
  const commitments = new Map([...sealed].map(([placeholder, s]) => [placeholder, s.commitment]));
  const toRecord = events.map((e) => ({ ...e, data: replaceStrings(e.data, commitments) }));

  const onlyProjects = projections.length === 1 && projections[0] === projectsReadModel;
  const oneStatement = onlyProjects && heads?.enabled && sealed.size === 0 && !input.contacts?.length;
  const cached = oneStatement ? heads.get(projectId) : undefined;
  if (cached && cached.version === expectedVersion) {
    const recorded = await appendInOneStatement(dataSource, heads!, cached, projectId, toRecord);
    if (recorded !== FALL_BACK) return recorded;
  }

  let written: Head | null = null;
  const result = await inTransaction(dataSource, 'READ COMMITTED', async (run) => {
    const stream = await lockStream(run, projectId);
    if (stream.version > expectedVersion) {
      // Either this is a retry of an append that committed (its rows are there), or
      // another step got in first.
      const stored = await run<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE project_id = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence`,
        [projectId, expectedVersion, expectedVersion + events.length],
      );
      // Stored commitments read back as the placeholders a retry carries (its salts are new).
      const placeholders =
        sealed.size > 0 ? await storedPlaceholders(run, projectId) : new Map<string, string>();
      const unsealed = (row: EventRow) => ({ ...row, data: replaceStrings(row.data, placeholders) });
      if (stored.length === events.length && stored.every((row, i) => sameStep(unsealed(row), events[i]))) {
        return stored.map(toRecorded);
      }
      const storedTypes = stored.map((r) => r.type).join(', ');
      throw new ConcurrencyError(
        projectId,
        expectedVersion,
        stream.version,
        `Project ${projectId} already has other events after version ${expectedVersion} (${storedTypes}), ` +
          `not the ${events.map((e) => e.type).join(', ')} asked for: another step was recorded first. ` +
          `Read the project again (it has ${stream.version} events) and retry.`,
      );
    }
    if (stream.version !== expectedVersion) {
      throw new ConcurrencyError(projectId, expectedVersion, stream.version);
    }

    const { recorded, head: prevHash } = chainEvents(projectId, expectedVersion, stream.headHash, toRecord);

    const values: string[] = [];
    const params: unknown[] = [];
    for (const e of recorded) {
      const row = [
        projectId,
        e.sequence,
        e.type,
        e.actor.id,
        e.actor.displayName,
        e.actor.roles,
        e.occurredAt,
        JSON.stringify(e.data),
        e.reason,
        e.prevHash,
        e.hash,
      ];
      const n = params.length;
      values.push(
        `($${n + 1}::uuid, $${n + 2}::int, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}::text[], ` +
          `$${n + 7}::timestamptz, $${n + 8}::jsonb, $${n + 9}, $${n + 10}, $${n + 11})`,
      );
      params.push(...row);
    }
    const inserted = await run<{ position: string; sequence: number }>(
      `INSERT INTO events (project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at,
                           data, reason, prev_hash, hash)
       VALUES ${values.join(', ')}
       RETURNING position, sequence`,
      params,
    );
    const newVersion = expectedVersion + recorded.length;
    await run(`UPDATE event_streams SET version = $2, head_hash = $3 WHERE project_id = $1`, [
      projectId,
      newVersion,
      prevHash,
    ]);

    if (onlyProjects) {
      const stored = await applyToReadModel(run, projectId, toRecord, newVersion);
      written = { version: newVersion, headHash: prevHash, readModel: stored, xmin: stored.xmin };
    } else {
      for (const projection of projections) await projection.handle(run, projectId, toRecord, newVersion);
    }
    await keepApart(run, projectId, input.contacts ?? [], [...sealed.values()]);

    const notices = inserted.map((row) =>
      JSON.stringify({
        projectId,
        sequence: row.sequence,
        position: Number(row.position),
      } satisfies ProjectEventNotice),
    );
    await run(`SELECT pg_notify('${PROJECT_EVENTS_CHANNEL}', n) FROM unnest($1::text[]) AS n`, [notices]);
    return recorded;
  }).catch((err: unknown) => {
    heads?.forget(projectId);
    throw err;
  });
  // Committed: the next append to this project can be one statement.
  if (written && heads) heads.set(projectId, written);
  else heads?.forget(projectId);
  return result;
}

/** Locks the project's stream row (creating it at version 0 for a new project). */
async function lockStream(run: Run, projectId: string): Promise<{ version: number; headHash: string }> {
  const lock = () =>
    run<{ version: number; head_hash: string }>(
      `SELECT version, head_hash FROM event_streams WHERE project_id = $1 FOR UPDATE`,
      [projectId],
    );
  let rows = await lock();
  if (rows.length === 0) {
    // A concurrent creator makes this wait for its commit; then the row is there to lock.
    await run(
      `INSERT INTO event_streams (project_id, version, head_hash) VALUES ($1, 0, $2)
       ON CONFLICT (project_id) DO NOTHING`,
      [projectId, GENESIS_HASH],
    );
    rows = await lock();
  }
  return { version: rows[0].version, headHash: rows[0].head_hash };
}

/** Throws unless `value` is plain JSON with whole numbers only (CONTRACT.md "Values"). */
function assertPlainJson(value: unknown, path: string): void {
  if (typeof value === 'string') {
    // PostgreSQL's jsonb cannot hold the NUL character.
    if (value.includes('\u0000')) throw new InvalidInputError(`${path} contains a NUL character.`);
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidInputError(`${path} is ${value}: event data may hold only whole numbers.`);
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      assertPlainJson(key, `${path} key "${key}"`);
      if (item !== undefined) assertPlainJson(item, `${path}.${key}`);
    }
    return;
  }
  throw new InvalidInputError(
    `${path} is not plain JSON (strings, whole numbers, booleans, null, arrays, objects).`,
  );
}

/** The event as it will be stored and read back: the form its hash is computed over. */
function normalise(event: NewEvent, index: number): NewEvent {
  const where = `Event ${index + 1}`;
  const type: unknown = event?.type;
  if (typeof type !== 'string' || type === '') throw new InvalidInputError(`${where} has no type.`);
  const actor = event.actor;
  if (
    !actor ||
    typeof actor.id !== 'string' ||
    actor.id === '' ||
    typeof actor.displayName !== 'string' ||
    !Array.isArray(actor.roles) ||
    !actor.roles.every((r) => typeof r === 'string')
  ) {
    throw new InvalidInputError(`${where} (${event.type}) has no valid actor (id, displayName, roles).`);
  }
  if (event.reason !== null && event.reason !== undefined && typeof event.reason !== 'string') {
    throw new InvalidInputError(`${where} (${event.type}) has a reason that is not text.`);
  }
  assertPlainJson(event.data, `${where} (${event.type}) data`);
  return {
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as NewEvent['data'],
    reason: event.reason ?? null,
    actor: { id: actor.id, displayName: actor.displayName, roles: [...actor.roles] },
    occurredAt: instant(event.occurredAt, `${where} (${event.type}) occurredAt`),
  };
}

/**
 * True when a stored row is the event the caller asks to append, at the same time or an
 * earlier one: a retry of the same append, or the same step decided again. A step recorded
 * as a local activity is decided in the workflow task that records it; if the worker dies
 * after the append committed but before that task completed, the next worker decides the
 * step again, at its own (later) time, and must find the first decision's rows.
 */
function sameStep(row: EventRow, event: NewEvent): boolean {
  const stored = toRecorded(row);
  return (
    stored.occurredAt <= event.occurredAt &&
    canonicalJson({ type: stored.type, data: stored.data, reason: stored.reason, actor: stored.actor }) ===
      canonicalJson({ type: event.type, data: event.data, reason: event.reason, actor: event.actor })
  );
}
