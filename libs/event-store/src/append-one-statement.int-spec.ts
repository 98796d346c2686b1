// The append in one statement (append_to_stream, from the store's cache of recent heads)
// against the transactional path it stands in for, on a real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { appDatabaseUrl } from '../../../test/support/env';
import type { NewEvent, RecordedEvent } from '../../domain/src/events';
import {
  agreed,
  counterProposed,
  databaseUrl,
  lead,
  proposed,
  started,
  useTestDb,
  withFreshDatabase,
} from '../test/support';
import { ConcurrencyError, createDataSource, EventStore, runMigrations } from './index';
import { SIGNATURE } from './migrations/1797410000000-AppendInOneStatement';
import { main as verifyAudit } from './verify-audit';

const db = useTestDb();

const item = (n: number): NewEvent => ({
  type: 'FeedbackSubmitted',
  data: {
    feedbackId: `f${n}`,
    channel: 'SURVEY',
    body: `Item ${n}: été "quoted" 日本`,
    fromParticipantId: null,
  },
  reason: null,
  actor: lead,
  occurredAt: new Date(Date.parse('2027-06-01T10:00:00Z') + n * 1000).toISOString(),
});

/** The same steps for any project: single and multi-event appends, feedback items included. */
function steps(): NewEvent[][] {
  const at = (n: number) => new Date(Date.parse('2027-05-01T09:00:00Z') + n * 60_000).toISOString();
  return [
    [started({ occurredAt: at(0), charterId: 'charter-one-statement', title: 'One statement' })],
    [proposed('PARTNERSHIP', { at: at(1) })],
    [counterProposed('CONSULTATION', { at: at(2) }), proposed('CO_PRODUCTION', { at: at(3) })],
    [agreed('CO_PRODUCTION', { at: at(4) })],
    [item(1)],
    [item(2), item(3), item(4)],
    [item(5)],
  ];
}

/** Counts the transactions a store opens (the transactional path opens one per append). */
function transactionsOf(dataSource: DataSource): { count: number; restore(): void } {
  const original = dataSource.createQueryRunner.bind(dataSource);
  const counter = {
    count: 0,
    restore: () => {
      dataSource.createQueryRunner = original;
    },
  };
  dataSource.createQueryRunner = ((...args: Parameters<typeof original>) => {
    const runner = original(...args);
    const start = runner.startTransaction.bind(runner);
    runner.startTransaction = (...startArgs: Parameters<typeof start>) => {
      counter.count += 1;
      return start(...startArgs);
    };
    return runner;
  }) as typeof dataSource.createQueryRunner;
  return counter;
}

/** Everything an append writes for a project, without what differs by database (positions, xids, clocks). */
async function written(dataSource: DataSource, projectId: string) {
  const q = (sql: string) => dataSource.query(sql, [projectId]);
  const [stream] = await q(`SELECT version, head_hash FROM event_streams WHERE project_id = $1`);
  const events = await q(
    `SELECT project_id::text, sequence, type, actor_id, actor_name, actor_roles, occurred_at, data::text,
            reason, prev_hash, hash
     FROM events WHERE project_id = $1 ORDER BY sequence`,
  );
  const [row] = await q(`SELECT to_jsonb(p) - 'xmin' AS row FROM projects p WHERE id = $1`);
  const feedback = await q(
    `SELECT position, item::text FROM project_feedback WHERE project_id = $1 ORDER BY position`,
  );
  return { stream, events, row: row?.row, feedback };
}

