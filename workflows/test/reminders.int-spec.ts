// Reminders on Temporal's time-skipping test server: papers due in 2 working days and the
// acknowledgement due in 3 working days are reminded on the right working day, over a bank
// holiday, at 09:00 London; nothing is reminded once the step is done.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import { londonInstant } from '../../libs/domain/src/calendar';
import type { RecordedEvent } from '../../libs/domain/src/events';
import type { EventStore } from '../../libs/event-store/src';
import {
  DAY,
  MINUTE,
  createTestWorker,
  openStore,
  readEvents,
  requiredEnv,
  startProject,
  testDataConverter,
  toMeetings,
  waitForEvents,
  type ProjectRun,
} from './support';

let store: EventStore;
let dataSource: DataSource;
beforeAll(async () => {
  ({ store, dataSource } = await openStore());
});
afterAll(() => dataSource?.destroy());

async function withTimeSkipping(test: (env: TestWorkflowEnvironment, taskQueue: string) => Promise<void>) {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_TEST_SERVER_PATH') } },
    client: { dataConverter: testDataConverter() },
  });
  try {
    const taskQueue = `reminders-${randomUUID()}`;
    const worker = await createTestWorker(env.nativeConnection, taskQueue, store);
    await worker.runUntil(() => test(env, taskQueue));
  } finally {
    await env.teardown();
  }
}

async function skipTo(env: TestWorkflowEnvironment, instant: Date, offsetMs: number) {
  const ms = instant.getTime() + offsetMs - (await env.currentTimeMs());
  if (ms <= 0) throw new Error(`Server time is already past ${new Date(instant.getTime() + offsetMs)}`);
  await env.sleep(ms);
}

const reminderOf = (kind: string) => (e: RecordedEvent) =>
  e.type === 'ReminderDue' && (e.data as { reminder: string }).reminder === kind;

async function nothingYet(run: ProjectRun, kind: string) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await readEvents(store, run.projectId)).filter(reminderOf(kind))).toEqual([]);
}

/** Who the reminder's messages were addressed to (participant ids), from the outbox. */
async function reminded(projectId: string, type: string): Promise<string[]> {
  const rows = await dataSource.query(`SELECT recipient FROM messages WHERE project_id = $1 AND type = $2`, [
    projectId,
    type,
  ]);
  return rows.map((r: { recipient: string }) => r.recipient).sort();
}

