// Appending to a project's stream: one transaction that locks the stream row, checks the
// expected version, chains each event's hash to the one before, inserts the events, moves
// the stream's head, runs the inline projections, keeps contacts and confidential texts
// apart, and announces the events (NOTIFY) for when it commits. A retry of an append that
// already committed returns the stored events.
import canonicalize from 'canonicalize';
import type { DataSource } from 'typeorm';
import type { NewEvent, RecordedEvent } from '../../domain/src/events';
import { isUuid } from '../../domain/src/input-checks';
import { ConcurrencyError, InvalidInputError } from './errors';
import { EVENT_COLUMNS, toRecorded, type EventRow } from './event-rows';
import { eventHash, GENESIS_HASH } from './hash';
import { keepApart, storedPlaceholders, type HeldContact, type ParticipantContact } from './kept-apart';
import type { InlineProjection } from './projection';
import { commitTexts, replaceStrings } from './sealed-texts';
import { inTransaction, instant, type Run } from './sql';

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

/**
 * Appends events to a project's chain in one transaction, with the inline projections and
 * what is kept apart. Throws ConcurrencyError when another step was recorded first.
 */
export async function appendToStream(
  dataSource: DataSource,
  projections: readonly InlineProjection[],
  input: AppendInput,
): Promise<RecordedEvent[]> {
  const { projectId, expectedVersion } = input;
  if (!isUuid(projectId)) throw new InvalidInputError(`"${projectId}" is not a project id (a UUID).`);
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

  return inTransaction(dataSource, 'READ COMMITTED', async (run) => {
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
      if (stored.length === events.length && stored.every((row, i) => sameEvent(unsealed(row), events[i]))) {
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

    let prevHash = stream.headHash;
    const recorded: RecordedEvent[] = toRecord.map((event, i) => {
      const sequence = expectedVersion + i + 1;
      const hash = eventHash(prevHash, {
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
        prevHash,
        hash,
      };
      prevHash = hash;
      return r;
    });

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

    for (const projection of projections) await projection.handle(run, projectId, toRecord, newVersion);
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
  });
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

/** True when a stored row is the event the caller asks to append (a retry of the same append). */
function sameEvent(row: EventRow, event: NewEvent): boolean {
  const stored = toRecorded(row);
  return (
    canonicalize({
      type: stored.type,
      data: stored.data,
      reason: stored.reason,
      actor: stored.actor,
      occurredAt: stored.occurredAt,
    }) ===
    canonicalize({
      type: event.type,
      data: event.data,
      reason: event.reason,
      actor: event.actor,
      occurredAt: event.occurredAt,
    })
  );
}
