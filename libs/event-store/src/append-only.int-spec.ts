// The audit trail is append-only by construction, and verify() finds what was changed behind
// the store's back.
import type { QueryRunner } from 'typeorm';
import { hashInChain, insertEventRow, projectWithEvents, useTestDb, proposed } from '../test/support';
import { eventHash } from './index';

const REFUSAL = 'The audit trail is append-only: events cannot be changed or removed.';

const db = useTestDb();
const store = db.store;

const projectWith = (count: number) => projectWithEvents(store, count);

/** Runs `work` in a transaction that is always rolled back, whatever PostgreSQL allowed. */
async function inRolledBackTransaction(work: (q: QueryRunner) => Promise<unknown>): Promise<unknown> {
  const q = db.dataSource.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  try {
    return await work(q);
  } finally {
    await q.rollbackTransaction();
    await q.release();
  }
}

/** Changes events as an administrator would have to: with the guard explicitly switched off. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const q = db.dataSource.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  try {
    await q.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await q.query(sql, params);
    await q.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only');
    await q.commitTransaction();
  } catch (err) {
    await q.rollbackTransaction();
    throw err;
  } finally {
    await q.release();
  }
}

describe('append-only events', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await projectWith(2);
  });

  it('refuses UPDATE', async () => {
    await expect(
      inRolledBackTransaction((q) =>
        q.query(`UPDATE events SET reason = 'rewritten' WHERE project_id = $1`, [projectId]),
      ),
    ).rejects.toThrow(REFUSAL);
  });

  it('refuses DELETE', async () => {
    await expect(
      inRolledBackTransaction((q) =>
        q.query('DELETE FROM events WHERE project_id = $1 AND sequence = 2', [projectId]),
      ),
    ).rejects.toThrow(REFUSAL);
  });

  it('refuses TRUNCATE', async () => {
    await expect(inRolledBackTransaction((q) => q.query('TRUNCATE events'))).rejects.toThrow(REFUSAL);
  });

  it('refuses them in replication mode too (the triggers fire ALWAYS)', async () => {
    await expect(
      inRolledBackTransaction(async (q) => {
        await q.query('SET LOCAL session_replication_role = replica');
        await q.query('DELETE FROM events WHERE project_id = $1', [projectId]);
      }),
    ).rejects.toThrow(REFUSAL);
  });

  it('reports the refusal with an SQLSTATE callers can recognise', async () => {
    const err = (await inRolledBackTransaction((q) =>
      q.query('DELETE FROM events WHERE project_id = $1', [projectId]),
    ).catch((e: unknown) => e)) as { driverError?: { code?: string } };
    expect(err.driverError?.code).toBe('42501');
  });

  it('still has every event afterwards', async () => {
    expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: 2 });
  });
});

describe('verify() on a chain changed directly in PostgreSQL', () => {
  it('finds a row whose data was altered', async () => {
    const projectId = await projectWith(3);
    expect(await store.verify(projectId)).toMatchObject({ valid: true, eventCount: 3 });
    await tamper(
      `UPDATE events SET data = jsonb_set(data, '{level}', '"CO_PRODUCTION"') WHERE project_id = $1 AND sequence = 2`,
      [projectId],
    );
    const events = await store.readProjectEvents(projectId, { limit: 10 });
    expect(events[1].data).toEqual({ level: 'CO_PRODUCTION' });
    expect(await store.verify(projectId)).toEqual({
      projectId,
      valid: false,
      eventCount: 3,
      headHash: events[2].hash,
      firstInvalidSequence: 2,
    });
  });

  it('finds an altered occurredAt, reason or actor', async () => {
    const changes = [
      `occurred_at = occurred_at + interval '1 millisecond'`,
      `reason = 'Another reason'`,
      `actor_id = 'someone-else'`,
    ];
    for (const change of changes) {
      const projectId = await projectWith(3);
      await tamper(`UPDATE events SET ${change} WHERE project_id = $1 AND sequence = 3`, [projectId]);
      expect(await store.verify(projectId)).toMatchObject({ valid: false, firstInvalidSequence: 3 });
    }
  });

  it('finds a rewritten event whose own hash was recomputed, at the next link', async () => {
    const projectId = await projectWith(3);
    const [, second] = await store.readProjectEvents(projectId, { limit: 10 });
    const forged = { ...second, reason: 'A kinder reason' };
    const hash = eventHash(forged.prevHash, { ...forged, actorId: forged.actor.id });
    await tamper('UPDATE events SET reason = $2, hash = $3 WHERE project_id = $1 AND sequence = 2', [
      projectId,
      forged.reason,
      hash,
    ]);
    expect(await store.verify(projectId)).toMatchObject({
      valid: false,
      eventCount: 3,
      firstInvalidSequence: 3,
    });
  });

  it('finds a deleted event: a gap, or a missing head', async () => {
    const middle = await projectWith(4);
    await tamper('DELETE FROM events WHERE project_id = $1 AND sequence = 2', [middle]);
    expect(await store.verify(middle)).toMatchObject({
      valid: false,
      eventCount: 3,
      firstInvalidSequence: 2,
    });

    const last = await projectWith(3);
    await tamper('DELETE FROM events WHERE project_id = $1 AND sequence = 3', [last]);
    // The remaining chain is sound, but the stream recorded a third event.
    expect(await store.verify(last)).toMatchObject({ valid: false, eventCount: 2, firstInvalidSequence: 3 });
  });

  it('finds an event inserted around the store, even with a correct hash', async () => {
    const projectId = await projectWith(2);
    const [, second] = await store.readProjectEvents(projectId, { limit: 10 });
    const extra = proposed('INFORMATION_ONLY');
    await insertEventRow((sql, params) => db.dataSource.query(sql, params), {
      projectId,
      sequence: 3,
      event: extra,
      prevHash: second.hash,
      hash: hashInChain(extra, projectId, 3, second.hash),
    });
    expect(await store.verify(projectId)).toMatchObject({
      valid: false,
      eventCount: 3,
      firstInvalidSequence: 3,
    });
  });
});
