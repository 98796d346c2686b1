// Appending to the event store, against a real PostgreSQL.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { Client } from 'pg';
import type { NewEvent, RecordedEvent } from '../../domain/src/events';
import type { LadderLevel } from '../../domain/src/vocabulary';
import {
  agreed,
  counterProposed,
  databaseUrl,
  lead,
  useTestDb,
  parentRep,
  participant,
  proposed,
  started,
} from '../test/support';
import { ConcurrencyError } from './index';

const LEVELS: LadderLevel[] = ['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'];

/** The contract's hash, computed here without the store's own hash code. */
function independentHash(prevHash: string, e: RecordedEvent): string {
  const canonical = canonicalize({
    actorId: e.actor.id,
    data: e.data,
    occurredAt: e.occurredAt,
    projectId: e.projectId,
    reason: e.reason ?? null,
    sequence: e.sequence,
    type: e.type,
  }) as string;
  return createHash('sha256')
    .update(Buffer.from(prevHash + canonical, 'utf8'))
    .digest('hex');
}

const db = useTestDb();
const store = db.store;

const one = async <T>(sql: string, params: unknown[]) => ((await db.dataSource.query(sql, params)) as T[])[0];
const countEvents = async (projectId: string) =>
  (await one<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [projectId])).n;
const streamOf = (projectId: string) =>
  one<{ version: number; head_hash: string } | undefined>(
    'SELECT version, head_hash FROM event_streams WHERE project_id = $1',
    [projectId],
  );

async function startProject(options: Parameters<typeof started>[0] = {}) {
  const projectId = randomUUID();
  const [event] = await store.append({ projectId, expectedVersion: 0, events: [started(options)] });
  return { projectId, event };
}

/** Appends with the caller's view of the version, re-reading it after each ConcurrencyError. */
async function appendWithRetry(projectId: string, event: NewEvent): Promise<{ attempts: number }> {
  let expectedVersion = 0;
  for (let attempts = 1; ; attempts++) {
    try {
      await store.append({ projectId, expectedVersion, events: [event] });
      return { attempts };
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      expectedVersion = err.actualVersion;
    }
  }
}

describe('the hash chain', () => {
  it('records a chain of N events that an independent recomputation verifies', async () => {
    const { projectId } = await startProject();
    const N = 30;
    const base = Date.parse('2027-03-04T10:00:00.000Z');
    const appended: RecordedEvent[] = [];
    for (let v = 1; v < N; v++) {
      const at = new Date(base + v * 61_001).toISOString();
      const event = v % 2 ? proposed(LEVELS[v % 4], { at }) : counterProposed(LEVELS[v % 4], { at });
      appended.push(...(await store.append({ projectId, expectedVersion: v, events: [event] })));
    }

    const events = await store.readProjectEvents(projectId, { limit: 1000 });
    expect(events).toHaveLength(N);
    expect(events.slice(1)).toEqual(appended);
    let prev = '0'.repeat(64);
    events.forEach((e, i) => {
      expect(e.sequence).toBe(i + 1);
      expect(e.id).toBe(`${projectId}:${i + 1}`);
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.hash).toBe(independentHash(prev, e));
      prev = e.hash;
    });

    // One event by hand: the canonical JSON written out literally (keys sorted, no spaces).
    const e2 = events[1];
    const literal =
      `{"actorId":${JSON.stringify(lead.id)},"data":{"level":"${LEVELS[1]}"},` +
      `"occurredAt":"${e2.occurredAt}","projectId":"${projectId}","reason":"Try ${LEVELS[1]}",` +
      `"sequence":2,"type":"LadderLevelProposed"}`;
    expect(e2.hash).toBe(
      createHash('sha256')
        .update(events[0].hash + literal, 'utf8')
        .digest('hex'),
    );

    expect(await store.verify(projectId)).toEqual({
      projectId,
      valid: true,
      eventCount: N,
      headHash: prev,
      firstInvalidSequence: null,
    });
    expect((await streamOf(projectId))?.head_hash).toBe(prev);
  });

  it('reports an empty, valid chain for a project with no events', async () => {
    const projectId = randomUUID();
    expect(await store.verify(projectId)).toEqual({
      projectId,
      valid: true,
      eventCount: 0,
      headHash: null,
      firstInvalidSequence: null,
    });
  });
});

