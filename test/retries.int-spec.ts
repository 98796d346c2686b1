// A retried step never records twice, and a crashed worker costs seconds: the gateway and
// worker here are real processes, killed (SIGKILL) as a crash would end them.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { workflowIdFor } from '../workflows/src/definitions';
import * as Q from './support/documents';
import { testEnv } from './support/env';
import { cast, startInput, type Cast } from './support/people';
import { startStack, type GraphQLResponse, type Stack } from './support/stack';

let stack: Stack;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  stack = await startStack({ workerProcess: true });
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  temporal = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await sleep(100);
  }
}

async function startProject(people: Cast): Promise<string> {
  const started = await stack.gql(
    Q.START_PROJECT,
    { input: startInput(people, { charterId: 'wokingham' }) },
    people.lead.token,
  );
  expect(started.errors).toBeUndefined();
  return started.data!.startProject.id;
}

async function eventTypes(projectId: string, token: string): Promise<string[]> {
  const trail = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId } }, token);
  return trail.data!.auditTrail.edges.map((e: any) => e.node.type);
}

it('a mutation retried with the same Idempotency-Key after a gateway kill is recorded once', async () => {
  const people = cast('wokingham');
  const projectId = await startProject(people);
  const key = { 'Idempotency-Key': `agree-${randomUUID()}` };
  const workflow = temporal.workflow.getHandle(workflowIdFor(projectId));

  // With no worker, the step waits in Temporal; the gateway that sent it then dies.
  await stack.stopWorker();
  const lost = stack.gql(Q.AGREE, { projectId }, people.rep.token, key).catch((err: Error) => err);
  await until(
    'the step to reach Temporal',
    async () => !!(await workflow.describe()).raw.pendingWorkflowTask,
  );
  await stack.killGateway();
  // The client heard nothing back (fetch's own TypeError, from outside jest's realm).
  expect(await lost).toHaveProperty('message', 'fetch failed');

  // The client tries again through a new gateway; then a worker comes back.
  await stack.startGateway();
  const retried = stack.gql(Q.AGREE, { projectId }, people.rep.token, key);
  await sleep(300);
  await stack.startWorker();
  const answer = await retried;
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.agreeLadderLevel).toMatchObject({ phase: 'BRIEFING', version: 2 });

  // After a later step, the same key still answers with the first result and records nothing.
  const briefed = await stack.gql(Q.COMPLETE_BRIEFING, { projectId }, people.lead.token);
  expect(briefed.data!.completeBriefing).toMatchObject({ phase: 'MEETINGS', version: 3 });
  const again: GraphQLResponse = await stack.gql(Q.AGREE, { projectId }, people.rep.token, key);
  expect(again.errors).toBeUndefined();
  expect(again.data!.agreeLadderLevel).toEqual(answer.data!.agreeLadderLevel);
  expect(await eventTypes(projectId, people.lead.token)).toEqual([
    'ProjectStarted',
    'LadderLevelAgreed',
    'BriefingCompleted',
  ]);

  // A key is the person's own: the same key from someone else is not a repeat.
  const other = await stack.gql(Q.CANCEL, { projectId, reason: 'Funding withdrawn' }, people.lead.token, key);
  expect(other.data!.cancelProject).toMatchObject({ phase: 'CANCELLED', version: 4 });
  // A repeat of the step that ended the project still gets its first result.
  const cancelledAgain = await stack.gql(
    Q.CANCEL,
    { projectId, reason: 'Funding withdrawn' },
    people.lead.token,
    key,
  );
  expect(cancelledAgain.errors).toBeUndefined();
  expect(cancelledAgain.data!.cancelProject).toEqual(other.data!.cancelProject);
  expect(await eventTypes(projectId, people.lead.token)).toHaveLength(4);

  const malformed = await stack.gql(Q.AGREE, { projectId }, people.rep.token, {
    'Idempotency-Key': 'x'.repeat(201),
  });
  expect(malformed.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
});

it('startProject honours the Idempotency-Key header as it does its idempotencyKey input', async () => {
  const people = cast('wokingham');
  const key = { 'Idempotency-Key': `start-${randomUUID()}` };
  const input = startInput(people, { charterId: 'wokingham' });
  const first = await stack.gql(Q.START_PROJECT, { input }, people.lead.token, key);
  const second = await stack.gql(Q.START_PROJECT, { input }, people.lead.token, key);
  expect(first.errors).toBeUndefined();
  expect(second.data!.startProject.id).toBe(first.data!.startProject.id);
  expect(await eventTypes(first.data!.startProject.id, people.lead.token)).toEqual(['ProjectStarted']);
});

/**
 * Whether a session other than the probe is waiting for a lock on a project's stream row: the
 * transactional append's own statement, or its one-statement CALL append_to_stream.
 */
async function appendWaitingOnLock(): Promise<boolean> {
  // A fresh session each time: pg_stat_activity is a snapshot for the rest of a transaction.
  const probe = new PgClient({ connectionString: testEnv().databaseUrl });
  await probe.connect();
  try {
    const { rows } = await probe.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
          AND (query ILIKE '%event_streams%' OR query ILIKE '%append_to_stream%')`,
    );
    return rows[0].waiting > 0;
  } finally {
    await probe.end();
  }
}

it('a step in flight when its worker is killed completes on another worker within 10 s', async () => {
  const people = cast('wokingham');
  const projectId = await startProject(people);

  // Hold the project's stream row, so the append waits inside the activity on this worker.
  const db = new PgClient({ connectionString: testEnv().databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query('SELECT 1 FROM event_streams WHERE project_id = $1 FOR UPDATE', [projectId]);
    const step = stack.gql(Q.AGREE, { projectId }, people.rep.token);
    // The append runs as a local activity (in the worker, so Temporal lists no pending
    // activity): PostgreSQL shows it, waiting for the row this test holds.
    await until('the append to start', appendWaitingOnLock);
    await stack.startWorker();
    const killedAt = Date.now();
    await stack.killWorker();
    await db.query('COMMIT');

    const answer = await step;
    const crashCost = Date.now() - killedAt;
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.agreeLadderLevel.version).toBe(2);
    // The functional bound the issue asks for: the heartbeat, not the 30 s start-to-close.
    expect(crashCost).toBeLessThan(10_000);
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
    await db.end();
  }
  expect(await eventTypes(projectId, people.lead.token)).toEqual(['ProjectStarted', 'LadderLevelAgreed']);
});
