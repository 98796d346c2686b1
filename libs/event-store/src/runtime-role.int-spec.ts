// The gateway and worker connect as the runtime role (APP_DATABASE_URL in tests, as npm start
// and the compose file run them): it records events, but it cannot change or remove them, and
// it cannot switch off, drop or replace the triggers that refuse that.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appDatabaseUrl } from '../../../test/support/env';
import { proposed, started } from '../test/support';
import { createDataSource, EventStore, runMigrations } from './index';
import { databaseUrl } from '../test/support';

let app: Client;
let projectId: string;

beforeAll(async () => {
  await runMigrations(databaseUrl());
  const dataSource = await createDataSource(appDatabaseUrl(), { poolSize: 2 }).initialize();
  try {
    projectId = randomUUID();
    const store = new EventStore(dataSource);
    await store.append({ projectId, expectedVersion: 0, events: [started()] });
    await store.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });
  } finally {
    await dataSource.destroy();
  }
  app = new Client({ connectionString: appDatabaseUrl() });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
});

/** The SQLSTATE PostgreSQL answers `sql` with, run as the runtime role and rolled back. */
async function refusal(sql: string): Promise<string | undefined> {
  await app.query('BEGIN');
  try {
    await app.query(sql);
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('the runtime database role', () => {
  it('is neither a superuser nor the owner of the events table', async () => {
    const { rows } = await app.query(
      `SELECT current_user AS me, r.rolsuper, r.rolcreaterole, r.rolbypassrls, t.tableowner
       FROM pg_roles r, pg_tables t WHERE r.rolname = current_user AND t.tablename = 'events'`,
    );
    expect(rows[0]).toMatchObject({ rolsuper: false, rolcreaterole: false, rolbypassrls: false });
    expect(rows[0].tableowner).not.toBe(rows[0].me);
  });

  it('records and reads events (the store works as this role)', async () => {
    const { rows } = await app.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [
      projectId,
    ]);
    expect(rows[0].n).toBe(2);
  });

  it.each([
    ['disable the append-only trigger', 'ALTER TABLE events DISABLE TRIGGER events_append_only'],
    ['disable the truncate trigger', 'ALTER TABLE events DISABLE TRIGGER events_no_truncate'],
    ['disable every trigger', 'ALTER TABLE events DISABLE TRIGGER ALL'],
    ['drop the trigger', 'DROP TRIGGER events_append_only ON events'],
    [
      'replace the trigger function',
      `CREATE OR REPLACE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    ],
    ['skip triggers by replication mode', 'SET session_replication_role = replica'],
    ['take the table over', 'ALTER TABLE events OWNER TO CURRENT_USER'],
    ['update an event', `UPDATE events SET reason = 'rewritten'`],
    ['delete an event', 'DELETE FROM events'],
    ['truncate the events', 'TRUNCATE events'],
    ['rewrite the migrations record', 'DELETE FROM migrations'],
  ])('cannot %s', async (_what, sql) => {
    expect(await refusal(sql)).toBe('42501'); // insufficient_privilege
  });

  it('still has every event afterwards, with the triggers on', async () => {
    const { rows } = await app.query(
      `SELECT count(*)::int AS n, (SELECT array_agg(tgenabled::text ORDER BY tgname) FROM pg_trigger
         WHERE tgrelid = 'events'::regclass AND NOT tgisinternal) AS triggers
       FROM events WHERE project_id = $1`,
      [projectId],
    );
    expect(rows[0]).toEqual({ n: 2, triggers: ['A', 'A'] });
  });
});
