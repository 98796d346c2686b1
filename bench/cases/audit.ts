// Audit-trail pages of 50 events at growing sizes of the events table (seeded with
// bench/seed.ts): EventStore.readAuditTrail for one project (first page, and a deep keyset
// page), across projects (first page, and a deep keyset page), as a board member and as a
// parent rep read it (readableBy), with the board's projects given as ids instead, and the
// board member's page through the gateway. The limit is the cheapest page the table can
// give: 51 rows of the same columns by primary-key range.
import type { DataSource } from 'typeorm';
import { EventStore } from '../../libs/event-store/src/event-store';
import { gql, type BenchContext } from '../context';
import { guarded, measure, unavailable, type Figure, type Row } from '../measure';
import { BIG_CHARTER, type Seeder } from '../seed';

const PAGE = 50;

const AUDIT = `query($first: Int) {
  auditTrail(filter: {}, first: $first) {
    edges { cursor node { id projectId sequence type actor { id displayName roles } occurredAt data reason hash prevHash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const pickFrom = <T>(items: readonly T[], i: number) => items[(i * 7919) % items.length];

export async function auditCases(
  ctx: BenchContext,
  dataSource: DataSource,
  seeder: Seeder,
  size: number,
): Promise<Row[]> {
  const samples = ctx.quick ? 40 : 200;
  const maxMs = ctx.quick ? 2_000 : 8_000;
  const store = new EventStore(dataSource);
  const section = `Audit trail pages of ${PAGE} events, events table at ${size.toLocaleString('en-GB')} events`;
  const one = (
    name: string,
    op: (lane: number, i: number) => Promise<unknown>,
    n = samples,
    warmup = 3,
  ): Promise<Figure> => measure({ name, conc: 1, warmup, maxOps: n, maxMs, op });

  // The limit: a bare keyset page by primary key, same columns, random starting points.
  const [{ maxPosition }] = (await dataSource.query(
    `SELECT max(position)::float8 AS "maxPosition" FROM events`,
  )) as {
    maxPosition: number;
  }[];
  const bare = await one('bare keyset page by position', (_, i) =>
    dataSource.query(
      `SELECT position, project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at, data, reason,
              prev_hash, hash, transaction_id::text AS xact_id
       FROM events WHERE position > $1 ORDER BY position LIMIT ${PAGE + 1}`,
      [Math.floor((((i * 7919) % 1000) / 1000) * Math.max(0, maxPosition - PAGE))],
    ),
  );
  const rows: Row[] = [];
  const add = (figure: Figure) => rows.push({ section, figure, limit: bare });

  const projects = seeder.projects;
  if (projects.length === 0) throw new Error('nothing was seeded');
  add(
    await one('one project, first page', (_, i) =>
      store.readAuditTrail({ projectId: pickFrom(projects, i).id }, { first: PAGE }),
    ),
  );

  // Deep per-project pages: the projects with more than 1,000 events (large surveys), after
  // sequence 900 (cursors taken from a page of 900, as a client paging along would hold).
  const deepProjects = projects.filter((p) => p.events > 1000).slice(0, 20);
  const deepName = `one project, page after sequence 900 (${deepProjects.length} projects of 1,000+ events)`;
  add(
    await guarded(deepName, async () => {
      if (deepProjects.length === 0) return unavailable(deepName, 'no project has 1,000 events yet');
      const cursors: { projectId: string; after: string }[] = [];
      for (const p of deepProjects) {
        const page = await store.readAuditTrail({ projectId: p.id }, { first: 900 });
        if (page.endCursor) cursors.push({ projectId: p.id, after: page.endCursor });
      }
      return one(deepName, (_, i) => {
        const c = pickFrom(cursors, i);
        return store.readAuditTrail({ projectId: c.projectId }, { first: PAGE, after: c.after });
      });
    }),
  );

  add(await one('all projects, first page', () => store.readAuditTrail({}, { first: PAGE })));

  // A deep cursor across projects: walk the log in pages of 1,000 up to halfway (bounded in
  // time), keeping the cursors of the last pages walked.
  add(
    await guarded('all projects, deep page', async () => {
      const walkUntil = Date.now() + (ctx.quick ? 3_000 : 15_000);
      const deepCursors: string[] = [];
      let depth = 0;
      let after: string | null = null;
      while (depth < size / 2 && Date.now() < walkUntil) {
        const page = await store.readAuditTrail({}, { first: 1000, after });
        if (!page.endCursor || !page.hasNextPage) break;
        depth += page.events.length;
        after = page.endCursor;
        deepCursors.push(after);
        if (deepCursors.length > 20) deepCursors.shift();
      }
      if (deepCursors.length === 0)
        return unavailable('all projects, deep page', 'the log is shorter than one walk page');
      return one(`all projects, page after ~${Math.round(depth / 1000)}k events`, (_, i) =>
        store.readAuditTrail({}, { first: PAGE, after: pickFrom(deepCursors, i) }),
      );
    }),
  );

  // A board member's view: every project of their charter. The gateway passes who reads
  // (readableBy, checked in SQL against the projects read model); the alternative is the
  // list of their project ids (projectIds).
  const charterIds = (
    (await dataSource.query(`SELECT id FROM projects WHERE charter_id = $1`, [BIG_CHARTER])) as {
      id: string;
    }[]
  ).map((r) => r.id);
  const many = charterIds.length.toLocaleString('en-GB');
  const board = { personId: 'bench-board', charterIds: [BIG_CHARTER], boardOrForumCharterIds: [BIG_CHARTER] };
  add(
    await one(`readableBy a BOARD member of ${BIG_CHARTER} (${many} projects), first page`, () =>
      store.readAuditTrail({ readableBy: board }, { first: PAGE }),
    ),
  );
  add(
    await one(`the same ${many} projects as projectIds, first page`, () =>
      store.readAuditTrail({ projectIds: charterIds }, { first: PAGE }),
    ),
  );
  // A parent carer representative: only the projects they take part in (seeded people
  // rep-0 … rep-2999 take part in a few dozen projects each at a million events).
  const [{ n: repProjects }] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM projects WHERE participant_person_ids @> ARRAY['rep-17']::text[]`,
  )) as { n: number }[];
  const rep = { personId: 'rep-17', charterIds: [], boardOrForumCharterIds: [] };
  add(
    await one(`readableBy a parent rep (their ${repProjects} projects), first page`, () =>
      store.readAuditTrail({ readableBy: rep }, { first: PAGE }),
    ),
  );

  // The board member's view through GraphQL (the gateway adds the token, the scope and the
  // response).
  add(
    await one(
      `GraphQL auditTrail as BOARD of ${BIG_CHARTER} (${many} projects), first page`,
      () => gql(ctx.seededGraphqlUrl, AUDIT, { first: PAGE }, ctx.people.board.token),
      ctx.quick ? 5 : 30,
      1,
    ),
  );
  return rows;
}
