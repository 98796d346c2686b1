// The cross-project audit trail at the size of a real log: who reads which events (checked
// in SQL against the projects read model, compared here with the domain's own rule), the
// filters (actor, types, time range) across projects, keyset pagination over more than
// 1,000 events while other events are being appended, and refused cursors.
//
// Events are appended straight through the event store (real domain events, as the
// workflow would record them), so the log is large without driving 1,000 GraphQL steps;
// the reads go through the gateway as a client's would, and through the store directly.
import { randomUUID } from 'node:crypto';
import { canReadProject } from '../libs/domain/src/access';
import type { Actor, AuditActor } from '../libs/domain/src/actor';
import type { NewEvent, ParticipantRecord, RecordedEvent } from '../libs/domain/src/events';
import type { Confidentiality, LadderLevel } from '../libs/domain/src/vocabulary';
import type { AuditTrailFilter, EventStore, ReadScope } from '../libs/event-store/src';
import { openTestDb, participant, type TestDb } from '../libs/event-store/test/support';
import { ok } from './support/answers';
import { startStack, type Stack } from './support/stack';
import { tokenFor } from './support/tokens';

const run = randomUUID().slice(0, 8);
const CHARTER = `audit-reads-${run}`;
const OTHER_CHARTER = `audit-reads-other-${run}`;
const CONFS: Confidentiality[] = ['PUBLIC', 'PARTNERS', 'MEETING_GROUP'];
const LEVELS: LadderLevel[] = ['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'];
const BASE = Date.parse('2027-01-04T09:00:00.000Z');
const minute = (n: number) => new Date(BASE + n * 60_000).toISOString();

const actor = (key: string, roles: string[], charters: string[] = []): Actor => ({
  id: `${key}-${run}`,
  displayName: key,
  roles,
  charters,
});
const lead = actor('lead', ['LEAD'], [CHARTER, OTHER_CHARTER]);
const rep = actor('rep', ['PARENT_REP']);
const youngPerson = actor('young-person', ['YOUNG_PERSON']);
const professional = actor('professional', ['PROFESSIONAL'], [OTHER_CHARTER]);

/** The readers, with how many of the seeded projects each reads (which way the store finds a page). */
const READERS: { name: string; actor: Actor }[] = [
  { name: 'BOARD of the charter (all 120: walks the log)', actor: actor('board', ['BOARD'], [CHARTER]) },
  { name: 'FORUM of the charter (all 120: walks the log)', actor: actor('forum', ['FORUM'], [CHARTER]) },
  { name: 'YOUNG_PERSON in 110 projects (walks the log)', actor: youngPerson },
  { name: 'PARENT_REP in 8 projects (merges their ranges)', actor: rep },
  { name: 'the same PARENT_REP in the charter (PUBLIC ones too)', actor: { ...rep, charters: [CHARTER] } },
  {
    name: 'PARENT_REP of the charter, not a participant',
    actor: actor('neighbour', ['PARENT_REP'], [CHARTER]),
  },
  { name: 'PROFESSIONAL in the other charter', actor: professional },
  { name: 'BOARD of the other charter', actor: actor('other-board', ['BOARD'], [OTHER_CHARTER]) },
  { name: 'BOARD of a charter with no projects', actor: actor('stranger', ['BOARD'], ['nowhere']) },
];

/** What the gateway's readScopeOf makes of an actor. */
const scopeOf = (a: Actor): ReadScope => ({
  personId: a.id,
  charterIds: a.charters,
  boardOrForumCharterIds: a.roles.some((r) => r === 'BOARD' || r === 'FORUM') ? a.charters : [],
});
const tokenOf = (a: Actor) =>
  tokenFor({ sub: a.id, name: a.displayName, roles: a.roles, charters: a.charters });

interface SeededProject {
  id: string;
  charterId: string;
  confidentiality: Confidentiality;
  participants: ParticipantRecord[];
  version: number;
}

let db: TestDb;
let store: EventStore;
let stack: Stack;
const seeded: SeededProject[] = [];
/** Every seeded event, in the order appended (one append at a time: each a later transaction). */
const appended: RecordedEvent[] = [];
let clock = 0;

const auditActor = (a: Actor): AuditActor => ({ id: a.id, displayName: a.displayName, roles: a.roles });

