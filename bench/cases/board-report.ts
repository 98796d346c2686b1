// The board report over one charter's seeded projects, timed through
// BoardReportQueries.report(charterId, from, to). The limit is the report's input alone: a
// count of the charter's events of the types the report reads, in the period.
import type { DataSource } from 'typeorm';
import {
  BOARD_REPORT_EVENT_TYPES,
  BoardReportQueries,
  boardReportStatement,
} from '../../libs/event-store/src/board-report';
import type { BenchContext } from '../context';
import { measurePair, type Row } from '../measure';
import { BIG_CHARTER, SEED_YEAR } from '../seed';

export async function boardReportCases(ctx: BenchContext, dataSource: DataSource): Promise<Row[]> {
  const section = 'Board report';
  const [{ projects, events }] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM projects WHERE charter_id = $1)::int AS projects,
            (SELECT count(*) FROM events e JOIN projects p ON p.id = e.project_id WHERE p.charter_id = $1)::int AS events`,
    [BIG_CHARTER],
  )) as { projects: number; events: number }[];
  const scope = `${BIG_CHARTER}: ${projects.toLocaleString('en-GB')} projects, ${events.toLocaleString('en-GB')} events`;
  const periods = [
    { label: 'a year', from: SEED_YEAR.from, to: SEED_YEAR.to },
    { label: 'a quarter', from: '2025-04-01', to: '2025-06-30' },
  ];

  const queries = new BoardReportQueries(dataSource);
  const budget = ctx.quick ? { maxOps: 3, maxMs: 5_000 } : { maxOps: 20, maxMs: 20_000 };
  const rows: Row[] = [];
  for (const period of periods) {
    const { figure, limit } = await measurePair(
      {
        name: `BoardReportQueries.report over ${period.label} (${scope})`,
        conc: 1,
        warmup: 1,
        opTimeoutMs: 120_000,
        ...budget,
        op: () => queries.report(BIG_CHARTER, period.from, period.to),
      },
      {
        name: `count of its input events over ${period.label}`,
        conc: 1,
        warmup: 1,
        opTimeoutMs: 120_000,
        ...budget,
        op: () =>
          dataSource.query(
            `SELECT count(*) FROM events e JOIN projects p ON p.id = e.project_id
           WHERE p.charter_id = $1 AND e.type = ANY($2::text[])
             AND e.occurred_at >= $3::date AND e.occurred_at < $4::date + 1`,
            [BIG_CHARTER, BOARD_REPORT_EVENT_TYPES, period.from, period.to],
          ),
      },
    );
    const sample = await queries.report(BIG_CHARTER, period.from, period.to);
    if (typeof sample.projectsStarted === 'number')
      figure.note = `${sample.projectsStarted.toLocaleString('en-GB')} projects started in the period`;
    rows.push({ section, figure, limit });
    // BENCH_EXPLAIN=1: where the statement's time goes (to stderr, beside the figures).
    if (process.env.BENCH_EXPLAIN) {
      const { sql, params } = boardReportStatement(BIG_CHARTER, period.from, period.to);
      const plan = (await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)) as {
        'QUERY PLAN': string;
      }[];
      console.error(
        `EXPLAIN ANALYZE of the report over ${period.label}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`,
      );
      const started = process.hrtime.bigint();
      const [out] = (await dataSource.query(
        `SELECT length(projects::text) AS projects_chars, length(summaries::text) AS summaries_chars FROM (${sql}) r`,
        params,
      )) as { projects_chars: number; summaries_chars: number }[];
      console.error(
        `Output of the report over ${period.label}: ${JSON.stringify(out)} (${Number(process.hrtime.bigint() - started) / 1e6} ms without sending it)`,
      );
    }
  }
  return rows;
}
