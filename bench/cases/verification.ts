// Chain verification throughput: `verify-audit --all` (every project's chain recomputed, in
// one snapshot) against a bare read of the same columns of the same rows to the client, as
// text, through the same cursor in the same batches, on the database the step and append
// cases wrote (real chains). One timed pass each: events per second.
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  cursorBatches,
  EVENT_TEXT_COLUMNS,
  main as verifyAudit,
  readAsText,
} from '../../libs/event-store/src/verify-audit';
import type { Figure, Row } from '../measure';

const SECTION = 'Chain verification (events per second, one pass)';

function onePass(name: string, events: number, ms: number, note?: string): Figure {
  return { name, conc: 1, n: 1, errors: 0, opsPerSec: (events / ms) * 1000, p50: ms, p99: ms, note };
}

export async function verificationCases(databaseUrl: string, dataSource: DataSource): Promise<Row[]> {
  const [{ eventCount }] = (await dataSource.query(`SELECT count(*)::int AS "eventCount" FROM events`)) as {
    eventCount: number;
  }[];
  const t0 = performance.now();
  let projects = 0;
  let broken = '';
  const code = await verifyAudit({
    argv: ['--all'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    print: (line) => (line.startsWith('ok ') ? (projects += 1) : (broken ||= line)),
    complain: () => undefined,
  });
  const verifyMs = performance.now() - t0;

  // The same connection setup, snapshot, cursor, batches and text rows as verify-audit --all,
  // with nothing done to the rows.
  // Connecting is timed too, as verify-audit's pass includes it.
  let n = 0;
  const t1 = performance.now();
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench bare read' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await readAsText(client);
    const sql = `SELECT ${EVENT_TEXT_COLUMNS} FROM events ORDER BY project_id, sequence`;
    for await (const rows of cursorBatches(client, 'bare_read', sql)) n += rows.length;
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const readMs = performance.now() - t1;

  return [
    {
      section: SECTION,
      figure: onePass(
        `verify-audit --all, ${eventCount.toLocaleString('en-GB')} events`,
        eventCount,
        verifyMs,
        code === 0 ? `${projects.toLocaleString('en-GB')} projects intact` : `exit code ${code}: ${broken}`,
      ),
      limit: onePass(
        'bare read of the same columns of the same rows to the client, as text, in chain order',
        n,
        readMs,
      ),
    },
  ];
}
