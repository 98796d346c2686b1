// The project workflow's durable timers, on Temporal's time-skipping test server: papers due,
// the feedback window closing, and the acknowledgement deadline over Christmas. Each test
// drives a real project through the workflow's `step` Update (this server, 1.40, supports
// Updates), skips weeks of server time with `env.sleep`, and reads what was recorded from
// PostgreSQL through the real recordEvents activity.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import Holidays from 'date-holidays';
import { addDays, londonDateOf, londonInstant, type IsoDate } from '../../libs/domain/src/calendar';
import { acknowledgementDueBy, findCharter } from '../../libs/domain/src/charters';
import type { RecordedEvent } from '../../libs/domain/src/events';
import { intlLondonClock } from '../../libs/domain/test/intl-london-clock';
import {
  DAY,
  MINUTE,
  createTestWorker,
  meetingSlot,
  storeForFile,
  readEvents,
  requiredEnv,
  testDataConverter,
  startProject,
  toMeetings,
  waitForEvents,
  expectGaplessSequences,
  type ProjectRun,
} from './support';

const store = storeForFile();

/** A fresh time-skipping server (its clock starts at the real now) and a worker on it. */
async function withTimeSkipping(test: (env: TestWorkflowEnvironment, taskQueue: string) => Promise<void>) {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_TEST_SERVER_PATH') } },
    client: { dataConverter: testDataConverter() },
  });
  try {
    const taskQueue = `timers-${randomUUID()}`;
    const worker = await createTestWorker(env.nativeConnection, taskQueue, store);
    await worker.runUntil(() => test(env, taskQueue));
  } finally {
    await env.teardown();
  }
}

const serverNow = async (env: TestWorkflowEnvironment) => new Date(await env.currentTimeMs());

/** Skips server time up to `instant` + `offsetMs` (only forward). */
async function skipTo(env: TestWorkflowEnvironment, instant: Date, offsetMs: number) {
  const ms = instant.getTime() + offsetMs - (await env.currentTimeMs());
  if (ms <= 0) throw new Error(`Server time is already past ${new Date(instant.getTime() + offsetMs)}`);
  await env.sleep(ms);
}

/** How many timers have fired in the workflow's history so far. */
async function timersFired(run: ProjectRun): Promise<number> {
  const history = await run.handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.timerFiredEventAttributes).length;
}

/**
 * Nothing recorded yet after a moment of real time, and no further timer has fired (but the
 * reminders' own: each ReminderDue is one timer, see workflows/test/reminders.int-spec.ts).
 */
async function expectNothingYet(run: ProjectRun, isIt: (e: RecordedEvent) => boolean, firedBefore = 0) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const events = await readEvents(store, run.projectId);
  expect(events.filter(isIt)).toEqual([]);
  const reminders = events.filter((e) => e.type === 'ReminderDue').length;
  expect(await timersFired(run)).toBe(firedBefore + reminders);
}

const breachOf = (rule: string) => (e: RecordedEvent) =>
  e.type === 'CharterBreachRecorded' && (e.data as { rule: string }).rule === rule;

/** What a London clock shows at `instant`: 'YYYY-MM-DD HH:MM:SS' (an oracle independent of the domain). */
function londonClock(instant: Date): string {
  const { year, month, day, hour, minute, second } = intlLondonClock(instant);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/**
 * England and Wales bank holidays from 23 December of `year` to early January, by the rules
 * GOV.UK follows (not the domain's table): Christmas Day and Boxing Day move to the next
 * weekdays when they fall at a weekend, New Year's Day to the Monday.
 */
function christmasBankHolidays(year: number): IsoDate[] {
  const weekday = (date: IsoDate) => new Date(`${date}T12:00:00Z`).getUTCDay();
  const holidays: IsoDate[] = [];
  const nextFree = (date: IsoDate) => {
    let d = date;
    while (weekday(d) === 0 || weekday(d) === 6 || holidays.includes(d)) d = addDays(d, 1);
    return d;
  };
  holidays.push(nextFree(`${year}-12-25`));
  holidays.push(nextFree(`${year}-12-26`));
  holidays.push(nextFree(`${year + 1}-01-01`));
  return holidays;
}

/** England and Wales bank holidays as taken (weekdays), from the `date-holidays` package, not the domain's table. */
function libraryBankHolidays(...years: number[]): IsoDate[] {
  return years.flatMap((year) =>
    new Holidays('GB', 'ENG')
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10))
      .filter((date) => ![0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay())),
  );
}

