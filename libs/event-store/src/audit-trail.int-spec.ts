// Reading the audit trail: keyset pages, filters, and the cross-project order of appends.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../domain/src/events';
import type { LadderLevel } from '../../domain/src/vocabulary';
import {
  counterProposed,
  eventually,
  hashInChain,
  insertEventRow,
  lead,
  useTestDb,
  parentRep,
  proposed,
  started,
} from '../test/support';
import { BadCursorError, GENESIS_HASH, type AuditTrailFilter } from './index';

const LEVELS: LadderLevel[] = ['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'];
const BASE = Date.parse('2027-03-01T09:00:00.000Z');
const minute = (n: number) => new Date(BASE + n * 60_000).toISOString();

const db = useTestDb();
const store = db.store;

/** Every page of a trail, following endCursor. */
async function allPages(filter: AuditTrailFilter, first: number) {
  const pages: {
    events: RecordedEvent[];
    hasNextPage: boolean;
    endCursor: string | null;
    cursors: string[];
  }[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAuditTrail(filter, { first, after });
    pages.push(page);
    if (!page.hasNextPage) return pages;
    after = page.endCursor ?? undefined;
  }
}

const keys = (events: RecordedEvent[]) => events.map((e) => `${e.projectId}:${e.sequence}`);

describe("one project's trail", () => {
  const projectId = randomUUID();
  let all: RecordedEvent[];

  beforeAll(async () => {
    // 120 events: the start, then proposals by the lead and counter-proposals by the parent rep,
    // one minute apart.
    all = await store.append({ projectId, expectedVersion: 0, events: [started({ occurredAt: minute(0) })] });
    for (let v = 1; v < 120; v += 7) {
      const batch = [];
      for (let s = v; s < Math.min(v + 7, 120); s++) {
        const at = minute(s);
        batch.push(s % 3 === 0 ? counterProposed(LEVELS[s % 4], { at }) : proposed(LEVELS[s % 4], { at }));
      }
      all.push(...(await store.append({ projectId, expectedVersion: v, events: batch })));
    }
    expect(all).toHaveLength(120);
  });

  it('pages through 120 events, 50 at a time, by ascending sequence', async () => {
    const pages = await allPages({ projectId }, 50);
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.hasNextPage)).toEqual([true, true, false]);
    const events = pages.flatMap((p) => p.events);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(events).toEqual(all);
    for (const page of pages) {
      expect(page.cursors).toHaveLength(page.events.length);
      expect(page.endCursor).toBe(page.cursors[page.cursors.length - 1]);
      for (const c of page.cursors) expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    }
    // Any event's cursor resumes right after it.
    const resumed = await store.readAuditTrail({ projectId }, { first: 3, after: pages[1].cursors[9] });
    expect(resumed.events.map((e) => e.sequence)).toEqual([61, 62, 63]);
    // A page exactly at the end says there is no next page.
    const tail = await store.readAuditTrail({ projectId }, { first: 20, after: pages[1].endCursor });
    expect(tail).toMatchObject({ hasNextPage: false });
    expect(tail.events).toHaveLength(20);
    const beyond = await store.readAuditTrail({ projectId }, { first: 20, after: tail.endCursor });
    expect(beyond).toEqual({ events: [], cursors: [], hasNextPage: false, endCursor: null });
  });

  it('filters by actor', async () => {
    const pages = await allPages({ projectId, actorId: parentRep.id }, 15);
    const events = pages.flatMap((p) => p.events);
    expect(events.map((e) => e.sequence)).toEqual(
      all.filter((e) => e.actor.id === parentRep.id).map((e) => e.sequence),
    );
    expect(events.length).toBe(39);
    expect(events.every((e) => e.type === 'LadderLevelCounterProposed')).toBe(true);
  });

  it('filters by type', async () => {
    const types = ['ProjectStarted', 'LadderLevelCounterProposed'];
    const events = (await allPages({ projectId, types }, 50)).flatMap((p) => p.events);
    expect(events.map((e) => e.sequence)).toEqual(
      all.filter((e) => types.includes(e.type)).map((e) => e.sequence),
    );
    expect(events[0].type).toBe('ProjectStarted');
    expect((await store.readAuditTrail({ projectId, types: [] }, { first: 50 })).events).toEqual([]);
  });

  it('filters by time, from and to both inclusive', async () => {
    const page = await store.readAuditTrail(
      { projectId, from: minute(10), to: new Date(minute(19)) },
      { first: 50 },
    );
    expect(page.events.map((e) => e.sequence)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const combined = await store.readAuditTrail(
      { projectId, from: minute(10), to: minute(19), actorId: lead.id, types: ['LadderLevelProposed'] },
      { first: 50 },
    );
    expect(combined.events.map((e) => e.sequence)).toEqual([11, 12, 14, 15, 17, 18, 20]);
  });

  it('respects the readable projects', async () => {
    expect(
      (await store.readAuditTrail({ projectId, projectIds: [randomUUID()] }, { first: 5 })).events,
    ).toEqual([]);
    expect(
      (await store.readAuditTrail({ projectId, projectIds: [projectId] }, { first: 5 })).events,
    ).toHaveLength(5);
  });
});

