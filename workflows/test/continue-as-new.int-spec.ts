// Continue-as-new on a real Temporal dev server started for this file with a low threshold
// (`limit.historyCount.suggestContinueAsNew`): a project with many steps runs across several
// workflow runs, every step is accepted, PostgreSQL holds sequences 1..N without gaps, and the
// state carried from run to run still decides the next steps (feedback ids keep counting, and
// the closing report must cover every item from every run).
import { randomUUID } from 'node:crypto';
import {
  Client,
  Connection,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { addDays, londonDateOf, londonInstant } from '../../libs/domain/src/calendar';
import {
  createTestWorker,
  expectGaplessSequences,
  storeForFile,
  readEvents,
  requiredEnv,
  startProject,
  testDataConverter,
  toMeetings,
  type ProjectRun,
} from './support';

/** The dev server suggests continue-as-new once a run's history has this many events. */
const SUGGEST_CAN_AT = 60;
const FEEDBACK_ITEMS = 24;

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_CLI_PATH') },
      extraArgs: [
        '--dynamic-config-value',
        `limit.historyCount.suggestContinueAsNew=${SUGGEST_CAN_AT}`,
        // As the project's own dev server does: a burst of Updates on one project is normal.
        '--dynamic-config-value',
        'history.maxInFlightUpdates=200',
      ],
    },
    client: { dataConverter: testDataConverter() },
  });
});
afterAll(async () => {
  await env?.teardown();
});
const store = storeForFile();

interface RunInfo {
  runId: string;
  status: string;
  events: number;
}

/** Every run of the workflow, first to last, following each run's continued-as-new event. */
async function runsOf(client: Client, handle: WorkflowHandleWithFirstExecutionRunId): Promise<RunInfo[]> {
  const runs: RunInfo[] = [];
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const run: WorkflowHandle = client.workflow.getHandle(handle.workflowId, runId);
    const [description, history] = await Promise.all([run.describe(), run.fetchHistory()]);
    const events = history.events ?? [];
    runs.push({ runId, status: description.status.name, events: events.length });
    const next: string | null | undefined =
      events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    runId = next ?? undefined;
  }
  return runs;
}

/** A project in FEEDBACK with `items` feedback items given one after another. */
async function projectWithFeedback(client: Client, taskQueue: string, items: number): Promise<ProjectRun> {
  const run = await startProject(client, taskQueue);
  await toMeetings(run);
  const closesAt = londonInstant(addDays(londonDateOf(new Date()), 14), '17:00');
  await run.step({ type: 'openFeedback', closesAt: closesAt.toISOString(), channels: ['SURVEY'] });
  for (let i = 1; i <= items; i++) {
    const result = await run.step(
      { type: 'submitFeedback', channel: 'SURVEY', body: `Feedback item ${i}` },
      run.people.rep,
    );
    expect(result.events[0].data).toMatchObject({ feedbackId: `${run.projectId}.f${i}` });
  }
  return run;
}

it('continues as new at least twice; every step accepted, sequences 1..N, and the carried state decides the rest', async () => {
  const taskQueue = `can-${randomUUID()}`;
  const worker = await createTestWorker(env.nativeConnection, taskQueue, store);
  await worker.runUntil(async () => {
    const run = await projectWithFeedback(env.client, taskQueue, FEEDBACK_ITEMS);

    const runsSoFar = await runsOf(env.client, run.handle);
    expect(runsSoFar.length).toBeGreaterThanOrEqual(3);
    expect(runsSoFar.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
    expect(runsSoFar[runsSoFar.length - 1].status).toBe('RUNNING');
    // Each run was cut short near the threshold, not left to grow.
    for (const r of runsSoFar) expect(r.events).toBeLessThan(SUGGEST_CAN_AT + 40);

    // A burst of feedback at once (a survey closing), across whatever run is current.
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        run.step({ type: 'submitFeedback', channel: 'SURVEY', body: `Burst item ${i + 1}` }, run.people.rep),
      ),
    );
    const total = FEEDBACK_ITEMS + burst.length;
    const burstIds = burst.map((r) => (r.events[0].data as { feedbackId: string }).feedbackId).sort();
    const expectedBurstIds = Array.from(
      { length: burst.length },
      (_, i) => `${run.projectId}.f${FEEDBACK_ITEMS + i + 1}`,
    ).sort();
    expect(burstIds).toEqual(expectedBurstIds);

    // The rest of the project, decided from the carried (compacted) state.
    const closed = await run.step({ type: 'closeFeedback' });
    expect(closed.events.map((e) => e.type)).toEqual(['FeedbackClosed']);
    await run.step({ type: 'acknowledgeFeedback', message: 'Thank you, everyone.' });
    const allIds = Array.from({ length: total }, (_, i) => `${run.projectId}.f${i + 1}`);
    // The report must cover every item, including those given in earlier runs...
    await expect(
      run.step({
        type: 'publishClosingReport',
        input: {
          youSaidWeDid: [{ youSaid: 'Most of it', weDid: 'Acted on it', feedbackIds: allIds.slice(1) }],
          levelAchieved: 'CO_PRODUCTION',
        },
      }),
    ).rejects.toMatchObject({ cause: { type: 'CHARTER_RULE' } });
    // ...and no item of a later run is unknown to it.
    const published = await run.step({
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: [{ youSaid: 'More weekend places', weDid: 'Added twenty', feedbackIds: allIds }],
        levelAchieved: 'CO_PRODUCTION',
      },
    });
    expect(published.events.map((e) => e.type)).toEqual(['ClosingReportPublished']);
    await run.handle.result();

    const events = await readEvents(store, run.projectId);
    expectGaplessSequences(events);
    const submitted = events.filter((e) => e.type === 'FeedbackSubmitted');
    expect(submitted.map((e) => (e.data as { feedbackId: string }).feedbackId).sort()).toEqual(
      [...allIds].sort(),
    );
    // Setup (4) + open + items + close + acknowledge + report.
    expect(events).toHaveLength(4 + 1 + total + 3);
    const project = await store.getProject(run.projectId);
    expect(project!.phase).toBe('CLOSED');
    expect(project!.feedback).toHaveLength(total);

    const runs = await runsOf(env.client, run.handle);
    expect(runs[runs.length - 1].status).toBe('COMPLETED');
    expect(runs.length).toBeGreaterThanOrEqual(3);
  });
});

it('without the low threshold (the suite’s own dev server), the same steps stay in one run', async () => {
  // The control: it is the dynamic config above that makes the workflow continue as new.
  const address = requiredEnv('TEMPORAL_ADDRESS');
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter: testDataConverter() });
    const taskQueue = `no-can-${randomUUID()}`;
    const worker = await createTestWorker(nativeConnection, taskQueue, store);
    await worker.runUntil(async () => {
      const run = await projectWithFeedback(client, taskQueue, FEEDBACK_ITEMS);
      const runs = await runsOf(client, run.handle);
      expect(runs).toHaveLength(1);
      expect(runs[0].events).toBeGreaterThan(SUGGEST_CAN_AT * 3);
      expectGaplessSequences(await readEvents(store, run.projectId));
      await run.handle.terminate('test finished');
    });
  } finally {
    await nativeConnection.close();
    await connection.close();
  }
});
