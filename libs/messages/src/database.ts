/** What the messages code needs of a database connection (a TypeORM DataSource, a pg Pool). */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- drivers type their results differently
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** Rows of a query, whether the driver returns them as an array (TypeORM) or as { rows } (pg). */
export async function rowsOf<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) ? result : (result?.rows ?? [])) as T[];
}
