// Chain verification throughput: `verify-audit --all` (every project's chain recomputed, in
// one snapshot) against a bare read of the same columns of the same rows to the client, as
// text, through the same cursor in the same batches, on the database the step and append
// cases wrote (real chains). Three timed passes of each, alternating, so a change of load
// moves both alike; events per second from the median pass.
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

const SECTION = 'Chain verification (events per second, median of three passes)';
const PASSES = 3;

function passes(name: string, events: number, ms: number[], note?: string): Figure {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const slowest = sorted[sorted.length - 1];
  return {
    name,
    conc: 1,
    n: ms.length,
    errors: 0,
    opsPerSec: (events / median) * 1000,
    p50: median,
    p99: slowest,
    note,
  };
}

export async function verificationCases(databaseUrl: string, dataSource: DataSource): Promise<Row[]> {
  const [{ eventCount }] = (await dataSource.query(`SELECT count(*)::int AS "eventCount" FROM events`)) as {
    eventCount: number;
  }[];
  let projects = 0;
  let broken = '';
  let code = 0;
  let n = 0;
  const verifyMs: number[] = [];
  const readMs: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    projects = 0;
    const t0 = performance.now();
    code = await verifyAudit({
      argv: ['--all'],
      env: { ...process.env, DATABASE_URL: databaseUrl },
      print: (line) => (line.startsWith('ok ') ? (projects += 1) : (broken ||= line)),
      complain: () => undefined,
    });
    verifyMs.push(performance.now() - t0);
    const t1 = performance.now();
    n = await bareRead(databaseUrl);
    readMs.push(performance.now() - t1);
  }

  return [
    {
      section: SECTION,
      figure: passes(
        `verify-audit --all, ${eventCount.toLocaleString('en-GB')} events`,
        eventCount,
        verifyMs,
        code === 0 ? `${projects.toLocaleString('en-GB')} projects intact` : `exit code ${code}: ${broken}`,
      ),
      limit: passes(
        'bare read of the same columns of the same rows to the client, as text, in chain order',
        n,
        readMs,
      ),
    },
  ];
}

/**
 * The same connection setup, snapshot, cursor, batches and text rows as verify-audit --all,
 * with nothing done to the rows (connecting is timed too, as verify-audit's pass includes it).
 */
async function bareRead(databaseUrl: string): Promise<number> {
  let n = 0;
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
  return n;
}