describe('the cross-project trail', () => {
  it('lists events in the order they were appended, across projects, page by page', async () => {
    const projects = [randomUUID(), randomUUID(), randomUUID()];
    const appended: RecordedEvent[] = [];
    const versions = new Map<string, number>();
    for (let i = 0; i < 120; i++) {
      const projectId = projects[(i * 7 + Math.floor(i / 5)) % 3];
      const version = versions.get(projectId) ?? 0;
      const event =
        version === 0
          ? started({ occurredAt: minute(i) })
          : i % 4 === 0
            ? counterProposed(LEVELS[i % 4], { at: minute(i) })
            : proposed(LEVELS[i % 4], { at: minute(i) });
      appended.push(...(await store.append({ projectId, expectedVersion: version, events: [event] })));
      versions.set(projectId, version + 1);
    }

    // Readers see an event once every older transaction has ended: wait for the last one.
    const filter = { projectIds: projects };
    await eventually(
      () => allPages(filter, 100),
      (pages) => pages.flatMap((p) => p.events).length === 120,
    );
    const pages = await allPages(filter, 50);
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, 20]);
    expect(keys(pages.flatMap((p) => p.events))).toEqual(keys(appended));
    expect(pages.flatMap((p) => p.events)).toEqual(appended);

    const byActor = (await allPages({ ...filter, actorId: parentRep.id }, 10)).flatMap((p) => p.events);
    expect(keys(byActor)).toEqual(keys(appended.filter((e) => e.actor.id === parentRep.id)));
    expect(byActor.length).toBeGreaterThan(0);

    const byType = (await allPages({ ...filter, types: ['ProjectStarted'] }, 2)).flatMap((p) => p.events);
    expect(keys(byType)).toEqual(keys(appended.filter((e) => e.type === 'ProjectStarted')));
    expect(byType).toHaveLength(3);

    const byTime = (await allPages({ ...filter, from: minute(30), to: minute(59) }, 7)).flatMap(
      (p) => p.events,
    );
    expect(keys(byTime)).toEqual(keys(appended.slice(30, 60)));

    const twoOfThree = (await allPages({ projectIds: projects.slice(0, 2) }, 50)).flatMap((p) => p.events);
    expect(keys(twoOfThree)).toEqual(keys(appended.filter((e) => e.projectId !== projects[2])));

    expect(await store.readAuditTrail({ projectIds: [] }, { first: 50 })).toEqual({
      events: [],
      cursors: [],
      hasNextPage: false,
      endCursor: null,
    });
  });

  it('orders by transaction id as a number, also where its digits grow (999 → 1000)', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    const q = db.dataSource.createQueryRunner();
    await q.connect();
    const currentXid = async () => BigInt((await q.query('SELECT pg_current_xact_id()::text AS x'))[0].x);
    // Uses up transaction ids quickly (each a committed, empty transaction).
    const burnTo = async (target: bigint) => {
      const n = target - (await currentXid());
      if (n > 0n)
        await q.query(
          `DO $$ BEGIN FOR i IN 1..${n} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`,
        );
    };
    let boundary: bigint;
    try {
      await q.query('SET synchronous_commit = off');
      const now = await currentXid();
      boundary = 10n ** BigInt(now.toString().length);
      if (boundary - now > 1_000_000n) return; // too far to reach in seconds: nothing to show here
      await burnTo(boundary - 200n);
      await store.append({ projectId: before, expectedVersion: 0, events: [started()] });
      await burnTo(boundary + 1n);
      await store.append({ projectId: after, expectedVersion: 0, events: [started()] });
    } finally {
      await q.query('RESET synchronous_commit');
      await q.release();
    }
    const xids = await db.dataSource.query(
      `SELECT project_id, transaction_id::text AS x FROM events WHERE project_id = ANY($1::uuid[])`,
      [[before, after]],
    );
    const xidOf = (id: string) => BigInt(xids.find((r: { project_id: string }) => r.project_id === id).x);
    expect(xidOf(before)).toBeLessThan(boundary);
    expect(xidOf(after)).toBeGreaterThanOrEqual(boundary);

    const page = await eventually(
      () => store.readAuditTrail({ projectIds: [after, before] }, { first: 1 }),
      (p) => p.events.length === 1,
    );
    expect(page.events[0].projectId).toBe(before);
    const next = await store.readAuditTrail(
      { projectIds: [after, before] },
      { first: 1, after: page.endCursor },
    );
    expect(next.events.map((e) => e.projectId)).toEqual([after]);
  });

  it('waits for a slow transaction instead of skipping the event it commits later', async () => {
    const slowProject = randomUUID();
    const fastProject = randomUUID();
    const filter = { projectIds: [slowProject, fastProject] };

    // A writer takes its transaction id first and commits last.
    const slow = db.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      const event = started({ occurredAt: minute(1) });
      const hash = hashInChain(event, slowProject, 1, GENESIS_HASH);
      await slow.query(`INSERT INTO event_streams (project_id, version, head_hash) VALUES ($1, 1, $2)`, [
        slowProject,
        hash,
      ]);
      await insertEventRow((sql, params) => slow.query(sql, params), {
        projectId: slowProject,
        sequence: 1,
        event,
        prevHash: GENESIS_HASH,
        hash,
      });

      // Meanwhile a later transaction commits an event of another project.
      await store.append({
        projectId: fastProject,
        expectedVersion: 0,
        events: [started({ occurredAt: minute(2) })],
      });
      const direct = await store.readAuditTrail({ projectId: fastProject }, { first: 10 });
      expect(direct.events).toHaveLength(1); // committed, and visible in its own project's trail

      // A reader following the log does not see it yet: it would otherwise move past the
      // slow writer's event, which sorts before it.
      const whileSlow = await store.readAuditTrail(filter, { first: 10 });
      expect(whileSlow.events).toEqual([]);
      await slow.commitTransaction();
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }

    const after = await eventually(
      () => store.readAuditTrail(filter, { first: 10 }),
      (page) => page.events.length === 2,
    );
    expect(after.events.map((e) => e.projectId)).toEqual([slowProject, fastProject]);
    expect(await store.verify(slowProject)).toMatchObject({ valid: true, eventCount: 1 });
  });
});

