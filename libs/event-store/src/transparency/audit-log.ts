// The audit log as one Merkle tree: every event of every project, in append order.
//
// A leaf's data is the 32 bytes of the event's chain hash (CONTRACT.md "Audit events"), so
// anyone who can recompute an event's hash from the audit trail can recompute its leaf:
//   leaf hash = SHA-256(0x00 || bytes of the event's `hash`)
//
// Append order is (transaction_id, position), read only below the oldest transaction still
// running (pg_snapshot_xmin): positions are taken before commit, so a slow transaction can
// commit a lower position later, but nothing can ever join the log below that horizon. Leaf i
// therefore stays leaf i for good, and a checkpoint of size n covers exactly the first n.
import { leafHash, MerkleTree } from './merkle';

/** Runs one SQL statement and returns its rows (a DataSource's or a pg Client's query). */
export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

const BATCH = 10_000;

interface LeafRow {
  xact: string;
  position: string;
  hash: string;
  project_id: string;
  sequence: number;
}

/** The leaf hash of an event, from its chain hash (64 lowercase hex digits). */
export function eventLeafHash(eventHash: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(eventHash)) throw new Error(`"${eventHash}" is not an event hash.`);
  return leafHash(Buffer.from(eventHash, 'hex'));
}

/** `projectId:sequence`, the id of an event in the API. */
const eventKey = (projectId: string, sequence: number) => `${projectId}:${sequence}`;

/**
 * The tree of the log read so far, extended by `catchUp()`. Kept in memory: 32 bytes per
 * leaf and per inner node plus an index by event id, i.e. well under 200 MB for a million
 * events, read once and then only the new events.
 */
export class AuditLogTree {
  readonly tree = new MerkleTree();
  private readonly indexByEvent = new Map<string, number>();
  private after: { xact: string; position: string } | null = null;

  constructor(private readonly query: Query) {}

  get size(): number {
    return this.tree.size;
  }

  /** The leaf index of an event (`projectId:sequence`), if it is in the tree read so far. */
  indexOf(projectId: string, sequence: number): number | undefined {
    return this.indexByEvent.get(eventKey(projectId, sequence));
  }

  /**
   * Reads the events committed below the horizon since the last call, in log order. With
   * `upTo`, stops at that many leaves (to rebuild the tree of an earlier checkpoint).
   */
  async catchUp(upTo = Number.POSITIVE_INFINITY): Promise<number> {
    for (;;) {
      const want = Math.min(BATCH, upTo - this.size);
      if (want <= 0) break;
      const rows = await this.query<LeafRow>(
        `SELECT transaction_id::text AS xact, position::text, hash, project_id::text, sequence FROM events
         WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           AND ($1::xid8 IS NULL OR (transaction_id, position) > ($1::xid8, $2::bigint))
         ORDER BY transaction_id, position LIMIT $3`,
        [this.after?.xact ?? null, this.after?.position ?? null, want],
      );
      for (const row of rows) {
        this.indexByEvent.set(eventKey(row.project_id, row.sequence), this.tree.size);
        this.tree.push(eventLeafHash(row.hash));
      }
      if (rows.length > 0) {
        const last = rows[rows.length - 1];
        this.after = { xact: last.xact, position: last.position };
      }
      if (rows.length < want) break;
    }
    return this.size;
  }
}

/**
 * Waits (up to `timeoutMs`) until every transaction running now has ended, so the horizon
 * has passed all events committed before the call: a checkpoint signed on demand then covers
 * them. A transaction that stays open longer only delays those events to the next checkpoint.
 */
export async function awaitHorizon(query: Query, timeoutMs = 5000): Promise<void> {
  const [{ target }] = await query<{ target: string }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS target`,
    [],
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ passed }] = await query<{ passed: boolean }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS passed`,
      [target],
    );
    if (passed || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Query over a pg Client (`client.query` returns `{ rows }`). */
export function clientQuery(client: {
  query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;
}): Query {
  return async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
}