describe('idempotent appends', () => {
  it('returns the stored rows when the same append is run twice, and appends nothing', async () => {
    const projectId = randomUUID();
    const start = { projectId, expectedVersion: 0, events: [started()] };
    const first = await store.append(start);
    const step = {
      projectId,
      expectedVersion: 1,
      events: [proposed('PARTNERSHIP'), counterProposed('CONSULTATION')],
    };
    const once = await store.append(step);
    const twice = await store.append(step);

    expect(twice).toEqual(once);
    expect(twice.map((e) => e.hash)).toEqual(once.map((e) => e.hash));
    expect(twice.map((e) => e.sequence)).toEqual([2, 3]);
    expect(await countEvents(projectId)).toBe(3);
    expect((await streamOf(projectId))?.version).toBe(3);
    expect((await store.getProject(projectId))?.version).toBe(3);

    // A retry of an older append, after later ones, still finds its own rows.
    expect(await store.append(start)).toEqual(first);
    expect(await countEvents(projectId)).toBe(3);
  });

  it('returns the stored rows for the same step decided again later (a worker died after the commit)', async () => {
    const { projectId } = await startProject();
    const first = proposed('PARTNERSHIP');
    const stored = await store.append({ projectId, expectedVersion: 1, events: [first] });
    const later = new Date(Date.parse(first.occurredAt) + 5_000).toISOString();
    const again = await store.append({
      projectId,
      expectedVersion: 1,
      events: [{ ...first, occurredAt: later }],
    });
    expect(again).toEqual(stored);
    expect(again[0].occurredAt).toBe(stored[0].occurredAt);
    expect(await countEvents(projectId)).toBe(2);

    // Not a step decided before the stored one, nor one with other content at the later time.
    const earlier = new Date(Date.parse(first.occurredAt) - 5_000).toISOString();
    await expect(
      store.append({ projectId, expectedVersion: 1, events: [{ ...first, occurredAt: earlier }] }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      store.append({
        projectId,
        expectedVersion: 1,
        events: [{ ...proposed('CONSULTATION'), occurredAt: later }],
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await countEvents(projectId)).toBe(2);
  });

  it('gives concurrent copies of one append a single set of rows', async () => {
    const projectId = randomUUID();
    const input = { projectId, expectedVersion: 0, events: [started()] };
    const results = await Promise.all(Array.from({ length: 8 }, () => store.append(input)));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(await countEvents(projectId)).toBe(1);
  });

  it('refuses an append whose version is taken by different events', async () => {
    const { projectId } = await startProject();
    await store.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });

    const sameTypeOtherContent = store.append({
      projectId,
      expectedVersion: 1,
      events: [proposed('CONSULTATION')],
    });
    await expect(sameTypeOtherContent).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      store.append({ projectId, expectedVersion: 1, events: [counterProposed('PARTNERSHIP')] }),
    ).rejects.toThrow(/already has other events after version 1 \(LadderLevelProposed\)/);
    // Asking for more events than were stored at that place is not a retry either.
    await expect(
      store.append({
        projectId,
        expectedVersion: 1,
        events: [proposed('PARTNERSHIP'), proposed('CONSULTATION')],
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await countEvents(projectId)).toBe(2);
  });

  it('refuses an append ahead of the stream', async () => {
    const { projectId } = await startProject();
    const err = await store
      .append({ projectId, expectedVersion: 5, events: [proposed('PARTNERSHIP')] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(err).toMatchObject({ projectId, expectedVersion: 5, actualVersion: 1 });
    expect((err as Error).message).toMatch(/has 1 recorded events, not 5/);
  });
});

describe('concurrency', () => {
  it('serialises 50 concurrent appends to one project: sequences without gaps, a valid chain', async () => {
    const { projectId } = await startProject();
    const workers = 50;

    // Meanwhile, a reader checks in single snapshots that the read model never lags the events.
    let checking = true;
    const mismatches: string[] = [];
    const checker = (async () => {
      let checks = 0;
      while (checking || checks === 0) {
        const qr = db.dataSource.createQueryRunner();
        await qr.connect();
        try {
          await qr.startTransaction('REPEATABLE READ');
          const [row] = await qr.query(
            `SELECT (SELECT count(*)::int FROM events WHERE project_id = $1) AS events,
                    (SELECT version FROM event_streams WHERE project_id = $1) AS stream,
                    (SELECT version FROM projects WHERE id = $1) AS model,
                    (SELECT (state->>'version')::int FROM projects WHERE id = $1) AS state`,
            [projectId],
          );
          await qr.commitTransaction();
          if (new Set([row.events, row.stream, row.model, row.state]).size !== 1)
            mismatches.push(JSON.stringify(row));
        } finally {
          await qr.release();
        }
        checks++;
      }
      return checks;
    })();

    const results = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        appendWithRetry(projectId, proposed(LEVELS[i % 4], { reason: `worker ${i}` })),
      ),
    );
    checking = false;
    expect(await checker).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
    expect(results.some((r) => r.attempts > 1)).toBe(true); // they did collide

    const events = await store.readProjectEvents(projectId, { limit: 1000 });
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: workers + 1 }, (_, i) => i + 1));
    const reasons = events.slice(1).map((e) => e.reason);
    expect(new Set(reasons).size).toBe(workers); // each worker's event exactly once
    expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: workers + 1 });
    expect((await store.getProject(projectId))?.version).toBe(workers + 1);
  });

  it('keeps concurrent appends to different projects apart', async () => {
    const projects = Array.from({ length: 12 }, () => randomUUID());
    const steps = 8;
    await Promise.all(
      projects.map(async (projectId, p) => {
        await store.append({ projectId, expectedVersion: 0, events: [started({ title: `Project ${p}` })] });
        for (let v = 1; v < steps; v++) {
          await store.append({
            projectId,
            expectedVersion: v,
            events: [proposed(LEVELS[(p + v) % 4], { reason: `p${p} v${v}` })],
          });
        }
      }),
    );
    for (const [p, projectId] of projects.entries()) {
      const events = await store.readProjectEvents(projectId, { limit: 100 });
      expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(events.every((e) => e.projectId === projectId)).toBe(true);
      expect(events.slice(1).map((e) => e.reason)).toEqual([1, 2, 3, 4, 5, 6, 7].map((v) => `p${p} v${v}`));
      expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: steps });
      expect(await store.getProject(projectId)).toMatchObject({ title: `Project ${p}`, version: steps });
    }
  });

  it('locks one project only: an append elsewhere completes while a project is locked', async () => {
    const { projectId: locked } = await startProject();
    const { projectId: other } = await startProject();
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM event_streams WHERE project_id = $1 FOR UPDATE', [locked]);

    let lockedDone = false;
    const waiting = store
      .append({ projectId: locked, expectedVersion: 1, events: [proposed('PARTNERSHIP')] })
      .then((r) => {
        lockedDone = true;
        return r;
      });
    const elsewhere = await store.append({
      projectId: other,
      expectedVersion: 1,
      events: [proposed('CONSULTATION')],
    });
    expect(elsewhere[0].sequence).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lockedDone).toBe(false);

    await holder.commitTransaction();
    await holder.release();
    expect((await waiting)[0].sequence).toBe(2);
  });
});

