// The event store: append-only, hash-chained events per project in PostgreSQL, with the
// projects read model updated in the same transaction as every append.
import canonicalize from 'canonicalize';
import type { DataSource, QueryRunner } from 'typeorm';
import type { EventType, NewEvent, RecordedEvent } from '../../domain/src/events';
import { sealedValueOf } from '../../domain/src/confidential';
import { applyEvents, upgradeState, type ProjectState } from '../../domain/src/project-state';
import type { LadderLevel, ProjectPhase } from '../../domain/src/vocabulary';
import { BadCursorError, ConcurrencyError, InvalidInputError } from './errors';
import { ChainVerifier, eventHash, GENESIS_HASH, type ChainVerification } from './hash';

/** The channel on which every appended event is announced, after its transaction commits. */
export const PROJECT_EVENTS_CHANNEL = 'project_events';

/** What `pg_notify` sends on `project_events`, one per event. */
export interface ProjectEventNotice {
  projectId: string;
  sequence: number;
  position: number;
}

export interface ParticipantContact {
  participantId: string;
  email: string;
}

export interface AppendInput {
  projectId: string;
  /** How many events the caller saw recorded: the new events get sequences from here + 1. */
  expectedVersion: number;
  events: NewEvent[];
  /** Contact details of participants, kept apart from the events (upserted). */
  contacts?: ParticipantContact[];
  /** MEETING_GROUP texts whose events hold only "sha256:<hex>" of them (kept apart). */
  confidentialTexts?: string[];
}

export interface AuditTrailFilter {
  /**
   * Only events of projects this reader may read, decided inside the query against the
   * projects read model (participants, charter, confidentiality): nothing is listed first.
   */
  readableBy?: ReadScope;
  /** Restrict to these projects; undefined = every project. */
  projectIds?: readonly string[];
  /** One project's trail, by ascending sequence. */
  projectId?: string;
  actorId?: string;
  types?: readonly string[];
  /** Events that occurred at or after this instant. */
  from?: string | Date;
  /** Events that occurred at or before this instant. */
  to?: string | Date;
}

export interface PageRequest {
  /** An opaque cursor from an earlier page (`endCursor` or one of `cursors`). */
  after?: string | null;
  first: number;
}

/**
 * How the store found a cross-project page (readAuditTrail): the events of a time range read
 * whole, the merged ranges of a few readable projects, or a walk along the log; `project` for
 * one project's trail. Absent on an empty page. For diagnostics and tests.
 */
export type AuditPageWay = 'time' | 'merge' | 'walk' | 'project';

