// A step and a deadline in the same workflow task, on the suite's real Temporal dev server with
// deadlines seconds away: while no worker runs, meeting 1's papers fall due and the lead sends
// them (late); when a worker starts, both arrive together. Whichever is handled first, meeting
// 1 gets exactly one papers breach, and the workflow still wakes for meeting 2's deadline.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { RecordedEvent } from '../../libs/domain/src/events';
import { stepUpdate } from '../src/definitions';
import {
  createTestWorker,
  expectGaplessSequences,
  readEvents,
  startProject,
  storeForFile,
  temporalForFile,
  testDataConverter,
  toMeetings,
  waitForEvents,
} from './support';

const SECOND = 1000;
const DAY = 86_400 * SECOND;

const store = storeForFile();
const temporal = temporalForFile();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const papersBreaches = (events: RecordedEvent[], meetingId: string) =>
  events.filter(
    (e) =>
      e.type === 'CharterBreachRecorded' &&
      (e.data as { rule: string; meetingId: string }).rule === 'papers.minNoticeDays' &&
      (e.data as { meetingId: string }).meetingId === meetingId,
  );

it('papers sent late while their timer fires: one breach, and the next deadline still fires', async () => {
  const client = new Client({ connection: temporal.connection, dataConverter: testDataConverter() });
  const taskQueue = `race-${randomUUID()}`;
  let worker = await createTestWorker(temporal.nativeConnection, taskQueue, store);
  let running = worker.run();
  const run = await startProject(client, taskQueue);
  await toMeetings(run);

  // Papers due 7 days before each start: meeting 1's in 4 s, meeting 2's in 15 s.
  const t0 = Date.now();
  const m1Due = t0 + 4 * SECOND;
  const m2Due = t0 + 15 * SECOND;
  for (const [title, due] of [
    ['Planning workshop', m1Due],
    ['Follow-up', m2Due],
  ] as const) {
    await run.step({
      type: 'scheduleMeeting',
      input: {
        title,
        startsAt: new Date(due + 7 * DAY).toISOString(),
        durationMinutes: 60,
        location: 'Library',
        // The test's start times ignore school runs and holidays: any such breach is recorded.
        overrideReason: 'Test timing',
      },
    });
  }
  const m1 = `${run.projectId}.m1`;
  const m2 = `${run.projectId}.m2`;

  worker.shutdown();
  await running;
  await sleep(Math.max(0, m1Due + SECOND - Date.now()));
  // No worker: the timer has fired in the server, and the late papers wait with it.
  const late = run.handle.executeUpdate(stepUpdate, {
    args: [
      { command: { type: 'distributePapers', meetingId: m1, documents: ['Agenda'] }, actor: run.people.lead },
    ],
  });
  await sleep(500);
  worker = await createTestWorker(temporal.nativeConnection, taskQueue, store);
  running = worker.run();
  try {
    const result = await late;
    expect(result.events[0].type).toBe('PapersDistributed');
    const afterM1 = await waitForEvents(store, run.projectId, (es) => papersBreaches(es, m1).length > 0);
    expect(papersBreaches(afterM1, m1)).toHaveLength(1);
    expect(Date.now()).toBeLessThan(m2Due); // else the next check proves nothing

    const events = await waitForEvents(
      store,
      run.projectId,
      (es) => papersBreaches(es, m2).length > 0,
      m2Due - Date.now() + 10 * SECOND,
    );
    const m2Breach = papersBreaches(events, m2);
    expect(m2Breach).toHaveLength(1);
    expect(m2Breach[0].actor.id).toBe('system');
    expect(m2Breach[0].occurredAt).toBe(new Date(m2Due).toISOString());
    expect(papersBreaches(await readEvents(store, run.projectId), m1)).toHaveLength(1);
    expectGaplessSequences(await readEvents(store, run.projectId));
  } finally {
    await run.handle.terminate('test finished').catch(() => undefined);
    worker.shutdown();
    await running;
  }
}, 60_000);
