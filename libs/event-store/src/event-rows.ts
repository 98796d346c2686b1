// Rows of the events table as the store reads them, and one project's events by sequence.
import type { EventType, RecordedEvent } from '../../domain/src/events';
import { isUuid } from '../../domain/src/input-checks';
import type { Run } from './sql';

export const EVENT_COLUMNS = `position, project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at,
  data, reason, prev_hash, hash, transaction_id::text AS xact_id`;

/** EVENT_COLUMNS of the events table aliased `e`. */
export const AUDIT_COLUMNS = `e.position, e.project_id, e.sequence, e.type, e.actor_id, e.actor_name, e.actor_roles,
  e.occurred_at, e.data, e.reason, e.prev_hash, e.hash, e.transaction_id::text AS xact_id`;

export interface EventRow {
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

export function toRecorded(row: EventRow): RecordedEvent {
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

/** One project's events after `afterSequence`, by ascending sequence. */
export async function projectEvents(
  run: Run,
  projectId: string,
  afterSequence: number,
  limit: number,
): Promise<RecordedEvent[]> {
  if (!isUuid(projectId)) return [];
  const rows = await run<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE project_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
    [projectId, afterSequence, Math.max(0, Math.floor(limit))],
  );
  return rows.map(toRecorded);
}