describe('cursors', () => {
  it('refuses a cursor it did not give out, with a plain message', async () => {
    const projectId = randomUUID();
    await store.append({ projectId, expectedVersion: 0, events: [started()] });
    await store.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });
    const perProject = (await store.readAuditTrail({ projectId }, { first: 1 })).endCursor as string;
    const crossProject = (
      await eventually(
        () => store.readAuditTrail({ projectIds: [projectId] }, { first: 1 }),
        (p) => p.events.length === 1,
      )
    ).endCursor as string;

    const bad = [
      'not a cursor!',
      'e30', // {}
      Buffer.from('{"k":"seq","s":-1}').toString('base64url'),
      Buffer.from('{"k":"log","x":"1; DROP TABLE events","p":"1"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      crossProject, // a cursor of another list
    ];
    for (const after of bad) {
      const err = await store.readAuditTrail({ projectId }, { first: 1, after }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadCursorError);
      expect((err as Error).message).toBe(
        'The `after` cursor is not one this list gave out: start again from the first page.',
      );
    }
    await expect(
      store.readAuditTrail({ projectIds: [projectId] }, { first: 1, after: perProject }),
    ).rejects.toThrow(BadCursorError);
    await expect(store.listProjects({}, { first: 1, after: perProject })).rejects.toThrow(BadCursorError);
    const beyondXid8 = Buffer.from('{"k":"log","x":"99999999999999999999","p":"1"}').toString('base64url');
    await expect(
      store.readAuditTrail({ projectIds: [projectId] }, { first: 1, after: beyondXid8 }),
    ).rejects.toThrow(BadCursorError);
    // A cursor it gave out works across calls.
    const next = await eventually(
      () => store.readAuditTrail({ projectIds: [projectId] }, { first: 1, after: crossProject }),
      (p) => p.events.length === 1,
    );
    expect(next.events.map((e) => e.sequence)).toEqual([2]);
  });
});
