// The audit trail: one project's events by sequence, or every readable project's events in
// the order they were appended, a page at a time, authorised inside the query.
import type { RecordedEvent } from '../../domain/src/events';
import { isUuid } from '../../domain/src/input-checks';
import { decodeCursor, encodeCursor } from './cursors';
import { AUDIT_COLUMNS, toRecorded, type EventRow } from './event-rows';
import { readableByScope, type ReadScope } from './read-scope';
import { instant, pageSize, Where, type PageRequest, type Run } from './sql';

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
export async function readAuditTrail(
  run: Run,
  filter: AuditTrailFilter,
  page: PageRequest,
): Promise<AuditTrailPage> {
  const query = auditTrailQuery(filter, page);
  if (!query) return { events: [], cursors: [], hasNextPage: false, endCursor: null };
  const rows = await run<EventRow & { way: AuditPageWay }>(query.sql, query.params);
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
export async function explainAuditTrail(
  run: Run,
  filter: AuditTrailFilter,
  page: PageRequest,
): Promise<string> {
  const query = auditTrailQuery(filter, page);
  if (!query) return 'Nothing can match: no query is run.';
  const rows = await run<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * The SQL of one audit trail page (one row more than the page, to tell whether another
 * follows), or null when nothing can match.
 */
function auditTrailQuery(
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
  const conditions = [...where.parts, ...(idsParam ? [`e.project_id = ANY(${idsParam}::uuid[])`] : [])].join(
    ' AND ',
  );
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
