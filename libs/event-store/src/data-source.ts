// The PostgreSQL connection of the event store, and its migrations (never `synchronize`).
// TypeORM does two jobs here: the connection pool and running the migrations. The store
// writes its own SQL, so there are no entities to drift from the migrated schema.
import { DataSource } from 'typeorm';
import { CreateEventStreamsAndEvents1795426800000 } from './migrations/1795426800000-CreateEventStreamsAndEvents';
import { MakeEventsAppendOnly1795426900000 } from './migrations/1795426900000-MakeEventsAppendOnly';
import { CreateProjectsReadModel1795427000000 } from './migrations/1795427000000-CreateProjectsReadModel';
import { CreateConfidentialTexts1795427500000 } from './migrations/1795427500000-CreateConfidentialTexts';
import { IndexEventsByProjectInLogOrder1795427600000 } from './migrations/1795427600000-IndexEventsByProjectInLogOrder';
import { BoardReportIndexes1795428000000 } from './migrations/1795428000000-BoardReportIndexes';
import { ContactsBeforeProjects1796200000000 } from './migrations/1796200000000-ContactsBeforeProjects';
import { RuntimeRoleAppendsOnly1796600000000 } from './migrations/1796600000000-RuntimeRoleAppendsOnly';
import { SaltConfidentialTexts1796600100000 } from './migrations/1796600100000-SaltConfidentialTexts';
import { CreateMessages1796700000000 } from './migrations/1796700000000-CreateMessages';
import { CreatePeopleAndSessions1796800000000 } from './migrations/1796800000000-CreatePeopleAndSessions';
import { FeedbackItemsInTheirOwnRows1797300000000 } from './migrations/1797300000000-FeedbackItemsInTheirOwnRows';
import { BoardReportFactsOnProjects1797400000000 } from './migrations/1797400000000-BoardReportFactsOnProjects';
import { AppendInOneStatement1797410000000 } from './migrations/1797410000000-AppendInOneStatement';

/** The migrations, oldest first. */
export const EVENT_STORE_MIGRATIONS = [
  CreateEventStreamsAndEvents1795426800000,
  MakeEventsAppendOnly1795426900000,
  CreateProjectsReadModel1795427000000,
  CreateConfidentialTexts1795427500000,
  IndexEventsByProjectInLogOrder1795427600000,
  BoardReportIndexes1795428000000,
  ContactsBeforeProjects1796200000000,
  RuntimeRoleAppendsOnly1796600000000,
  SaltConfidentialTexts1796600100000,
  CreateMessages1796700000000,
  CreatePeopleAndSessions1796800000000,
  FeedbackItemsInTheirOwnRows1797300000000,
  BoardReportFactsOnProjects1797400000000,
  AppendInOneStatement1797410000000,
];

export interface DataSourceOptions {
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/** A DataSource for the event store's database; call `initialize()` before use. */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [],
    migrations: EVENT_STORE_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'coproduction-engine',
    connectTimeoutMS: 10_000,
  });
}

/** Session-level advisory lock held while migrating, so concurrent runners take turns. */
const MIGRATION_LOCK_KEY = '7305862417263514001';

/**
 * Applies the pending migrations and returns their names (empty when the schema is up to
 * date). Safe to call from several processes at once: they wait for each other on an
 * advisory lock, and the later ones then find nothing to apply.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource(url, {
    poolSize: 2,
    applicationName: 'coproduction-engine migrations',
  });
  await dataSource.initialize();
  try {
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        const applied = await dataSource.runMigrations({ transaction: 'all' });
        return applied.map((m) => m.name);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    } finally {
      await lock.release();
    }
  } finally {
    await dataSource.destroy();
  }
}
