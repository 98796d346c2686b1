// The small SQL helper the store's operations share: one way to run a statement, one way to
// run a transaction, and WHERE clauses with numbered parameters.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { InvalidInputError } from './errors';

/** Runs one statement, returning its rows. */
export type Run = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export const runOn =
  (dataSource: DataSource): Run =>
  (sql, params) =>
    dataSource.query(sql, params);

/**
 * Runs one statement of fixed text as a named prepared statement on the pool, so each
 * connection parses and plans it once (measured: a third more project reads per second than
 * through TypeORM's query). Only for statements whose text never varies (values as
 * parameters): each distinct text stays prepared on every connection.
 */
export const preparedOn =
  (dataSource: DataSource): Run =>
  async <T>(sql: string, params?: unknown[]) => {
    // The pool is looked up per call: a store may be made before its DataSource connects.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    return (await pool.query({ name: statementName(sql), text: sql, values: params })).rows as T[];
  };

/** A prepared statement's name, from its text: the same text is the same statement everywhere. */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `es_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

const runnerOf =
  (q: QueryRunner): Run =>
  async <T>(sql: string, params?: unknown[]) =>
    (await q.query(sql, params, true)).records as T[];

/** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(
  dataSource: DataSource,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ',
  work: (run: Run) => Promise<T>,
): Promise<T> {
  const q = dataSource.createQueryRunner();
  await q.connect();
  try {
    // READ COMMITTED is PostgreSQL's default: restating it would cost a round trip (SET TRANSACTION).
    await q.startTransaction(isolation === 'READ COMMITTED' ? undefined : isolation);
    try {
      const result = await work(runnerOf(q));
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

/** Builds a WHERE clause with numbered parameters. */
export class Where {
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

/** Pages are capped here whatever the caller asks (the API caps `first` at 100 itself). */
const MAX_PAGE = 1000;

export function pageSize(first: number): number {
  if (!Number.isFinite(first)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(first)));
}

/** An instant as PostgreSQL reads it back (ISO 8601, milliseconds). */
export function instant(value: string | Date, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidInputError(`${what} is not a valid date and time.`);
  return date.toISOString();
}

export interface PageRequest {
  /** An opaque cursor from an earlier page (`endCursor` or one of `cursors`). */
  after?: string | null;
  first: number;
}