function nextEvent(project: SeededProject, at: string): NewEvent {
  const n = project.version;
  if (n === 0) {
    return {
      type: 'ProjectStarted',
      data: {
        charterId: project.charterId,
        title: `Audit reads ${run}`,
        purpose: 'Many events',
        confidentiality: project.confidentiality,
        expectedOutcomes: ['A long trail'],
        proposedLevel: 'CO_PRODUCTION',
        participants: project.participants,
      },
      reason: 'To read it back',
      actor: auditActor(lead),
      occurredAt: at,
    };
  }
  const by = project.participants.find((p) => p.personId === rep.id) && n % 3 === 0 ? rep : lead;
  return by === rep
    ? {
        type: 'LadderLevelCounterProposed',
        data: { level: LEVELS[n % 4] },
        reason: 'We would rather',
        actor: auditActor(rep),
        occurredAt: at,
      }
    : {
        type: 'LadderLevelProposed',
        data: { level: LEVELS[n % 4] },
        reason: 'Try this',
        actor: auditActor(lead),
        occurredAt: at,
      };
}

async function appendNext(project: SeededProject, target: RecordedEvent[] | null) {
  const event = nextEvent(project, minute(clock++));
  const recorded = await store.append({
    projectId: project.id,
    expectedVersion: project.version,
    events: [event],
  });
  project.version += 1;
  target?.push(...recorded);
  return recorded;
}

function newProject(index: number, charterId = CHARTER): SeededProject {
  const participants = [participant('LEAD', lead.id)];
  if (charterId === CHARTER) {
    if (index % 17 === 0) participants.push(participant('PARENT_REP', rep.id));
    if (index < 110) participants.push(participant('YOUNG_PERSON', youngPerson.id));
  } else {
    participants.push(participant('PROFESSIONAL', professional.id));
  }
  const project = {
    id: randomUUID(),
    charterId,
    confidentiality: CONFS[index % 3],
    participants,
    version: 0,
  };
  seeded.push(project);
  return project;
}

const byId = () => new Map(seeded.map((p) => [p.id, p]));
const readableBy = (a: Actor) => {
  const projects = byId();
  return (e: { projectId: string }) => {
    const p = projects.get(e.projectId);
    return p !== undefined && canReadProject(p, a);
  };
};
const keys = (events: { projectId: string; sequence: number }[]) =>
  events.map((e) => `${e.projectId}:${e.sequence}`);

beforeAll(async () => {
  db = await openTestDb();
  store = db.store;
  stack = await startStack();
  // 120 projects in the charter and 3 in another, 9 events each, appended round by round so
  // that the projects' events interleave in the log: 1,107 events.
  const projects = [
    ...Array.from({ length: 120 }, (_, i) => newProject(i)),
    ...Array.from({ length: 3 }, (_, i) => newProject(i, OTHER_CHARTER)),
  ];
  for (let round = 0; round < 9; round++) {
    for (const project of projects) await appendNext(project, appended);
  }
  expect(appended.length).toBeGreaterThanOrEqual(1000);
  // Cross-project readers see an event once every older transaction has ended.
  await eventually(
    async () => (await allPages({ projectIds: projects.map((p) => p.id) }, 500)).length,
    appended.length,
  );
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await db?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(read: () => Promise<number>, atLeast: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await read()) < atLeast) {
    if (Date.now() > deadline) throw new Error(`Fewer than ${atLeast} events became visible.`);
    await sleep(50);
  }
}

/** Every page of a trail read straight from the store, checking each page's shape on the way. */
async function allPages(filter: AuditTrailFilter, first: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAuditTrail(filter, { first, after });
    expect(page.events.length).toBeLessThanOrEqual(first);
    expect(page.cursors).toHaveLength(page.events.length);
    if (page.hasNextPage) expect(page.events).toHaveLength(first);
    events.push(...page.events);
    if (!page.hasNextPage) return events;
    after = page.endCursor!;
  }
}

