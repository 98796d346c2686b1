// Steps that queue up on one project while another is being recorded (batched-steps-v1), on
// the suite's Temporal dev server with the real recordEvents against PostgreSQL. The first
// step's append is held at a gate while 19 more arrive, one after another; they are then
// decided in order against the running state and recorded together. Each Update still gets
// its own result (its own version, in arrival order) or its own refusal, and only once its
// events are committed.
import { randomUUID } from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ProjectCommand } from '../../libs/domain/src/commands';
import { createProjectActivities } from '../../apps/worker/src/activities/project.activities';
import { fromFailure, type RecordEventsInput, type StepResult } from '../src/definitions';
import {
  createTestWorker,
  expectGaplessSequences,
  PARENT_REP_PARTICIPANT,
  readEvents,
  startProject,
  storeForFile,
  temporalForFile,
  testDataConverter,
  type ProjectRun,
} from './support';

const store = storeForFile();
const temporal = temporalForFile();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONE_SURROGATE = '\uD800';

/** The real recordEvents, with every call kept and the next call held until `release()`. */
function gatedRecorder() {
  const real = createProjectActivities(store);
  const calls: RecordEventsInput[] = [];
  let held: { reached: () => void; open: Promise<void> } | null = null;
  let release = () => {};
  return {
    calls,
    activities: {
      recordEvents: async (input: RecordEventsInput) => {
        calls.push(input);
        const gate = held;
        held = null;
        if (gate) {
          gate.reached();
          await gate.open;
        }
        return real.recordEvents(input);
      },
    },
    /** Holds the next append; resolves once it is waiting. */
    holdNext(): Promise<void> {
      return new Promise<void>((reached) => {
        held = { reached, open: new Promise<void>((open) => (release = open)) };
      });
    },
    release: () => release(),
  };
}

const briefing = (run: ProjectRun, i: number, summary = `Briefing ${i}: we went through the offer.`) =>
  ({
    type: 'recordBriefing',
    summary,
    briefedParticipantIds: [PARENT_REP_PARTICIPANT(run.projectId)],
  }) satisfies ProjectCommand;

/**
 * Step 0 held in its append, steps 1..19 sent one after another meanwhile, then released.
 * Each outcome is the result, or the failure, with the project's version when it came back.
 */
async function twentyAtOnce(
  run: ProjectRun,
  recorder: ReturnType<typeof gatedRecorder>,
  commands: ProjectCommand[],
) {
  const committedAt = async (p: Promise<StepResult>) => {
    const outcome = await p.then(
      (result) => ({ result, failure: null }),
      (failure: unknown) => ({ result: null, failure }),
    );
    // Read straight away: the version PostgreSQL holds when the Update has answered.
    const committed = (await store.getProject(run.projectId))?.version ?? 0;
    return { ...outcome, committed };
  };
  const reached = recorder.holdNext();
  const outcomes = [committedAt(run.step(commands[0], run.people.keyContact))];
  await reached;
  for (const command of commands.slice(1)) {
    outcomes.push(committedAt(run.step(command, run.people.keyContact)));
    await sleep(50); // one after another, so their order of arrival is the order here
  }
  await sleep(300);
  recorder.release();
  return Promise.all(outcomes);
}

async function withProject(
  test: (run: ProjectRun, recorder: ReturnType<typeof gatedRecorder>) => Promise<void>,
) {
  const client = new Client({ connection: temporal.connection, dataConverter: testDataConverter() });
  const taskQueue = `batched-${randomUUID()}`;
  const recorder = gatedRecorder();
  const worker = await createTestWorker(temporal.nativeConnection, taskQueue, recorder.activities);
  await worker.runUntil(async () => {
    const run = await startProject(client, taskQueue);
    await run.step({ type: 'agreeLadderLevel', comment: 'Happy with co-production' }, run.people.rep);
    recorder.calls.length = 0;
    await test(run, recorder);
  });
}

it('20 steps at once on one project: each its own result in order, refusals its own, committed first', async () => {
  await withProject(async (run, recorder) => {
    // In BRIEFING: the 9th completes the briefing, the 13th tries again and is refused (the
    // project is in MEETINGS by then, though it was not when the step was sent), and the
    // briefings after it are still recorded.
    const commands = Array.from({ length: 20 }, (_, i): ProjectCommand =>
      i === 8 || i === 12 ? { type: 'completeBriefing' } : briefing(run, i),
    );
    const outcomes = await twentyAtOnce(run, recorder, commands);

    let version = 2; // ProjectStarted, LadderLevelAgreed
    outcomes.forEach(({ result, failure, committed }, i) => {
      if (i === 12) {
        expect(result).toBeNull();
        expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(fromFailure(failure)).toMatchObject({ code: 'INVALID_PHASE' });
        return;
      }
      expect(failure).toBeNull();
      version += 1;
      expect(result).toMatchObject({
        version,
        events: [{ type: i === 8 ? 'BriefingCompleted' : 'BriefingRecorded' }],
      });
      // Committed before the Update answered.
      expect(committed).toBeGreaterThanOrEqual(version);
    });
    expect(version).toBe(21);

    const events = await readEvents(store, run.projectId);
    expectGaplessSequences(events);
    expect(events.slice(2).map((e) => (e.data as { summary?: string }).summary ?? e.type)).toEqual(
      commands
        .filter((_, i) => i !== 12)
        .map((c) => (c.type === 'recordBriefing' ? c.summary : 'BriefingCompleted')),
    );
    // The 19 that queued behind the held append were recorded together, not one by one.
    expect(recorder.calls.length).toBeLessThan(6);
    expect(Math.max(...recorder.calls.map((c) => c.events.length))).toBeGreaterThan(5);
  });
});

it('a step in a batch that cannot be stored is refused alone; the others are recorded one by one', async () => {
  await withProject(async (run, recorder) => {
    const commands = Array.from({ length: 20 }, (_, i) =>
      briefing(run, i, i === 5 ? `Briefing 5 ${LONE_SURROGATE}` : undefined),
    );
    const outcomes = await twentyAtOnce(run, recorder, commands);

    let version = 2;
    outcomes.forEach(({ result, failure }, i) => {
      if (i === 5) {
        const cause = (failure as WorkflowUpdateFailedError).cause as ApplicationFailure;
        expect(cause).toBeInstanceOf(ApplicationFailure);
        expect(cause.type).toBe('BAD_USER_INPUT');
        expect(cause.message).toMatch(/summary.*cannot be stored/);
        return;
      }
      expect(failure).toBeNull();
      expect(result?.version).toBe(++version);
    });
    const events = await readEvents(store, run.projectId);
    expectGaplessSequences(events);
    expect(events).toHaveLength(21);
    expect(events.map((e) => (e.data as { summary?: string }).summary)).not.toContain(commands[5].summary);
  });
});
