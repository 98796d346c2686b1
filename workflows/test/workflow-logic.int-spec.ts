// The workflow's own logic on Temporal's time-skipping test server, with recordEvents
// stubbed in memory (InMemoryRecorder): the timers fire at their deadlines, and a run that
// starts from a carried state (what continue-as-new hands over) decides the next steps from
// it. timers.int-spec.ts and continue-as-new.int-spec.ts run the same logic against
// PostgreSQL through the real activity.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, londonDateOf, londonInstant } from '../../libs/domain/src/calendar';
import { decide, decideStart, type ProjectCommand } from '../../libs/domain/src/commands';
import type { NewEvent } from '../../libs/domain/src/events';
import { applyEvents, compactForWorkflow, type ProjectState } from '../../libs/domain/src/project-state';
import { PROJECT_WORKFLOW_TYPE, projectWorkflowStart, stepUpdate } from '../src/definitions';
import { InMemoryRecorder } from './in-memory-recorder';
import {
  DAY,
  MINUTE,
  cast,
  createTestWorker,
  meetingSlot,
  PARENT_REP_PARTICIPANT,
  requiredEnv,
  testDataConverter,
  startInput,
  startProject,
  toMeetings,
} from './support';

async function withTimeSkipping(
  test: (env: TestWorkflowEnvironment, taskQueue: string, recorder: InMemoryRecorder) => Promise<void>,
) {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_TEST_SERVER_PATH') } },
    // The worker encrypts its payloads as the engine's does, so the client must decode them.
    client: { dataConverter: testDataConverter() },
  });
  try {
    const recorder = new InMemoryRecorder();
    const taskQueue = `logic-${randomUUID()}`;
    const worker = await createTestWorker(env.nativeConnection, taskQueue, recorder.activities);
    await worker.runUntil(() => test(env, taskQueue, recorder));
  } finally {
    await env.teardown();
  }
}

const isBreachOf = (rule: string) => (e: NewEvent) =>
  e.type === 'CharterBreachRecorded' && (e.data as { rule: string }).rule === rule;

it('the papers timer records one papers.minNoticeDays breach by system at papersDueBy', async () => {
  await withTimeSkipping(async (env, taskQueue, recorder) => {
    const run = await startProject(env.client, taskQueue);
    await toMeetings(run);
    const startsAt = meetingSlot(new Date(await env.currentTimeMs()), 21);
    const scheduled = await run.step({
      type: 'scheduleMeeting',
      input: {
        title: 'Planning',
        startsAt: startsAt.toISOString(),
        durationMinutes: 90,
        location: 'Library',
      },
    });
    expect(scheduled.created).toEqual({ meetingId: `${run.projectId}.m1` });
    const papersDueBy = new Date(startsAt.getTime() - 7 * DAY);

    await env.sleep(papersDueBy.getTime() + MINUTE - (await env.currentTimeMs()));
    const events = await recorder.waitFor(run.projectId, (es) => es.some(isBreachOf('papers.minNoticeDays')));
    const breaches = events.filter(isBreachOf('papers.minNoticeDays'));
    expect(breaches).toHaveLength(1);
    expect(breaches[0].actor.id).toBe('system');
    expect(breaches[0].occurredAt).toBe(papersDueBy.toISOString());
  });
});

it('the feedback window closes by timer at closesAt, recorded by system', async () => {
  await withTimeSkipping(async (env, taskQueue, recorder) => {
    const run = await startProject(env.client, taskQueue);
    await toMeetings(run);
    const closesAt = londonInstant(addDays(londonDateOf(new Date(await env.currentTimeMs())), 5), '17:00');
    await run.step({ type: 'openFeedback', closesAt: closesAt.toISOString(), channels: ['SURVEY'] });

    await env.sleep(closesAt.getTime() + MINUTE - (await env.currentTimeMs()));
    const events = await recorder.waitFor(run.projectId, (es) => es.some((e) => e.type === 'FeedbackClosed'));
    const closed = events.filter((e) => e.type === 'FeedbackClosed');
    expect(closed).toHaveLength(1);
    expect(closed[0].actor.id).toBe('system');
    expect(closed[0].occurredAt).toBe(closesAt.toISOString());
  });
});

it('a run started from a carried state (as continue-as-new starts one) decides from that state', async () => {
  await withTimeSkipping(async (env, taskQueue, recorder) => {
    const projectId = randomUUID();
    const people = cast();
    const now = new Date(await env.currentTimeMs());
    // The state an earlier run would carry over: FEEDBACK open with two items given.
    let state: ProjectState | null = null;
    const apply = (events: NewEvent[]) => (state = applyEvents(projectId, state, events));
    apply(decideStart(projectId, startInput(people), people.lead, now).events);
    const steps: [ProjectCommand, typeof people.lead][] = [
      [{ type: 'agreeLadderLevel', comment: null }, people.rep],
      [
        {
          type: 'recordBriefing',
          summary: 'We went through the short breaks offer together.',
          briefedParticipantIds: [PARENT_REP_PARTICIPANT(projectId)],
        },
        people.keyContact,
      ],
      [{ type: 'completeBriefing' }, people.keyContact],
      [
        {
          type: 'openFeedback',
          closesAt: new Date(now.getTime() + 10 * DAY).toISOString(),
          channels: ['SURVEY'],
        },
        people.lead,
      ],
      [{ type: 'submitFeedback', channel: 'SURVEY', body: 'One' }, people.rep],
      [{ type: 'submitFeedback', channel: 'SURVEY', body: 'Two' }, people.rep],
    ];
    for (const [command, actor] of steps) apply(decide(state!, command, actor, now).events);
    const carried = compactForWorkflow(state!);
    // The stub's stream holds what the earlier runs recorded.
    await recorder.activities.recordEvents({
      projectId,
      expectedVersion: 0,
      events: new Array(carried.version).fill(null).map(() => ({}) as NewEvent),
      contacts: [],
      confidentialTexts: [],
    });

    const handle = await env.client.workflow.start(
      PROJECT_WORKFLOW_TYPE,
      projectWorkflowStart({ projectId, carried: { state: carried } }, taskQueue),
    );
    const third = await handle.executeUpdate(stepUpdate, {
      args: [{ command: { type: 'submitFeedback', channel: 'SURVEY', body: 'Three' }, actor: people.rep }],
    });
    expect(third.created).toEqual({ feedbackId: `${projectId}.f3` });
    expect(third.version).toBe(carried.version + 1);
    // The report must still cover the items given before the carried state.
    await expect(
      handle.executeUpdate(stepUpdate, {
        args: [{ command: { type: 'closeFeedback' }, actor: people.lead }],
      }),
    ).resolves.toMatchObject({ events: [{ type: 'FeedbackClosed' }] });
    expect(
      recorder
        .events(projectId)
        .slice(carried.version)
        .map((e) => e.type),
    ).toEqual(['FeedbackSubmitted', 'FeedbackClosed']);
  });
});