async function until(done: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The first year from `from` whose Easter Tuesday is more than 10 days ahead. */
const EASTER_TUESDAYS: Record<number, string> = {
  2027: '2027-03-30',
  2028: '2028-04-18',
  2029: '2029-04-03',
};
function easterTuesdayAfter(now: Date): string {
  for (const date of Object.values(EASTER_TUESDAYS))
    if (londonInstant(date, '10:00').getTime() - now.getTime() > 10 * DAY) return date;
  throw new Error('Add a later Easter to the test');
}
/** Two working days before Easter Tuesday: Good Friday and Easter Monday are bank holidays, so the Wednesday before. */
const wednesdayBefore = (easterTuesday: string) => {
  const d = new Date(`${easterTuesday}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 6);
  return d.toISOString().slice(0, 10);
};

/** A meeting booked so that its papers are due at 10:00 on Easter Tuesday. */
async function toPapersDueOnEasterTuesday(env: TestWorkflowEnvironment, taskQueue: string) {
  const due = easterTuesdayAfter(new Date(await env.currentTimeMs()));
  const papersDueBy = londonInstant(due, '10:00');
  const run = await startProject(env.client, taskQueue);
  await toMeetings(run);
  await run.step({
    type: 'scheduleMeeting',
    input: {
      title: 'Planning workshop',
      startsAt: new Date(papersDueBy.getTime() + 7 * DAY).toISOString(),
      durationMinutes: 60,
      location: 'Library',
      overrideReason: 'The only date the room is free',
    },
  });
  return { run, due };
}

it('papers due on Easter Tuesday are reminded on the Wednesday before, to the lead and key contact only', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const { run, due } = await toPapersDueOnEasterTuesday(env, taskQueue);
    const remindAt = londonInstant(wednesdayBefore(due), '09:00');
    await skipTo(env, remindAt, -MINUTE);
    await nothingYet(run, 'papers');
    await skipTo(env, remindAt, MINUTE);
    const events = await waitForEvents(store, run.projectId, (es) => es.some(reminderOf('papers')));
    const reminders = events.filter(reminderOf('papers'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].occurredAt).toBe(remindAt.toISOString());
    expect(reminders[0].actor.id).toBe('system');
    const p = run.projectId;
    await until(async () => (await reminded(p, 'papersReminder')).length === 2);
    expect(await reminded(p, 'papersReminder')).toEqual([`participant:${p}.p1`, `participant:${p}.p3`]);
  });
});

it('papers already sent: no reminder', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const { run, due } = await toPapersDueOnEasterTuesday(env, taskQueue);
    await run.step({ type: 'distributePapers', meetingId: `${run.projectId}.m1`, documents: ['Agenda'] });
    await skipTo(env, londonInstant(wednesdayBefore(due), '09:00'), MINUTE);
    await nothingYet(run, 'papers');
    expect(await reminded(run.projectId, 'papersReminder')).toEqual([]);
  });
});

/** Good Friday and Easter Monday (an oracle written out by hand, not the domain's table). */
const EASTER_BANK_HOLIDAYS: [string, string][] = [
  ['2027-03-26', '2027-03-29'],
  ['2028-04-14', '2028-04-17'],
  ['2029-03-30', '2029-04-02'],
];
const shift = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
function workingDaysBack(date: string, n: number, holidays: string[]) {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = shift(day, -1);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(day)) counted++;
  }
  return day;
}
/** Feedback closing so that its acknowledgement is due on the Wednesday after Easter Monday. */
function ackOverEaster(now: Date) {
  for (const holidays of EASTER_BANK_HOLIDAYS) {
    const dueBy = shift(holidays[1], 2);
    const closedOn = workingDaysBack(dueBy, 10, holidays);
    if (londonInstant(closedOn, '12:00').getTime() - now.getTime() > 3 * DAY)
      return {
        dueBy,
        closesAt: londonInstant(closedOn, '12:00'),
        remindOn: workingDaysBack(dueBy, 3, holidays),
      };
  }
  throw new Error('Add a later Easter to the test');
}

async function toAcknowledgement(env: TestWorkflowEnvironment, taskQueue: string) {
  const plan = ackOverEaster(new Date(await env.currentTimeMs()));
  const run = await startProject(env.client, taskQueue);
  await toMeetings(run);
  await run.step({ type: 'openFeedback', closesAt: plan.closesAt.toISOString(), channels: ['SURVEY'] });
  await skipTo(env, plan.closesAt, MINUTE);
  const closed = await waitForEvents(store, run.projectId, (es) =>
    es.some((e) => e.type === 'FeedbackClosed'),
  );
  expect(closed.find((e) => e.type === 'FeedbackClosed')!.data).toEqual({ dueBy: plan.dueBy });
  return { run, plan };
}

it('acknowledgement due the Wednesday after Easter is reminded 3 working days before (the Wednesday before), to the lead', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const { run, plan } = await toAcknowledgement(env, taskQueue);
    // Tuesday after Easter, Thursday and Wednesday before Good Friday: the Wednesday before.
    expect(plan.remindOn).toBe(shift(plan.dueBy, -7));
    const remindAt = londonInstant(plan.remindOn, '09:00');
    await skipTo(env, remindAt, -MINUTE);
    await nothingYet(run, 'acknowledgement');
    await skipTo(env, remindAt, MINUTE);
    const events = await waitForEvents(store, run.projectId, (es) => es.some(reminderOf('acknowledgement')));
    const reminders = events.filter(reminderOf('acknowledgement'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].occurredAt).toBe(remindAt.toISOString());
    const p = run.projectId;
    await until(async () => (await reminded(p, 'acknowledgementReminder')).length === 1);
    expect(await reminded(p, 'acknowledgementReminder')).toEqual([`participant:${p}.p1`]);
  });
});

it('acknowledged before the reminder: no reminder', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const { run, plan } = await toAcknowledgement(env, taskQueue);
    await run.step({ type: 'acknowledgeFeedback', message: 'Thank you for your feedback.' });
    await skipTo(env, londonInstant(plan.remindOn, '09:00'), MINUTE);
    await nothingYet(run, 'acknowledgement');
    expect(await reminded(run.projectId, 'acknowledgementReminder')).toEqual([]);
  });
});