/** The 10th working day after `closed`, skipping weekends and `holidays`. */
function tenthWorkingDayAfter(closed: IsoDate, holidays: IsoDate[]): IsoDate {
  let day = closed;
  for (let counted = 0; counted < 10;) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(day)) counted++;
  }
  return day;
}

it('papers not distributed by papersDueBy: one papers.minNoticeDays breach by system, at papersDueBy', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const run = await startProject(env.client, taskQueue);
    await toMeetings(run);
    const startsAt = meetingSlot(await serverNow(env), 21);
    const scheduled = await run.step({
      type: 'scheduleMeeting',
      input: {
        title: 'Planning workshop',
        startsAt: startsAt.toISOString(),
        durationMinutes: 90,
        location: 'Library',
      },
    });
    // Booked within every meeting rule: the meeting alone, with its papers due 7 × 24 h before.
    expect(scheduled.events.map((e) => e.type)).toEqual(['MeetingScheduled']);
    const papersDueBy = new Date(startsAt.getTime() - 7 * DAY);
    expect((scheduled.events[0].data as { papersDueBy: string }).papersDueBy).toBe(papersDueBy.toISOString());

    await skipTo(env, papersDueBy, -MINUTE);
    await expectNothingYet(run, breachOf('papers.minNoticeDays'));

    await skipTo(env, papersDueBy, MINUTE);
    const events = await waitForEvents(store, run.projectId, (es) =>
      es.some(breachOf('papers.minNoticeDays')),
    );
    const breaches = events.filter(breachOf('papers.minNoticeDays'));
    expect(breaches).toHaveLength(1);
    expect(breaches[0].actor.id).toBe('system');
    expect(breaches[0].occurredAt).toBe(papersDueBy.toISOString());
    expect(breaches[0].data).toMatchObject({ meetingId: `${run.projectId}.m1` });

    // Held later with the papers never sent: still one breach for the meeting.
    await skipTo(env, startsAt, 2 * 60 * MINUTE);
    const recorded = await run.step(
      {
        type: 'recordMeeting',
        meetingId: `${run.projectId}.m1`,
        input: { minutes: 'We planned the survey.', decisions: [], actions: [], attendance: [] },
      },
      run.people.keyContact,
    );
    expect(recorded.events.map((e) => e.type)).toEqual(['MeetingRecorded']);
    const all = await readEvents(store, run.projectId);
    expect(all.filter(breachOf('papers.minNoticeDays'))).toHaveLength(1);
    expectGaplessSequences(all);
  });
});

it('an open feedback window closes at closesAt: FeedbackClosed by system, then ACKNOWLEDGEMENT with dueBy', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const run = await startProject(env.client, taskQueue);
    await toMeetings(run);
    const now = await serverNow(env);
    const closesAt = londonInstant(addDays(londonDateOf(now), 5), '17:00');
    await run.step({ type: 'openFeedback', closesAt: closesAt.toISOString(), channels: ['SURVEY'] });
    await run.step(
      { type: 'submitFeedback', channel: 'SURVEY', body: 'More weekend places, please.' },
      run.people.rep,
    );

    await skipTo(env, closesAt, -MINUTE);
    await expectNothingYet(run, (e) => e.type === 'FeedbackClosed');

    await skipTo(env, closesAt, MINUTE);
    const events = await waitForEvents(store, run.projectId, (es) =>
      es.some((e) => e.type === 'FeedbackClosed'),
    );
    const closed = events.filter((e) => e.type === 'FeedbackClosed');
    expect(closed).toHaveLength(1);
    expect(closed[0].actor.id).toBe('system');
    expect(closed[0].occurredAt).toBe(closesAt.toISOString());
    const dueBy = acknowledgementDueBy(findCharter('worcestershire')!, closesAt);
    expect(closed[0].data).toEqual({ dueBy });
    // Worcestershire: the 10th working day after the London day the window closed.
    const closedOn = londonDateOf(closesAt);
    const year = Number(closedOn.slice(0, 4));
    expect(dueBy).toBe(tenthWorkingDayAfter(closedOn, libraryBankHolidays(year, year + 1)));

    const project = await store.getProject(run.projectId);
    expect(project!.phase).toBe('ACKNOWLEDGEMENT');
    expect(project!.acknowledgement!.dueBy).toBe(dueBy);
    // The window is closed: the workflow refuses more feedback.
    await expect(
      run.step({ type: 'submitFeedback', channel: 'SURVEY', body: 'Too late?' }, run.people.rep),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_PHASE' } });
    expectGaplessSequences(await readEvents(store, run.projectId));
  });
});

