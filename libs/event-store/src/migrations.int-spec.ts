// Migrations: safe to run at once from several processes, and the CLI that runs them.
import { randomUUID } from 'node:crypto';
import { databaseUrl, useTestDb, withFreshDatabase } from '../test/support';
import { EVENT_STORE_MIGRATIONS, runMigrations } from './index';
import { main } from './migrate';

const db = useTestDb(2);

const allNames = EVENT_STORE_MIGRATIONS.map((m) => m.name);

async function mayCreateDatabases(): Promise<boolean> {
  const [row] = await db.dataSource.query(
    'SELECT rolsuper OR rolcreatedb AS allowed FROM pg_roles WHERE rolname = current_user',
  );
  return row.allowed === true;
}

describe('runMigrations', () => {
  it('applies each migration once when several runners start together', async () => {
    if (!(await mayCreateDatabases())) {
      // Without CREATEDB, check the shared database only: everything already applied.
      expect(await Promise.all([runMigrations(databaseUrl()), runMigrations(databaseUrl())])).toEqual([
        [],
        [],
      ]);
      return;
    }
    await withFreshDatabase('es_migrations', async (url) => {
      const results = await Promise.all(Array.from({ length: 4 }, () => runMigrations(url)));
      expect(results.flat().sort()).toEqual([...allNames].sort());
      expect(results.filter((r) => r.length > 0)).toEqual([allNames]);
      expect(await runMigrations(url)).toEqual([]);
    });
  });

  it('builds the schema the store relies on', async () => {
    const columns = await db.dataSource.query(
      `SELECT column_name, data_type, udt_name, is_nullable, is_identity, identity_generation
       FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    const byName = Object.fromEntries(columns.map((c: { column_name: string }) => [c.column_name, c]));
    expect(byName.position).toMatchObject({
      udt_name: 'int8',
      is_identity: 'YES',
      identity_generation: 'ALWAYS',
    });
    expect(byName.transaction_id).toMatchObject({ udt_name: 'xid8', is_nullable: 'NO' });
    expect(byName.actor_roles).toMatchObject({ udt_name: '_text' });
    expect(byName.occurred_at).toMatchObject({ udt_name: 'timestamptz' });
    expect(byName.data).toMatchObject({ udt_name: 'jsonb' });
    expect(byName.reason).toMatchObject({ is_nullable: 'YES' });
    expect(byName.hash).toMatchObject({ udt_name: 'bpchar' });

    const indexes = (
      await db.dataSource.query(`SELECT indexname FROM pg_indexes WHERE tablename IN ('events', 'projects')`)
    ).map((r: { indexname: string }) => r.indexname);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'events_project_sequence_key',
        'events_transaction_position_idx',
        'events_actor_idx',
        'events_type_idx',
        'events_occurred_at_idx',
        'projects_charter_idx',
        'projects_phase_idx',
        'projects_participants_idx',
        'projects_created_idx',
      ]),
    );

    const triggers = await db.dataSource.query(
      `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'events'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers).toEqual([
      { tgname: 'events_append_only', tgenabled: 'A' },
      { tgname: 'events_no_truncate', tgenabled: 'A' },
    ]);
  });
});

describe('the migrate CLI', () => {
  const saved = process.env.DATABASE_URL;
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;

  beforeEach(() => {
    out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
    process.env.DATABASE_URL = saved;
  });

  const lines = (spy: jest.SpyInstance) => spy.mock.calls.map((args) => args.join(' '));

  it('prints one line per applied migration, then that nothing is left', async () => {
    if (!(await mayCreateDatabases())) return;
    await withFreshDatabase('es_migrations', async (url) => {
      process.env.DATABASE_URL = url;
      expect(await main()).toBe(0);
      expect(lines(out)).toEqual(allNames.map((n) => `Applied migration ${n}`));
      out.mockClear();
      expect(await main()).toBe(0);
      expect(lines(out)).toEqual(['No migrations to apply: the database schema is up to date.']);
      expect(lines(err)).toEqual([]);
    });
  });

  it('fails with one plain line when PostgreSQL cannot be reached', async () => {
    process.env.DATABASE_URL = 'postgres://someone:secret@127.0.0.1:1/nowhere';
    expect(await main()).toBe(1);
    expect(lines(err)).toEqual([
      'Cannot migrate the database: PostgreSQL is not accepting connections at 127.0.0.1:1/nowhere: is it running?',
    ]);
    expect(lines(out)).toEqual([]);
  });

  it('fails with one plain line when the database does not exist or DATABASE_URL is missing', async () => {
    const url = new URL(databaseUrl());
    url.pathname = `/missing_${randomUUID().replace(/-/g, '')}`;
    process.env.DATABASE_URL = url.toString();
    expect(await main()).toBe(1);
    expect(lines(err)).toEqual([
      expect.stringMatching(
        /^Cannot migrate the database: The database named in DATABASE_URL \(.*\) does not exist/,
      ),
    ]);
    expect(lines(err)[0]).not.toMatch(/postgres:postgres@|\n/);

    err.mockClear();
    delete process.env.DATABASE_URL;
    expect(await main()).toBe(1);
    expect(lines(err)).toEqual([expect.stringMatching(/^Cannot migrate: DATABASE_URL is not set/)]);

    err.mockClear();
    process.env.DATABASE_URL = 'localhost:5432';
    expect(await main()).toBe(1);
    expect(lines(err)).toEqual([
      expect.stringMatching(/^Cannot migrate: DATABASE_URL is not a PostgreSQL URL/),
    ]);
  });
});
