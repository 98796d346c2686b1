// The one-click link at the foot of a reminder, followed without signing in, stops that
// person's reminders and nothing else.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../libs/event-store/src';
import { messageKey, Messenger, messagesConfigFromEnv, type OutgoingMessage } from '../libs/messages/src';
import * as Q from './support/documents';
import { requiredEnv } from './support/env';
import { startMailbox, type Mailbox } from './support/mailbox';
import { cast, startInput } from './support/people';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let mailbox: Mailbox;
let dataSource: DataSource;
let messenger: Messenger;

beforeAll(async () => {
  mailbox = await startMailbox();
  stack = await startStack({ smtpUrl: mailbox.url });
  dataSource = await createDataSource(requiredEnv('DATABASE_URL'), { poolSize: 2 }).initialize();
  messenger = new Messenger(dataSource, messagesConfigFromEnv({ ...process.env, SMTP_URL: mailbox.url })!);
});
afterAll(async () => {
  await stack?.stop();
  await messenger?.close();
  await mailbox?.stop();
  await dataSource?.destroy();
});

it('stops reminders, and only reminders, for the person who follows the link', async () => {
  const people = cast();
  const kim = `kim-${Date.now().toString(36)}@example.org`;
  const input = startInput(people);
  input.participants[1].email = kim;
  const res = await stack.gql(Q.START_PROJECT, { input }, people.lead.token);
  const project = res.data!.startProject;
  const projectId = project.id as string;
  const kimId = project.participants.find((p: any) => p.role === 'KEY_CONTACT').id as string;
  const recipient = { kind: 'participant' as const, projectId, participantId: kimId };
  const reminder = (n: number): OutgoingMessage => ({
    key: messageKey(projectId, `r${n}`, 'papersReminder', kimId),
    type: 'papersReminder',
    projectId,
    recipient,
    params: {
      projectTitle: 'Short breaks review',
      meetingTitle: 'First workshop',
      startsAt: '2027-03-09T10:00:00.000Z',
      papersDueBy: '2027-03-02T10:00:00.000Z',
      charterName: 'Worcestershire charter',
      rule: 'Papers will be distributed at least 7 days before a meeting',
      projectUrl: `/projects/${projectId}`,
    },
  });

  expect((await messenger.send(reminder(1))).status).toBe('sent');
  const [first] = await mailbox.waitFor(1, (m) => m.key === reminder(1).key);
  const header = first.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const link = /^List-Unsubscribe: <([^>]+)>/im.exec(header)![1];
  expect(header).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
  expect(first.mail.text).toContain(link);
  const path = new URL(link).pathname;
  const base = stack.url.replace(/\/graphql$/, '');

  const page = await fetch(`${base}${path}`); // no Authorization header
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('lang="en-GB"');
  expect(html).toContain('You will not get reminders any more');
  expect((await fetch(`${base}${path.slice(0, -3)}xyz`)).status).toBe(404);

  expect((await messenger.send(reminder(2))).status).toBe('suppressed');
  const booked: OutgoingMessage = {
    key: messageKey(projectId, 'e9', 'meetingBooked', kimId),
    type: 'meetingBooked',
    projectId,
    recipient,
    params: {
      projectTitle: 'Short breaks review',
      meetingId: `${projectId}.m1`,
      meetingTitle: 'First workshop',
      startsAt: '2027-03-09T10:00:00.000Z',
      durationMinutes: 60,
      location: 'Civic Centre',
      accessibilityNotes: null,
      projectUrl: `/projects/${projectId}`,
      previousStartsAt: null,
      reason: null,
      icsSequence: 9,
    },
  };
  expect((await messenger.send(booked)).status).toBe('sent');
  await mailbox.waitFor(1, (m) => m.key === booked.key);
  // (Besides the invitation the project's start sent her.)
  expect(
    mailbox
      .to(kim)
      .map((m) => m.type)
      .filter((t) => t !== 'invitation'),
  ).toEqual(['papersReminder', 'meetingBooked']);

  // Turning them back on works from the same page, again without signing in.
  expect((await fetch(`${base}${path}/undo`, { method: 'POST' })).status).toBe(200);
  expect((await messenger.send(reminder(3))).status).toBe('sent');
});