it('closed on 23 December: dueBy skips the Christmas bank holidays; the breach comes at 00:00 London after it; a late acknowledgement still works', async () => {
  await withTimeSkipping(async (env, taskQueue) => {
    const now = await serverNow(env);
    // The coming 23 December, with at least two days to set the project up before it.
    let year = now.getUTCFullYear();
    if (londonInstant(`${year}-12-23`, '12:00').getTime() - now.getTime() < 2 * DAY) year += 1;
    const closesAt = londonInstant(`${year}-12-23`, '12:00');

    const run = await startProject(env.client, taskQueue);
    await toMeetings(run);
    await run.step({ type: 'openFeedback', closesAt: closesAt.toISOString(), channels: ['SURVEY'] });
    await run.step(
      { type: 'submitFeedback', channel: 'SURVEY', body: 'Clearer letters, please.' },
      run.people.rep,
    );

    await skipTo(env, closesAt, MINUTE);
    const afterClose = await waitForEvents(store, run.projectId, (es) =>
      es.some((e) => e.type === 'FeedbackClosed'),
    );
    const closed = afterClose.find((e) => e.type === 'FeedbackClosed')!;
    expect(closed.occurredAt).toBe(closesAt.toISOString());
    const holidays = christmasBankHolidays(year);
    // The hand-written rules agree with the date-holidays package for this Christmas.
    expect(
      libraryBankHolidays(year, year + 1).filter((d) => d > `${year}-12-23` && d < `${year + 1}-01-08`),
    ).toEqual(holidays);
    const dueBy = (closed.data as { dueBy: IsoDate }).dueBy;
    expect(dueBy).toBe(tenthWorkingDayAfter(`${year}-12-23`, holidays));
    // Without the bank holidays it would be earlier: they were skipped.
    expect(dueBy > tenthWorkingDayAfter(`${year}-12-23`, [])).toBe(true);

    const passesAt = londonInstant(addDays(dueBy, 1), '00:00');
    expect(londonClock(passesAt)).toBe(`${addDays(dueBy, 1)} 00:00:00`);

    // The last minute of dueBy: not late yet.
    await skipTo(env, passesAt, -MINUTE);
    await expectNothingYet(run, breachOf('feedback.ackWorkingDays'), 1); // only the window's close

    await skipTo(env, passesAt, MINUTE);
    const events = await waitForEvents(store, run.projectId, (es) =>
      es.some(breachOf('feedback.ackWorkingDays')),
    );
    const breaches = events.filter(breachOf('feedback.ackWorkingDays'));
    expect(breaches).toHaveLength(1);
    expect(breaches[0].actor.id).toBe('system');
    expect(breaches[0].occurredAt).toBe(passesAt.toISOString());
    expect(londonClock(new Date(breaches[0].occurredAt))).toBe(`${addDays(dueBy, 1)} 00:00:00`);

    // Acknowledging late still works, marked late, with no second breach.
    const acknowledged = await run.step({
      type: 'acknowledgeFeedback',
      message: 'Thank you for your feedback; we are sorry this is late.',
    });
    expect(acknowledged.events).toEqual([
      { type: 'FeedbackAcknowledged', data: { message: expect.any(String), onTime: false } },
    ]);
    const all = await readEvents(store, run.projectId);
    expect(all.filter(breachOf('feedback.ackWorkingDays'))).toHaveLength(1);
    expect((await store.getProject(run.projectId))!.phase).toBe('CLOSING_REPORT');
    expectGaplessSequences(all);
  });
});
