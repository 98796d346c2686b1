// Board report and charter review reminders (issue 10's last row): a Temporal Schedule per
// charter with those rules, firing on the first of each month one is due (Europe/London);
// each run sends the month's reminders to the charter's BOARD / ADMIN members from the
// memberships table, one recipient each, once, read back from a real SMTP server.
import { Client, Connection } from '@temporalio/client';
import { charterScheduleId, ensureCharterSchedules } from '../apps/worker/src/charter-schedules';
import { keyRingFromEnv, encryptingDataConverter } from '../libs/payload-codec/src';
import { CHARTER_REMINDERS_WORKFLOW_TYPE } from '../workflows/src/definitions';
import { requiredEnv } from './support/env';
import { startMailbox, type Mailbox } from './support/mailbox';
import { withPeople } from './support/people-db';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let mailbox: Mailbox;
let connection: Connection;
let client: Client;
let scheduleIds: string[] = [];

const BOARD = { email: 'wendy.board@example.org', name: 'Wendy Board' };
const ADMIN = { email: 'will.admin@example.org', name: 'Will Admin' };

beforeAll(async () => {
  // Wokingham's charter sets both rules: a board member and a charter administrator there,
  // and a lead (who gets neither reminder).
  await withPeople(async (people) => {
    for (const [who, role] of [
      [BOARD, 'BOARD'],
      [ADMIN, 'ADMIN'],
      [{ email: 'wes.lead@example.org', name: 'Wes Lead' }, 'LEAD'],
    ] as const) {
      const person = await people.ensure({ displayName: who.name, email: who.email });
      await people.grant(person.id, 'wokingham', role, 'test');
    }
  });
  mailbox = await startMailbox();
  stack = await startStack({ smtpUrl: mailbox.url });
  connection = await Connection.connect({ address: requiredEnv('TEMPORAL_ADDRESS') });
  client = new Client({ connection, dataConverter: encryptingDataConverter(keyRingFromEnv()) });
});

afterAll(async () => {
  for (const id of scheduleIds) await client?.schedule.getHandle(id).delete();
  await connection?.close();
  await stack?.stop();
  await mailbox?.stop();
});

const runFor = (charterId: string, day: string) =>
  client.workflow.execute(CHARTER_REMINDERS_WORKFLOW_TYPE, {
    taskQueue: stack.taskQueue,
    workflowId: `charter-reminders-test-${charterId}-${day}-${Date.now()}`,
    args: [{ charterId, day }],
  });

test('each charter with reminder rules has a Schedule on the first of the months they fall due', async () => {
  scheduleIds = await ensureCharterSchedules(client, stack.taskQueue);
  // Wokingham reports to its board and reviews its charter every 6 months; the others set neither.
  expect(scheduleIds).toEqual([charterScheduleId('wokingham', stack.taskQueue)]);
  // Made again (a second worker starting): brought up to date, not duplicated.
  expect(await ensureCharterSchedules(client, stack.taskQueue)).toEqual(scheduleIds);
  const described = await client.schedule.getHandle(scheduleIds[0]).describe();
  expect(described.spec.timezone).toBe('Europe/London');
  expect(described.spec.calendars).toEqual([
    expect.objectContaining({
      month: [
        { start: 'JANUARY', end: 'JANUARY', step: 1 },
        { start: 'JULY', end: 'JULY', step: 1 },
      ],
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 9, end: 9, step: 1 }],
    }),
  ]);
  expect(described.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: CHARTER_REMINDERS_WORKFLOW_TYPE,
    taskQueue: stack.taskQueue,
    args: [{ charterId: 'wokingham' }],
  });
});

test('in a month one is due, BOARD members are reminded of the report and ADMIN members of the review, once', async () => {
  expect(await runFor('wokingham', '2027-01-01')).toBe(2);
  const [report] = await mailbox.waitFor(1, (m) => m.type === 'boardReportReminder');
  const [review] = await mailbox.waitFor(1, (m) => m.type === 'charterReviewReminder');
  expect(report.envelopeTo).toEqual([BOARD.email]);
  expect(review.envelopeTo).toEqual([ADMIN.email]);
  expect(report.mail.subject).toMatch(/^Reminder: the board report under the Wokingham .* is due$/);
  expect(String(report.mail.text)).toContain('at least every 6 months');
  expect(String(report.mail.text)).toContain('Sunday 31 January 2027');
  expect(String(review.mail.text)).toContain('reviewed every 6 months');
  // Reminders can be turned off, like every reminder.
  expect(String(report.mail.text)).toContain('/messages/unsubscribe/');

  // The same month again (a retried or repeated run): nothing is sent twice.
  await runFor('wokingham', '2027-01-15');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(mailbox.messages.filter((m) => m.type === 'boardReportReminder')).toHaveLength(1);
  expect(mailbox.messages.filter((m) => m.type === 'charterReviewReminder')).toHaveLength(1);
});

test('in other months, and for charters without the rules, nothing is sent', async () => {
  const before = mailbox.messages.length;
  expect(await runFor('wokingham', '2027-03-01')).toBe(0);
  expect(await runFor('worcestershire', '2027-01-01')).toBe(0);
  expect(mailbox.messages.length).toBe(before);
});