describe('the read model', () => {
  it('is the fold of the events, written with them', async () => {
    const charterId = `charter-${randomUUID()}`;
    const p1 = participant('LEAD', lead.id);
    const p2 = participant('PARENT_REP', parentRep.id);
    const p3 = participant('PROFESSIONAL', null);
    const { projectId } = await startProject({ charterId, title: 'Transport', participants: [p1, p2, p3] });
    await store.append({ projectId, expectedVersion: 1, events: [counterProposed('PARTNERSHIP')] });
    await store.append({ projectId, expectedVersion: 2, events: [agreed('PARTNERSHIP')] });

    const state = await store.getProject(projectId);
    expect(state).toMatchObject({
      id: projectId,
      charterId,
      title: 'Transport',
      phase: 'BRIEFING',
      version: 3,
      ladder: { proposedLevel: 'PARTNERSHIP', agreedLevel: 'PARTNERSHIP', proposedBy: 'PARENT_CARERS' },
    });
    const row = await one<Record<string, unknown>>(
      `SELECT charter_id, title, phase, confidentiality, proposed_level, agreed_level, has_breaches,
              participant_person_ids, lead_person_ids, version
       FROM projects WHERE id = $1`,
      [projectId],
    );
    expect(row).toEqual({
      charter_id: charterId,
      title: 'Transport',
      phase: 'BRIEFING',
      confidentiality: 'PARTNERS',
      proposed_level: 'PARTNERSHIP',
      agreed_level: 'PARTNERSHIP',
      has_breaches: false,
      participant_person_ids: [lead.id, parentRep.id],
      lead_person_ids: [lead.id],
      version: 3,
    });
    expect(await store.getProjects([randomUUID(), projectId, 'not-a-uuid'])).toEqual([state]);
    expect(await store.getProject(randomUUID())).toBeNull();
    expect(await store.getProject('not-a-uuid')).toBeNull();
  });

  it('leaves events, stream, read model and contacts untouched when an append fails', async () => {
    const { projectId } = await startProject();
    const p = (await store.getProject(projectId))!.participants[0];
    await store.append({
      projectId,
      expectedVersion: 1,
      events: [proposed('PARTNERSHIP')],
      contacts: [{ participantId: p.id, email: 'lena@example.org' }],
    });
    const before = {
      state: await store.getProject(projectId),
      stream: await streamOf(projectId),
      contacts: await store.getContacts(projectId),
    };

    // The contact insert fails after the events and the read model were written.
    await expect(
      store.append({
        projectId,
        expectedVersion: 2,
        events: [proposed('CONSULTATION')],
        contacts: [{ participantId: 'x', email: null as unknown as string }],
      }),
    ).rejects.toThrow();
    // The reducer refuses a second start after the events were written.
    await expect(
      store.append({ projectId, expectedVersion: 2, events: [proposed('CONSULTATION'), started()] }),
    ).rejects.toThrow(/already started/);

    expect(await countEvents(projectId)).toBe(2);
    expect(await streamOf(projectId)).toEqual(before.stream);
    expect(await store.getProject(projectId)).toEqual(before.state);
    expect(await store.getContacts(projectId)).toEqual(before.contacts);
    expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: 2 });

    // And the same version is still free.
    const [next] = await store.append({ projectId, expectedVersion: 2, events: [proposed('CONSULTATION')] });
    expect(next.sequence).toBe(3);
    expect((await store.getProject(projectId))?.version).toBe(3);
  });

  it('leaves no stream behind when a project’s first append fails', async () => {
    const projectId = randomUUID();
    await expect(
      store.append({ projectId, expectedVersion: 0, events: [agreed('PARTNERSHIP')] }),
    ).rejects.toThrow(/before project .* started/);
    expect(await streamOf(projectId)).toBeUndefined();
    expect(await store.getProject(projectId)).toBeNull();
  });

  it('keeps contact details out of the events and upserts them', async () => {
    const projectId = randomUUID();
    const event = started();
    const [leadP, repP] = event.data.participants;
    await store.append({
      projectId,
      expectedVersion: 0,
      events: [event],
      contacts: [
        { participantId: leadP.id, email: 'lead@example.org' },
        { participantId: repP.id, email: 'rep@example.org' },
      ],
    });
    await store.append({
      projectId,
      expectedVersion: 1,
      events: [proposed('CONSULTATION')],
      contacts: [{ participantId: repP.id, email: 'rep.new@example.org' }],
    });
    expect(await store.getContacts(projectId)).toEqual(
      new Map([
        [leadP.id, 'lead@example.org'],
        [repP.id, 'rep.new@example.org'],
      ]),
    );
    const stored = await db.dataSource.query('SELECT data::text AS d FROM events WHERE project_id = $1', [
      projectId,
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/@example\.org/);
    expect(JSON.stringify(await store.getProject(projectId))).not.toMatch(/@example\.org/);
  });
});