export interface AuditTrailPage {
  events: RecordedEvent[];
  way?: AuditPageWay;
  /** The cursor of each event, in the same order. */
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ProjectVerification extends ChainVerification {
  projectId: string;
}

/** Who reads: a project is readable if they take part in it, or by their charters' roles. */
export interface ReadScope {
  personId: string;
  /** Charters the reader belongs to: they read the PUBLIC projects of these. */
  charterIds: readonly string[];
  /** Charters where the reader is BOARD or FORUM: they read every project of these. */
  boardOrForumCharterIds: readonly string[];
}

export interface ProjectListFilter {
  readableBy?: ReadScope;
  charterId?: string | null;
  phase?: ProjectPhase | null;
  /** The agreed level, or the proposed one while none is agreed. */
  ladderLevel?: LadderLevel | null;
  hasBreaches?: boolean | null;
  /** Case-insensitive substring of the title. */
  search?: string | null;
}

export interface ProjectPage {
  projects: ProjectState[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  /** The cursor of a project on this page. */
  cursorOf(project: ProjectState): string;
}

/** Pages are capped here whatever the caller asks (the API caps `first` at 100 itself). */
const MAX_PAGE = 1000;
const VERIFY_BATCH = 1000;
/**
 * A cross-project audit page for a reader of at most this many projects merges each
 * project's own index range; for more, it walks the log in order and keeps the readable
 * events, which is quick because such readers read a good share of it (readAuditTrail).
 */
const FEW_PROJECTS = 100;
/**
 * A time range of about this many events or fewer is read whole from the time index for
 * every page (tens of milliseconds at most), rather than by walking the log from the cursor.
 */
const TIME_RANGE_READ_WHOLE = 100_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EVENT_COLUMNS = `position, project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at,
  data, reason, prev_hash, hash, transaction_id::text AS xact_id`;

/** EVENT_COLUMNS of the events table aliased `e`. */
const AUDIT_COLUMNS = `e.position, e.project_id, e.sequence, e.type, e.actor_id, e.actor_name, e.actor_roles,
  e.occurred_at, e.data, e.reason, e.prev_hash, e.hash, e.transaction_id::text AS xact_id`;

interface EventRow {
  position: string;
  project_id: string;
  sequence: number;
  type: string;
  actor_id: string;
  actor_name: string;
  actor_roles: string[];
  occurred_at: Date;
  data: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** The writing transaction (xid8), as text. */
  xact_id: string;
}

type Run = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: `${row.project_id}:${row.sequence}`,
    projectId: row.project_id,
    sequence: row.sequence,
    type: row.type as EventType,
    data: row.data as RecordedEvent['data'],
    reason: row.reason,
    actor: { id: row.actor_id, displayName: row.actor_name, roles: row.actor_roles },
    occurredAt: row.occurred_at.toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function pageSize(first: number): number {
  if (!Number.isFinite(first)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(first)));
}

function instant(value: string | Date, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(`${what} is not a valid date and time.`);
  return date.toISOString();
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

function readModelRow(state: ProjectState): unknown[] {
  const personIds = (roles?: string[]) => [
    ...new Set(
      state.participants
        .filter((p) => p.personId !== null && (!roles || roles.includes(p.role)))
        .map((p) => p.personId as string),
    ),
  ];
  return [
    state.id,
    state.charterId,
    state.title,
    state.phase,
    state.confidentiality,
    state.ladder.proposedLevel,
    state.ladder.agreedLevel,
    state.breaches.length > 0,
    personIds(),
    personIds(['LEAD']),
    JSON.stringify(state),
    state.version,
    state.createdAt,
    state.updatedAt,
  ];
}

// ---- opaque cursors: base64url of a small JSON object, tagged with the list it belongs to.

type Cursor =
  { k: 'seq'; s: number } | { k: 'log'; x: string; p: string } | { k: 'proj'; c: string; i: string };

const MAX_XID8 = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decodeCursor<K extends Cursor['k']>(text: string, kind: K): Extract<Cursor, { k: K }> {
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

const projectCursor = (p: ProjectState) => encodeCursor({ k: 'proj', c: p.createdAt, i: p.id });

/**
 * SQL true for a row of `projects` (alias `p`) that the reader may read (CONTRACT.md
 * "Authorization"): participants; BOARD and FORUM in the charter; anyone in the charter for
 * PUBLIC projects. The same rule as the domain's canReadProject, kept in one place here.
 */
function readableByScope(where: Where, scope: ReadScope, p = 'p'): string {
  return (
    `(${p}.participant_person_ids @> ARRAY[${where.param(scope.personId)}]::text[]` +
    ` OR ${p}.charter_id = ANY(${where.param([...scope.boardOrForumCharterIds])}::text[])` +
    ` OR (${p}.confidentiality = 'PUBLIC' AND ${p}.charter_id = ANY(${where.param([...scope.charterIds])}::text[])))`
  );
}

/** Builds a WHERE clause with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(sql: string): void {
    this.parts.push(sql);
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  private readonly run: Run = (sql, params) => this.dataSource.query(sql, params);

  private static runner(q: QueryRunner): Run {
    return async <T>(sql: string, params?: unknown[]) => (await q.query(sql, params, true)).records as T[];
  }

  private async transaction<T>(
    isolation: 'READ COMMITTED' | 'REPEATABLE READ',
    work: (run: Run) => Promise<T>,
  ): Promise<T> {
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    try {
      await q.startTransaction(isolation);
      try {
        const result = await work(EventStore.runner(q));
        await q.commitTransaction();
        return result;
      } catch (err) {
        if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await q.release();
    }
  }

  /**
   * Appends events to a project's chain in one transaction, with the read model and contacts.
   * A retry of an append that already committed (same expectedVersion, same events) appends
   * nothing and returns the stored events. Throws ConcurrencyError when another step was
   * recorded first.
   */
  async append(input: AppendInput): Promise<RecordedEvent[]> {
    const { projectId, expectedVersion } = input;
    if (!isUuid(projectId)) throw new InvalidInputError(`"${projectId}" is not a project id (a UUID).`);
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
      throw new InvalidInputError(
        `expectedVersion must be a whole number of at least 0, not ${expectedVersion}.`,
      );
    }
    const events = input.events.map(normalise);
    if (events.length === 0) return [];
    const contacts = new Map<string, string>();
    for (const c of input.contacts ?? []) contacts.set(c.participantId, c.email);

    return this.transaction('READ COMMITTED', async (run) => {
      const stream = await this.lockStream(run, projectId);
      if (stream.version > expectedVersion) {
        // Either this is a retry of an append that committed (its rows are there), or
        // another step got in first.
        const stored = await run<EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events
           WHERE project_id = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence`,
          [projectId, expectedVersion, expectedVersion + events.length],
        );
        if (stored.length === events.length && stored.every((row, i) => sameEvent(row, events[i]))) {
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
      const recorded: RecordedEvent[] = events.map((event, i) => {
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

      await this.project(run, projectId, events, newVersion);

      const texts = [...new Set(input.confidentialTexts ?? [])];
      if (texts.length > 0) {
        await run(
          `INSERT INTO confidential_texts (project_id, sealed, text)
           SELECT $1::uuid, t.sealed, t.text FROM unnest($2::text[], $3::text[]) AS t(sealed, text)
           ON CONFLICT (project_id, sealed) DO NOTHING`,
          [projectId, texts.map(sealedValueOf), texts],
        );
      }

      if (contacts.size > 0) {
        await run(
          `INSERT INTO participant_contacts (project_id, participant_id, email)
           SELECT $1::uuid, c.participant_id, c.email FROM unnest($2::text[], $3::text[]) AS c(participant_id, email)
           ON CONFLICT (project_id, participant_id) DO UPDATE SET email = excluded.email`,
          [projectId, [...contacts.keys()], [...contacts.values()]],
        );
      }

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
  private async lockStream(run: Run, projectId: string): Promise<{ version: number; headHash: string }> {
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

  /** Folds the new events into the project's read model (the domain's own reducer). */
  private async project(run: Run, projectId: string, events: NewEvent[], newVersion: number): Promise<void> {
    const [current] = await run<{ state: ProjectState }>(`SELECT state FROM projects WHERE id = $1`, [
      projectId,
    ]);
    const state = applyEvents(projectId, current ? upgradeState(current.state) : null, events);
    if (state.version !== newVersion) {
      throw new Error(
        `The read model of project ${projectId} is at version ${state.version} after the append, ` +
          `but the project has ${newVersion} events.`,
      );
    }
    await run(
      `INSERT INTO projects (id, charter_id, title, phase, confidentiality, proposed_level, agreed_level,
                             has_breaches, participant_person_ids, lead_person_ids, state, version,
                             created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11::jsonb, $12, $13, $14)
       ON CONFLICT (id) DO UPDATE SET
         charter_id = excluded.charter_id, title = excluded.title, phase = excluded.phase,
         confidentiality = excluded.confidentiality, proposed_level = excluded.proposed_level,
         agreed_level = excluded.agreed_level, has_breaches = excluded.has_breaches,
         participant_person_ids = excluded.participant_person_ids, lead_person_ids = excluded.lead_person_ids,
         state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
      readModelRow(state),
    );
  }

  /** One project's events by ascending sequence. */
  async readProjectEvents(
    projectId: string,
    options: { afterSequence?: number; limit: number },
  ): Promise<RecordedEvent[]> {
    return this.projectEvents(this.run, projectId, options.afterSequence ?? 0, options.limit);
  }

  private async projectEvents(run: Run, projectId: string, afterSequence: number, limit: number) {
    if (!isUuid(projectId)) return [];
    const rows = await run<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE project_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [projectId, afterSequence, Math.max(0, Math.floor(limit))],
    );
    return rows.map(toRecorded);
  }

  /**
   * The audit trail, one page at a time. With `projectId`: that project's events by sequence.
   * Across projects: in the order they were appended — by writing transaction, then position —
   * and only those written by transactions older than every transaction still running, so a
   * reader paging along never skips an event that a slow transaction commits later.
   *
   * `readableBy` is checked in the same statement, against the projects read model, so a page
   * is one snapshot and nothing is listed first. The statement holds three ways to find the
   * page, and cheap one-time checks at its start run exactly one of them:
   * - a time range of at most TIME_RANGE_READ_WHOLE events, or one that starts far beyond
   *   the cursor (told by the positions where it starts and ends in the time index): the
   *   events in the range, read from the covering time index and sorted by log order — work
   *   in proportion to the range, not to the log before it;
   * - a reader of at most FEW_PROJECTS projects (a participant): each project's next events
   *   from (project_id, transaction_id, position), merged — work in proportion to the
   *   number of projects;
   * - otherwise (BOARD, FORUM, everyone in the charter for PUBLIC projects, or no reader):
   *   the log in (transaction_id, position) order — or (actor_id | type, transaction_id,
   *   position) when so filtered — keeping readable events; quick because such readers read
   *   a good share of the log.
   * Only the page's own events are then fetched in full, by position.
   */
  async readAuditTrail(filter: AuditTrailFilter, page: PageRequest): Promise<AuditTrailPage> {
    const query = this.auditTrailQuery(filter, page);
    if (!query) return { events: [], cursors: [], hasNextPage: false, endCursor: null };
    const rows = await this.run<EventRow & { way: AuditPageWay }>(query.sql, query.params);
    const hasNextPage = rows.length > query.first;
    const pageRows = rows.slice(0, query.first);
    const cursors = pageRows.map(query.cursorOf);
    return {
      events: pageRows.map(toRecorded),
      ...(pageRows.length > 0 ? { way: pageRows[0].way } : {}),
      cursors,
      hasNextPage,
      endCursor: cursors.length ? cursors[cursors.length - 1] : null,
    };
  }

  /** PostgreSQL's plan of an audit trail page, run and timed (EXPLAIN ANALYZE): for checks at scale. */
  async explainAuditTrail(filter: AuditTrailFilter, page: PageRequest): Promise<string> {
    const query = this.auditTrailQuery(filter, page);
    if (!query) return 'Nothing can match: no query is run.';
    const rows = await this.run<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
      query.params,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  /**
   * The SQL of one audit trail page (one row more than the page, to tell whether another
   * follows), or null when nothing can match.
   */
  private auditTrailQuery(
    filter: AuditTrailFilter,
    page: PageRequest,
  ): { sql: string; params: unknown[]; first: number; cursorOf: (row: EventRow) => string } | null {
    const first = pageSize(page.first);
    const where = new Where();
    const oneProject = filter.projectId !== undefined && filter.projectId !== null;
    const after = page.after ? decodeCursor(page.after, oneProject ? 'seq' : 'log') : null;

    let ids: string[] | null = null;
    if (filter.projectIds) {
      ids = filter.projectIds.filter(isUuid);
      if (ids.length === 0) return null;
    }
    if (oneProject) {
      if (!isUuid(filter.projectId)) return null;
      const wanted = filter.projectId.toLowerCase();
      if (ids && !ids.some((id) => id.toLowerCase() === wanted)) return null;
    }
    if (filter.types && filter.types.length === 0) return null;

    // Conditions on the event itself (alias e), shared by every way of finding the page.
    if (filter.actorId !== undefined && filter.actorId !== null) {
      where.add(`e.actor_id = ${where.param(filter.actorId)}`);
    }
    if (filter.types) where.add(`e.type = ANY(${where.param([...filter.types])}::text[])`);
    const from = filter.from ? where.param(instant(filter.from, 'from')) : null;
    const to = filter.to ? where.param(instant(filter.to, 'to')) : null;
    if (from) where.add(`e.occurred_at >= ${from}::timestamptz`);
    if (to) where.add(`e.occurred_at <= ${to}::timestamptz`);
    const scope = filter.readableBy ? readableByScope(where, filter.readableBy) : null;
    const readableEvent = scope
      ? `EXISTS (SELECT 1 FROM projects p WHERE p.id = e.project_id AND ${scope})`
      : null;

    if (oneProject) {
      where.add(`e.project_id = ${where.param(filter.projectId)}::uuid`);
      if (readableEvent) where.add(readableEvent);
      if (after && after.k === 'seq') where.add(`e.sequence > ${where.param(after.s)}`);
      return {
        sql: `SELECT ${AUDIT_COLUMNS}, 'project' AS way FROM events e ${where.sql}
          ORDER BY e.sequence LIMIT ${where.param(first + 1)}`,
        params: where.params,
        first,
        cursorOf: (row) => encodeCursor({ k: 'seq', s: row.sequence }),
      };
    }

    where.add(`e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())`);
    const afterPosition = after && after.k === 'log' ? where.param(after.p) : null;
    if (after && after.k === 'log') {
      where.add(`(e.transaction_id, e.position) > (${where.param(after.x)}::xid8, ${afterPosition}::bigint)`);
    }
    const idsParam = ids ? where.param(ids) : null;
    const conditions = [
      ...where.parts,
      ...(idsParam ? [`e.project_id = ANY(${idsParam}::uuid[])`] : []),
    ].join(' AND ');
    const inScope = readableEvent ?? 'true';
    const limit = where.param(first + 1);
    const order = 'ORDER BY e.transaction_id, e.position';
    const cursorOf = (row: EventRow) => encodeCursor({ k: 'log', x: row.xact_id, p: row.position });

    const ctes: string[] = [];
    const ways: { way: AuditPageWay; when: string[]; sql: string }[] = [];
    const byTime = from || to ? '(SELECT yes FROM by_time)' : null;
    if (byTime) {
      // Where the range starts and ends in the log, told by the positions of its first and
      // last events in the time index (two index look-ups). The range is read whole when it
      // is small, or when the log walk would pass over far more events before it than it
      // holds (passing over one costs about a third of reading one: both indexes cover what
      // the test needs); a large range from (or before) the cursor is walked in log order.
      const start = from
        ? `(SELECT e.position FROM events e WHERE e.occurred_at >= ${from}::timestamptz ORDER BY e.occurred_at, e.position LIMIT 1)`
        : '0::bigint';
      const end = to
        ? `(SELECT e.position FROM events e WHERE e.occurred_at <= ${to}::timestamptz ORDER BY e.occurred_at DESC, e.position DESC LIMIT 1)`
        : '(SELECT max(e.position) FROM events e)';
      ctes.push(
        `span AS MATERIALIZED (SELECT ${start} AS start_position, ${end} AS end_position)`,
        `by_time AS MATERIALIZED (SELECT coalesce(end_position - start_position <= ${TIME_RANGE_READ_WHOLE}
           OR start_position - ${afterPosition ?? '0'}::bigint > 3 * (end_position - start_position), true)
           AS yes FROM span)`,
      );
      // OFFSET 0 keeps the range whole: planned for all its rows, not for the first few.
      ways.push({
        way: 'time',
        when: [byTime],
        sql: `SELECT t.transaction_id, t.position FROM (
            SELECT e.transaction_id, e.position FROM events e WHERE ${conditions} AND ${inScope} OFFSET 0) t
          ORDER BY t.transaction_id, t.position LIMIT ${limit}`,
      });
    }
    const notByTime = byTime ? [`NOT ${byTime}`] : [];
    if (scope || ids) {
      const readable = scope
        ? `SELECT p.id FROM projects p WHERE ${scope}${idsParam ? ` AND p.id = ANY(${idsParam}::uuid[])` : ''}`
        : `SELECT unnest(${idsParam}::uuid[]) AS id`;
      ctes.push(
        `readable AS MATERIALIZED (${readable} LIMIT ${FEW_PROJECTS + 1})`,
        `few AS MATERIALIZED (SELECT count(*) <= ${FEW_PROJECTS} AS yes FROM readable)`,
      );
      ways.push({
        way: 'merge',
        when: [...notByTime, '(SELECT yes FROM few)'],
        sql: `SELECT l.transaction_id, l.position FROM readable r CROSS JOIN LATERAL (
            SELECT e.transaction_id, e.position FROM events e
            WHERE e.project_id = r.id AND ${conditions} ${order} LIMIT ${limit}) l`,
      });
      notByTime.push('NOT (SELECT yes FROM few)');
    }
    ways.push({
      way: 'walk',
      when: notByTime,
      sql: `SELECT e.transaction_id, e.position FROM events e WHERE ${conditions} AND ${inScope} ${order} LIMIT ${limit}`,
    });

    const gated = ways.map(
      ({ way, when, sql }) =>
        `SELECT w.*, '${way}' AS way FROM (${sql}) w${when.length ? ` WHERE ${when.join(' AND ')}` : ''}`,
    );
    const sql = `
      ${ctes.length ? `WITH ${ctes.join(',\n')}` : ''}
      SELECT ${AUDIT_COLUMNS}, page.way FROM (
        ${gated.map((g) => `(${g})`).join('\n UNION ALL\n')}
        ORDER BY 1, 2 LIMIT ${limit}) page
      JOIN events e ON e.position = page.position
      ORDER BY page.transaction_id, page.position`;
    return { sql, params: where.params, first, cursorOf };
  }

  /**
   * Recomputes the project's chain from storage, in one snapshot: sequences from 1 without
   * gaps, each prevHash linked, each hash recomputed, and the last event matching the
   * stream's recorded version and head.
   */
  async verify(projectId: string): Promise<ProjectVerification> {
    if (!isUuid(projectId)) {
      return { projectId, valid: true, eventCount: 0, headHash: null, firstInvalidSequence: null };
    }
    const result = await this.transaction('REPEATABLE READ', async (run) => {
      const [stream] = await run<{ version: number; head_hash: string }>(
        `SELECT version, head_hash FROM event_streams WHERE project_id = $1`,
        [projectId],
      );
      const verifier = new ChainVerifier();
      for (let after = 0; ;) {
        const batch = await this.projectEvents(run, projectId, after, VERIFY_BATCH);
        for (const event of batch) verifier.add(event);
        if (batch.length < VERIFY_BATCH) break;
        after = batch[batch.length - 1].sequence;
      }
      const chain = verifier.result();
      const version = stream?.version ?? 0;
      if (version !== chain.eventCount) {
        // Events the stream counts are missing, or events were added around the store.
        verifier.breakAt(Math.min(version, chain.eventCount) + 1);
      } else if (version > 0 && stream.head_hash !== chain.headHash) {
        verifier.breakAt(chain.eventCount);
      }
      return verifier.result();
    });
    return { projectId, ...result };
  }

  async getProject(id: string): Promise<ProjectState | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.run<{ state: ProjectState }>(`SELECT state FROM projects WHERE id = $1`, [id]);
    return row ? upgradeState(row.state) : null;
  }

  /** The projects found, in the order asked; unknown ids are left out. */
  async getProjects(ids: readonly string[]): Promise<ProjectState[]> {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const rows = await this.run<{ state: ProjectState }>(
      `SELECT state FROM projects WHERE id = ANY($1::uuid[])`,
      [wanted],
    );
    const byId = new Map(rows.map((r) => [r.state.id, upgradeState(r.state)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** Projects newest first (by createdAt, then id), filtered, with the total the filter matches. */
  async listProjects(filter: ProjectListFilter, page: PageRequest): Promise<ProjectPage> {
    const first = pageSize(page.first);
    const where = new Where();
    if (filter.readableBy) where.add(readableByScope(where, filter.readableBy, 'projects'));
    if (filter.charterId) where.add(`charter_id = ${where.param(filter.charterId)}`);
    if (filter.phase) where.add(`phase = ${where.param(filter.phase)}`);
    if (filter.ladderLevel)
      where.add(`coalesce(agreed_level, proposed_level) = ${where.param(filter.ladderLevel)}`);
    if (filter.hasBreaches !== undefined && filter.hasBreaches !== null) {
      where.add(`has_breaches = ${where.param(filter.hasBreaches)}`);
    }
    const search = filter.search?.trim();
    if (search) {
      const pattern = search.replace(/[\\%_]/g, (ch) => `\\${ch}`);
      where.add(`lower(title) LIKE '%' || lower(${where.param(pattern)}) || '%' ESCAPE '\\'`);
    }

    const countSql = `SELECT count(*)::int AS n FROM projects ${where.sql}`;
    const countParams = [...where.params];
    if (page.after) {
      const after = decodeCursor(page.after, 'proj');
      where.add(`(created_at, id) < (${where.param(after.c)}::timestamptz, ${where.param(after.i)}::uuid)`);
    }
    const listSql =
      `SELECT state FROM projects ${where.sql} ORDER BY created_at DESC, id DESC ` +
      `LIMIT ${where.param(first + 1)}`;
    const [rows, [count]] = await Promise.all([
      this.run<{ state: ProjectState }>(listSql, where.params),
      this.run<{ n: number }>(countSql, countParams),
    ]);
    const projects = rows.slice(0, first).map((r) => upgradeState(r.state));
    return {
      projects,
      hasNextPage: rows.length > first,
      endCursor: projects.length ? projectCursor(projects[projects.length - 1]) : null,
      totalCount: count.n,
      cursorOf: projectCursor,
    };
  }

  /** Participants' email addresses by participant id. */
  async getContacts(projectId: string): Promise<Map<string, string>> {
    if (!isUuid(projectId)) return new Map();
    const rows = await this.run<{ participant_id: string; email: string }>(
      `SELECT participant_id, email FROM participant_contacts WHERE project_id = $1`,
      [projectId],
    );
    return new Map(rows.map((r) => [r.participant_id, r.email]));
  }

  /** A MEETING_GROUP project's confidential texts, by the "sha256:<hex>" its events hold. */
  async getConfidentialTexts(projectId: string): Promise<Map<string, string>> {
    if (!isUuid(projectId)) return new Map();
    const rows = await this.run<{ sealed: string; text: string }>(
      `SELECT sealed, text FROM confidential_texts WHERE project_id = $1`,
      [projectId],
    );
    return new Map(rows.map((r) => [r.sealed, r.text]));
  }

  /** Resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.run('SELECT 1');
  }
}
