// The benchmark cases, run by scripts/bench.mjs once it has started PostgreSQL, Temporal, the
// project worker, the no-op worker and the gateway. Prints each figure next to its limit.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../libs/event-store/src/data-source';
import { appendCases } from './cases/append';
import { auditCases } from './cases/audit';
import { boardReportCases } from './cases/board-report';
import { readCases } from './cases/reads';
import { stepCases } from './cases/steps';
import { verificationCases } from './cases/verification';
import type { DataSource } from 'typeorm';
import { contextFromEnv, type BenchContext, type BenchSection } from './context';
import { errorNotes, formatTable, unavailable, type Row } from './measure';
import { Seeder } from './seed';

async function phase<T>(label: string, fn: () => Promise<T>): Promise<T> {
  process.stdout.write(`▸ ${label}… `);
  const t0 = performance.now();
  try {
    const result = await fn();
    process.stdout.write(`done (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    return result;
  } catch (err) {
    process.stdout.write('failed\n');
    throw err;
  }
}

/** A phase's rows, or one row saying it failed: the other phases still run and print. */
async function rowsOf(label: string, fn: () => Promise<Row[]>): Promise<Row[]> {
  try {
    return await phase(label, fn);
  } catch (err) {
    if (process.env.DEBUG) console.error(err);
    return [
      {
        section: label,
        figure: unavailable(label, `failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`),
      },
    ];
  }
}

async function main() {
  const ctx = contextFromEnv();
  const dataSource = await createDataSource(ctx.databaseUrl, {
    poolSize: 10,
    applicationName: 'bench',
  }).initialize();
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const [pg] = (await dataSource.query(
      `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('max_connections') AS max_connections`,
    )) as { version: string; shared_buffers: string; max_connections: string }[];
    notes.push(
      `PostgreSQL ${pg.version} (shared_buffers ${pg.shared_buffers}, max_connections ${pg.max_connections})`,
    );

    const runs = (section: BenchSection) => ctx.sections.has(section);
    if (runs('steps'))
      rows.push(...(await rowsOf('Steps through Temporal vs no-op Updates', () => stepCases(ctx))));
    if (runs('reads'))
      rows.push(
        ...(await rowsOf('project(id) reads vs trivial queries on the gateway', () => readCases(ctx))),
      );
    if (runs('appends'))
      rows.push(...(await rowsOf('Event appends vs raw INSERTs', () => appendCases(ctx, dataSource))));
    // On this database: its chains are real (the seeded one's hashes are stand-ins).
    if (runs('verification'))
      rows.push(
        ...(await rowsOf('Chain verification', () => verificationCases(ctx.databaseUrl, dataSource))),
      );

    // Seeded cases: their own database, so its sizes are exact whatever the cases above wrote.
    if (runs('audit') || runs('board')) {
      const seededDataSource = await createDataSource(ctx.seededDatabaseUrl, {
        poolSize: 10,
        applicationName: 'bench seeded',
      }).initialize();
      try {
        await seededCases(ctx, seededDataSource, rows, notes);
      } finally {
        await seededDataSource.destroy();
      }
    }
  } finally {
    await dataSource.destroy();
  }
  report(rows, notes);
}

async function seededCases(ctx: BenchContext, dataSource: DataSource, rows: Row[], notes: string[]) {
  const seeder = new Seeder(dataSource);
  rows.push(
    ...(await rowsOf('Seeding for the audit pages and the board report', async () => {
      const prepared = await seeder.prepare();
      notes.push(
        `Seed: ${prepared.templates} templates (5 charters × lifecycle variants), ` +
          `${prepared.meanEvents.toFixed(1)} events per project on average`,
      );
      if (seeder.problems.length)
        notes.push(`Templates that could not be built: ${seeder.problems.join('; ')}`);
      return [];
    })),
  );
  // The board report reads the charter seeded to a million events, so it seeds them too.
  const sizes = ctx.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  for (const size of sizes) {
    if (seeder.projects.length === 0 && size > sizes[0]) break; // the first seeding failed
    rows.push(
      ...(await rowsOf(`Audit pages at ${size.toLocaleString('en-GB')} events`, async () => {
        const t0 = performance.now();
        const count = await seeder.seedTo(size);
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        const [{ table, indexes }] = (await dataSource.query(
          `SELECT pg_size_pretty(pg_table_size('events')) AS table, pg_size_pretty(pg_indexes_size('events')) AS indexes`,
        )) as { table: string; indexes: string }[];
        notes.push(
          `Seeded to ${count.toLocaleString('en-GB')} events ` +
            `(${seeder.projects.length.toLocaleString('en-GB')} seeded projects) in ${seconds} s, ` +
            `including VACUUM ANALYZE; events table ${table}, its indexes ${indexes}`,
        );
        return ctx.sections.has('audit') ? auditCases(ctx, dataSource, seeder, count) : [];
      })),
    );
  }
  if (ctx.sections.has('board'))
    rows.push(...(await rowsOf('Board report', () => boardReportCases(ctx, dataSource))));
  await seeder.cleanUp();
}

function report(rows: Row[], notes: string[]) {
  process.stdout.write(`${formatTable(rows)}\n\n`);
  for (const note of notes) process.stdout.write(`- ${note}\n`);
  const errors = errorNotes();
  if (errors.length) {
    process.stdout.write('\nFirst error of each case that had failures:\n');
    for (const e of errors) process.stdout.write(`- ${e}\n`);
  }
  if (process.env.BENCH_RESULTS_FILE)
    writeFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify({ rows, notes, errors }, null, 2));
}

main().catch((err: Error) => {
  console.error(`The benchmark stopped: ${err.message}`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