describe('values', () => {
  it('round-trips occurredAt to the millisecond, as toISOString writes it', async () => {
    const projectId = randomUUID();
    const times = [
      '2027-03-04T10:00:00.123Z',
      '2027-07-01T23:59:59.999Z', // British Summer Time in London
      '2027-10-31T01:30:00.001Z', // the hour the clocks go back
      '2028-02-29T00:00:00.000Z',
    ];
    const appended = [
      ...(await store.append({ projectId, expectedVersion: 0, events: [started({ occurredAt: times[0] })] })),
      ...(await store.append({
        projectId,
        expectedVersion: 1,
        events: times.slice(1).map((at, i) => proposed(LEVELS[i], { at })),
      })),
    ];
    expect(appended.map((e) => e.occurredAt)).toEqual(times);
    const read = await store.readProjectEvents(projectId, { limit: 10 });
    expect(read.map((e) => e.occurredAt)).toEqual(times);
    expect(read).toEqual(appended);
    const state = await store.getProject(projectId);
    expect(state?.createdAt).toBe(times[0]);
    expect(state?.updatedAt).toBe(times[3]);
  });

  it('stores another spelling of an instant as toISOString writes it, and hashes that', async () => {
    const projectId = randomUUID();
    const [e] = await store.append({
      projectId,
      expectedVersion: 0,
      events: [started({ occurredAt: '2027-03-04T10:00:00.5+01:00' })],
    });
    expect(e.occurredAt).toBe('2027-03-04T09:00:00.500Z');
    expect(e.hash).toBe(independentHash('0'.repeat(64), e));
    expect((await store.readProjectEvents(projectId, { limit: 1 }))[0]).toEqual(e);
  });

  it('refuses malformed appends with plain messages', async () => {
    const projectId = randomUUID();
    await expect(store.append({ projectId: 'p-1', expectedVersion: 0, events: [started()] })).rejects.toThrow(
      '"p-1" is not a project id (a UUID).',
    );
    await expect(
      store.append({ projectId, expectedVersion: 0, events: [{ ...started(), occurredAt: 'yesterday' }] }),
    ).rejects.toThrow(/occurredAt is not a valid date and time/);
    const fractional = proposed('PARTNERSHIP') as unknown as NewEvent;
    (fractional.data as unknown as Record<string, unknown>).score = 1.5;
    await expect(store.append({ projectId, expectedVersion: 1, events: [fractional] })).rejects.toThrow(
      /only whole numbers/,
    );
    const withNul = proposed('PARTNERSHIP') as unknown as NewEvent;
    (withNul.data as unknown as Record<string, unknown>).note = 'a\u0000b';
    await expect(store.append({ projectId, expectedVersion: 1, events: [withNul] })).rejects.toThrow(
      /contains a NUL character/,
    );
    expect(await streamOf(projectId)).toBeUndefined();
  });
});

