// Chain verification throughput: `verify-audit --all` (every project's chain recomputed, in
// one snapshot) against a bare SELECT of the same columns of the same rows, on the database
// the step and append cases wrote (real chains). One timed pass each: events per second.
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { main as verifyAudit } from '../../libs/event-store/src/verify-audit';
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
  const code = await verifyAudit(
    ['--all'],
    { ...process.env, DATABASE_URL: databaseUrl },
    (line) => (line.startsWith('ok ') ? (projects += 1) : (broken ||= line)),
    () => undefined,
  );
  const verifyMs = performance.now() - t0;

  const t1 = performance.now();
  const [{ n }] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM (
       SELECT project_id, sequence, type, actor_id, occurred_at, data, reason, prev_hash, hash
       FROM events ORDER BY project_id, sequence) AS e`,
  )) as { n: number }[];
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
      limit: onePass('bare SELECT of the same rows, in chain order', n, readMs),
    },
  ];
}