describe('appending in one statement', () => {
  it('writes the same events, head, hashes, read-model row and feedback rows as the transactional path', async () => {
    const projectId = randomUUID();
    const same = steps(); // participants get random ids: one set for both paths
    const fast = new EventStore(db.dataSource);
    const transactions = transactionsOf(db.dataSource);
    let version = 0;
    const returned: RecordedEvent[] = [];
    try {
      for (const events of same) {
        returned.push(...(await fast.append({ projectId, expectedVersion: version, events })));
        version += events.length;
      }
    } finally {
      transactions.restore();
    }
    // Only the first append (a new project, nothing cached) opened a transaction.
    expect(transactions.count).toBe(1);
    expect(version).toBe(10);

    await withFreshDatabase('one_statement', async (url) => {
      await runMigrations(url);
      const other = await createDataSource(url, { poolSize: 2 }).initialize();
      try {
        const slow = new EventStore(other, { oneStatement: false });
        const slowTransactions = transactionsOf(other);
        let v = 0;
        const slowReturned: RecordedEvent[] = [];
        for (const events of same) {
          slowReturned.push(...(await slow.append({ projectId, expectedVersion: v, events })));
          v += events.length;
        }
        slowTransactions.restore();
        expect(slowTransactions.count).toBe(same.length);
        expect(returned).toEqual(slowReturned);
        const a = await written(db.dataSource, projectId);
        const b = await written(other, projectId);
        expect(a.events).toHaveLength(10);
        expect(a.feedback).toHaveLength(5);
        expect(a).toEqual(b);
        expect(await fast.getProject(projectId)).toEqual(await slow.getProject(projectId));
      } finally {
        await other.destroy();
      }
    });
    expect(await fast.verify(projectId)).toMatchObject({ valid: true, eventCount: 10 });
  });

  it('announces each event on project_events, as the transactional path does', async () => {
    const listener = new Client({ connectionString: databaseUrl() });
    await listener.connect();
    const projectId = randomUUID();
    const notices: string[] = [];
    listener.on('notification', (n) => {
      if (n.channel === 'project_events' && n.payload?.includes(projectId)) notices.push(n.payload);
    });
    try {
      await listener.query('LISTEN project_events');
      const store = new EventStore(db.dataSource);
      await store.append({ projectId, expectedVersion: 0, events: [started()] });
      await store.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP'), item(1)] });
      const deadline = Date.now() + 5000;
      while (notices.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const positions = (await db.dataSource.query(
        'SELECT position, sequence FROM events WHERE project_id = $1 ORDER BY sequence',
        [projectId],
      )) as { position: string; sequence: number }[];
      // Byte for byte what JSON.stringify writes, in sequence order.
      expect(notices).toEqual(
        positions.map((p) =>
          JSON.stringify({ projectId, sequence: p.sequence, position: Number(p.position) }),
        ),
      );
    } finally {
      await listener.end();
    }
  });

  it('falls back to the transactional path when its cached head is stale', async () => {
    const projectId = randomUUID();
    const mine = new EventStore(db.dataSource);
    const another = new EventStore(db.dataSource);
    await mine.append({ projectId, expectedVersion: 0, events: [started()] });
    await mine.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });
    // Another process records step 3: this store's cache still says version 2.
    await another.append({ projectId, expectedVersion: 2, events: [proposed('CONSULTATION')] });

    const transactions = transactionsOf(db.dataSource);
    try {
      // Its caller also believes version 2: the function refuses, the transactional path explains.
      await expect(
        mine.append({ projectId, expectedVersion: 2, events: [proposed('CO_PRODUCTION')] }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(transactions.count).toBe(1);
      // A caller that read again appends (transactionally: nothing cached now)...
      await mine.append({ projectId, expectedVersion: 3, events: [proposed('CO_PRODUCTION')] });
      expect(transactions.count).toBe(2);
      // ...and the next step is one statement again.
      const agreement = agreed('CO_PRODUCTION');
      await mine.append({ projectId, expectedVersion: 4, events: [agreement] });
      expect(transactions.count).toBe(2);
      // A retry of that append returns the stored events, through the transactional path.
      const again = await mine.append({ projectId, expectedVersion: 4, events: [agreement] });
      expect(again.map((e) => e.sequence)).toEqual([5]);
      expect(transactions.count).toBe(3);

      // The read-model row written around the store (its xmin moves): the fold is not trusted.
      await mine.append({ projectId, expectedVersion: 5, events: [item(1)] });
      await db.dataSource.query(`UPDATE projects SET title = 'Changed around the store' WHERE id = $1`, [
        projectId,
      ]);
      const before = transactions.count;
      await mine.append({ projectId, expectedVersion: 6, events: [item(2)] });
      expect(transactions.count).toBe(before + 1);
    } finally {
      transactions.restore();
    }
    const [row] = await db.dataSource.query(
      `SELECT version, feedback_count, (SELECT version FROM event_streams WHERE project_id = $1) AS stream
       FROM projects WHERE id = $1`,
      [projectId],
    );
    expect(row).toEqual({ version: 7, feedback_count: 2, stream: 7 });
    expect((await mine.getProject(projectId))?.feedback.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(await mine.verify(projectId)).toMatchObject({ valid: true, eventCount: 7 });
  });

  it('keeps one chain under concurrent appends to one stream, from several stores', async () => {
    const projectId = randomUUID();
    const stores = [0, 1, 2, 3].map(() => new EventStore(db.dataSource));
    await stores[0].append({ projectId, expectedVersion: 0, events: [started()] });
    let known = 1;
    const appendOne = async (store: EventStore, n: number) => {
      for (;;) {
        const expectedVersion = known;
        try {
          const [event] = await store.append({ projectId, expectedVersion, events: [item(n)] });
          known = Math.max(known, event.sequence);
          return;
        } catch (err) {
          if (!(err instanceof ConcurrencyError)) throw err;
          known = Math.max(known, err.actualVersion);
        }
      }
    };
    // Warm every store's cache, then 40 appends racing, 10 through each store.
    for (const [i, store] of stores.entries()) await appendOne(store, 100 + i);
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendOne(stores[n % 4], n)));
    const events = await stores[0].readProjectEvents(projectId, { limit: 100 });
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(await stores[1].verify(projectId)).toMatchObject({ valid: true, eventCount: 45 });
    const project = await stores[2].getProject(projectId);
    expect(project?.version).toBe(45);
    expect(project?.feedback).toHaveLength(44);
    expect(new Set(project?.feedback.map((f) => f.id)).size).toBe(44);
  });

  it('may be EXECUTEd by the runtime role, which appends with it, and by no other role', async () => {
    const owner = new Client({ connectionString: databaseUrl() });
    await owner.connect();
    const other = `no_append_${randomUUID().replace(/-/g, '')}`;
    try {
      await owner.query(`CREATE ROLE ${other} NOLOGIN`);
      const { rows } = await owner.query(
        `SELECT has_function_privilege('coproduction_runtime', $1, 'EXECUTE') AS runtime,
                has_function_privilege($2, $1, 'EXECUTE') AS other,
                p.prosecdef AS definer, p.prokind AS kind
         FROM pg_proc p WHERE p.proname = 'append_to_stream'`,
        [SIGNATURE, other],
      );
      expect(rows).toEqual([{ runtime: true, other: false, definer: false, kind: 'p' }]);
      // Nor through PUBLIC.
      const acl = await owner.query(
        `SELECT proacl::text AS acl FROM pg_proc WHERE proname = 'append_to_stream'`,
      );
      expect(acl.rows[0].acl).not.toMatch(/(^|[{,])=X/);
      await owner.query(`SET ROLE ${other}`);
      await expect(
        owner.query(`CALL append_to_stream(gen_random_uuid(), 0, '', '0', '', '[]', '{}', '[]', 0, NULL)`),
      ).rejects.toMatchObject({ code: '42501' });
      await owner.query('RESET ROLE');
    } finally {
      await owner.query('RESET ROLE').catch(() => undefined);
      await owner.query(`DROP ROLE IF EXISTS ${other}`);
      await owner.end();
    }

    const app = await createDataSource(appDatabaseUrl(), { poolSize: 2 }).initialize();
    try {
      const store = new EventStore(app);
      const projectId = randomUUID();
      const transactions = transactionsOf(app);
      await store.append({ projectId, expectedVersion: 0, events: [started()] });
      await store.append({ projectId, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });
      await store.append({ projectId, expectedVersion: 2, events: [item(1)] });
      transactions.restore();
      expect(transactions.count).toBe(1);
      expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: 3 });
    } finally {
      await app.destroy();
    }
  });
});

describe('project ids in upper case', () => {
  it('are recorded and hashed in lower case, so the offline check finds the chain intact', async () => {
    const projectId = randomUUID();
    const upper = projectId.toUpperCase();
    const store = new EventStore(db.dataSource);
    const [first] = await store.append({ projectId: upper, expectedVersion: 0, events: [started()] });
    await store.append({ projectId: upper, expectedVersion: 1, events: [proposed('PARTNERSHIP')] });
    // Another store (nothing cached) takes the transactional path with the same spelling.
    await new EventStore(db.dataSource).append({
      projectId: upper,
      expectedVersion: 2,
      events: [proposed('CONSULTATION')],
    });
    expect(first.projectId).toBe(projectId);
    expect(first.id).toBe(`${projectId}:1`);
    expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: 3 });
    const lines: string[] = [];
    const code = await verifyAudit({
      argv: ['--project', projectId],
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      print: (line) => lines.push(line),
      complain: (line) => lines.push(line),
    });
    expect(lines[0]).toMatch(new RegExp(`^ok ${projectId} 3 events`));
    expect(code).toBe(0);
  });
});