const AUDIT = `query($filter: AuditFilter!, $first: Int, $after: String) {
  auditTrail(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id projectId sequence type actor { id } occurredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('who reads which events, in SQL, as the domain rule says', () => {
  const mid = () => ({ from: minute(appended.length / 3), to: minute((2 * appended.length) / 3) });
  const filters: [string, () => Omit<AuditTrailFilter, 'readableBy'>, (e: RecordedEvent) => boolean][] = [
    ['no filter', () => ({}), () => true],
    ['an actor', () => ({ actorId: rep.id }), (e) => e.actor.id === rep.id],
    [
      'event types',
      () => ({ types: ['LadderLevelCounterProposed', 'ProjectStarted'] }),
      (e) => e.type === 'LadderLevelCounterProposed' || e.type === 'ProjectStarted',
    ],
    [
      'a time range (from and to inclusive)',
      mid,
      (e) => e.occurredAt >= mid().from && e.occurredAt <= mid().to,
    ],
    [
      'an actor from a time on',
      () => ({ actorId: lead.id, from: mid().from }),
      (e) => e.actor.id === lead.id && e.occurredAt >= mid().from,
    ],
  ];

  describe.each(READERS)('$name', ({ actor: reader }) => {
    it.each(filters)(
      '%s: every readable event once, in append order, 17 to a page',
      async (_n, filter, match) => {
        const expected = appended.filter(readableBy(reader)).filter(match);
        const events = await allPages({ ...filter(), readableBy: scopeOf(reader) }, 17);
        expect(keys(events)).toEqual(keys(expected));
        expect(events).toEqual(expected);
      },
    );
  });

  it('the readers above take each of the three ways to a page', async () => {
    const wayOf = async (filter: AuditTrailFilter) => (await store.readAuditTrail(filter, { first: 50 })).way;
    const board = READERS[0].actor;
    expect(await wayOf({ readableBy: scopeOf(rep) })).toBe('merge');
    expect(await wayOf({ readableBy: scopeOf({ ...rep, charters: [CHARTER] }) })).toBe('merge');
    expect(await wayOf({ readableBy: scopeOf(board) })).toBe('walk');
    expect(await wayOf({ readableBy: scopeOf(youngPerson) })).toBe('walk');
    expect(await wayOf({ readableBy: scopeOf(board), actorId: rep.id })).toBe('walk');
    expect(await wayOf({ readableBy: scopeOf(board), from: minute(100), to: minute(200) })).toBe('time');
    expect(await wayOf({ readableBy: scopeOf(rep), from: minute(100) })).toBe('time');
    expect(await wayOf({ projectId: seeded[0].id, readableBy: scopeOf(board) })).toBe('project');
  });

  it('one project with readableBy: its trail by sequence for a reader, nothing for another', async () => {
    const project = seeded.find(
      (p) => p.confidentiality === 'PARTNERS' && p.participants.some((x) => x.personId === rep.id),
    )!;
    const trail = await allPages({ projectId: project.id, readableBy: scopeOf(rep) }, 4);
    expect(trail.map((e) => e.sequence)).toEqual(Array.from({ length: project.version }, (_, i) => i + 1));
    const neighbour = READERS[5].actor;
    expect(await allPages({ projectId: project.id, readableBy: scopeOf(neighbour) }, 4)).toEqual([]);
  });
});

describe('the cross-project auditTrail through GraphQL', () => {
  const board = READERS[0].actor;

  it('filters by actor, event types and time range across projects', async () => {
    const from = minute(100);
    const to = minute(700);
    const filter = { actorId: lead.id, types: ['ProjectStarted', 'LadderLevelProposed'], from, to };
    const expected = appended
      .filter(readableBy(board))
      .filter((e) => e.actor.id === lead.id && filter.types.includes(e.type))
      .filter((e) => e.occurredAt >= from && e.occurredAt <= to);
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(
        await stack.gql(AUDIT, { filter, first: 100, after }, tokenOf(board)),
        'auditTrail',
      );
      seen.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(new Set(seen.map((e) => e.type))).toEqual(new Set(['ProjectStarted', 'LadderLevelProposed']));
    expect(seen.every((e) => e.actor.id === lead.id && e.occurredAt >= from && e.occurredAt <= to)).toBe(
      true,
    );
  });

  it('caps first at 100', async () => {
    const page = ok(await stack.gql(AUDIT, { filter: {}, first: 500 }, tokenOf(board)), 'auditTrail');
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('pages through 1,000+ events, 50 at a time, while more are appended: none skipped or repeated, order stable', async () => {
    const readers = [
      { name: 'BOARD', actor: board, filter: {} },
      { name: 'PARENT_REP participant', actor: rep, filter: {} },
      { name: 'BOARD, from a time on', actor: board, filter: { from: minute(300) } },
    ];
    // Meanwhile: four writers append to the charter's projects (each writer its own
    // projects, as each project's workflow would), and new projects start.
    let appending = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      const mine = seeded.filter((p, i) => p.charterId === CHARTER && i % 4 === w);
      for (let n = 0; n < 60; n++) {
        await appendNext(mine[(n * 7) % mine.length], null);
        if (n % 20 === 0) await appendNext(newProject(n === 0 ? 0 : 17), null); // one the rep is in
      }
    });
    const allWritten = Promise.all(writers).finally(() => (appending = false));

    const follow = async (reader: (typeof readers)[number]) => {
      const seen: any[] = [];
      const pageSizes: number[] = [];
      let after: string | null = null;
      let expectedTotal = Infinity;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const page: any = ok(
          await stack.gql(AUDIT, { filter: reader.filter, first: 50, after }, tokenOf(reader.actor)),
          'auditTrail',
        );
        seen.push(...page.edges.map((e: any) => e.node));
        pageSizes.push(page.edges.length);
        after = page.pageInfo.endCursor ?? after;
        if (page.pageInfo.hasNextPage) continue;
        if (!appending && expectedTotal === Infinity) expectedTotal = (await finalOrder(reader)).length;
        if (seen.length >= expectedTotal) break;
        await sleep(50);
      }
      return { seen, pageSizes };
    };
    const finalOrder = async (reader: (typeof readers)[number]) => {
      const rows: { project_id: string; sequence: number; occurred_at: Date }[] = await db.dataSource.query(
        `SELECT project_id::text, sequence, occurred_at FROM events WHERE project_id = ANY($1::uuid[])
         ORDER BY transaction_id, position`,
        [seeded.map((p) => p.id)],
      );
      const from = (reader.filter as { from?: string }).from;
      return rows
        .map((r) => ({
          projectId: r.project_id,
          sequence: r.sequence,
          occurredAt: r.occurred_at.toISOString(),
        }))
        .filter(readableBy(reader.actor))
        .filter((e) => !from || e.occurredAt >= from);
    };

    const results = await Promise.all(readers.map(follow));
    await allWritten;
    for (const [i, reader] of readers.entries()) {
      const { seen, pageSizes } = results[i];
      const expected = keys(await finalOrder(reader));
      const ids = seen.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      expect(ids).toEqual(expected); // nothing skipped, in append order
      expect(pageSizes.every((n) => n <= 50)).toBe(true);
      // The same order when read again from the start, now that the writers are done.
      const again: string[] = [];
      let after: string | null = null;
      do {
        const page: any = ok(
          await stack.gql(AUDIT, { filter: reader.filter, first: 100, after }, tokenOf(reader.actor)),
          'auditTrail',
        );
        again.push(...page.edges.map((e: any) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(again).toEqual(expected);
    }
    // The board read more than 1,000 events, at least 20 pages of them while appends went on.
    expect(results[0].seen.length).toBeGreaterThan(1_200);
    expect(results[0].pageSizes.filter((n) => n === 50).length).toBeGreaterThanOrEqual(20);
    expect(results[1].seen.length).toBeGreaterThan(60);
  }, 300_000);

  it('refuses a malformed cursor with BAD_USER_INPUT naming `after`', async () => {
    const project = seeded[0];
    const perProject = ok(
      await stack.gql(AUDIT, { filter: { projectId: project.id }, first: 1 }, tokenOf(board)),
      'auditTrail',
    ).pageInfo.endCursor;
    const crossProject = ok(await stack.gql(AUDIT, { filter: {}, first: 1 }, tokenOf(board)), 'auditTrail')
      .pageInfo.endCursor;
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'not a cursor!'],
      [{}, Buffer.from('{"k":"log","x":"1; DROP TABLE events","p":"1"}').toString('base64url')],
      [{}, perProject],
      [{ projectId: project.id }, crossProject],
      [{ projectId: project.id }, Buffer.from('{"k":"seq","s":-1}').toString('base64url')],
    ];
    for (const [filter, after] of cases) {
      const res = await stack.gql(AUDIT, { filter, first: 5, after }, tokenOf(board));
      expect(res.data).toBeNull();
      expect(res.errors?.[0]).toMatchObject({
        message: 'The `after` cursor is not one this list gave out: start again from the first page.',
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
  });
});