describe('notifications', () => {
  it('announces each appended event on project_events after commit', async () => {
    const listener = new Client({ connectionString: databaseUrl() });
    await listener.connect();
    const projectId = randomUUID();
    const notices: { projectId: string; sequence: number; position: number }[] = [];
    listener.on('notification', (n) => {
      const notice = JSON.parse(n.payload ?? '{}');
      if (n.channel === 'project_events' && notice.projectId === projectId) notices.push(notice);
    });
    try {
      await listener.query('LISTEN project_events');
      await store.append({ projectId, expectedVersion: 0, events: [started()] });
      await store.append({
        projectId,
        expectedVersion: 1,
        events: [proposed('PARTNERSHIP'), counterProposed('CONSULTATION')],
      });
      // A failed append announces nothing.
      await store
        .append({ projectId, expectedVersion: 0, events: [proposed('PARTNERSHIP')] })
        .catch(() => null);
      const deadline = Date.now() + 5000;
      while (notices.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      expect(notices.map((n) => n.sequence)).toEqual([1, 2, 3]);
      const positions = await db.dataSource.query(
        'SELECT position FROM events WHERE project_id = $1 ORDER BY sequence',
        [projectId],
      );
      expect(notices.map((n) => n.position)).toEqual(
        positions.map((r: { position: string }) => Number(r.position)),
      );
    } finally {
      await listener.end();
    }
  });
});
