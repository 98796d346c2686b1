// Sending through a real SMTP server on loopback and the real PostgreSQL outbox: one
// recipient per message, never a second copy of a key, retries while the server is down,
// and failures recorded for the lead.
import { randomUUID } from 'node:crypto';
import { openTestDb, participant, started, type TestDb } from '../../event-store/test/support';
import { startMailbox, type Mailbox } from '../../../test/support/mailbox';
import { sealedValueOf } from '../../domain/src/confidential';
import { DeliveryError, messageKey, Messenger, type MessagesConfig, type OutgoingMessage } from './index';
import { NOT_SHARED } from './sealed-params';

let db: TestDb;
let mailbox: Mailbox;
let messenger: Messenger;

beforeAll(async () => {
  db = await openTestDb(4);
  mailbox = await startMailbox();
  const config: MessagesConfig = {
    channel: 'smtp',
    smtpUrl: mailbox.url,
    serviceName: 'Co-production service',
    publicBaseUrl: 'http://localhost:3000',
    from: 'Co-production service <no-reply@coproduction.test>',
    domain: 'coproduction.test',
    linkSecret: 'test-links',
  };
  messenger = new Messenger(db.dataSource, config);
});
afterAll(async () => {
  await messenger.close();
  await mailbox.stop();
  await db.close();
});

/** A project with two participants who have addresses, and one who has none. */
async function project() {
  const projectId = randomUUID();
  const lead = participant('LEAD', `lead-${projectId}`);
  const rep = participant('PARENT_REP', `rep-${projectId}`);
  const quiet = participant('PARENT_REP', null);
  await db.store.append({
    projectId,
    expectedVersion: 0,
    events: [started({ participants: [lead, rep, quiet] })],
    contacts: [
      { participantId: lead.id, email: `lead-${projectId}@example.org` },
      { participantId: rep.id, email: `rep-${projectId}@example.org` },
    ],
  });
  return { projectId, lead, rep, quiet };
}

function papers(projectId: string, participantId: string, occasion = 'e5'): OutgoingMessage {
  return {
    key: messageKey(projectId, occasion, 'papersDistributed', participantId),
    type: 'papersDistributed',
    projectId,
    recipient: { kind: 'participant', projectId, participantId },
    params: {
      projectTitle: 'Short breaks review',
      meetingTitle: 'First workshop',
      startsAt: '2027-03-02T10:00:00.000Z',
      documents: ['Agenda', 'Short breaks survey results'],
      projectUrl: `http://localhost:3000/projects/${projectId}`,
    },
  };
}

test('a message goes to its one recipient once, with its key in the Message-ID, however often it is sent', async () => {
  const { projectId, rep } = await project();
  const message = papers(projectId, rep.id);
  const first = await messenger.send(message);
  const again = await messenger.send(message);
  expect(first).toMatchObject({ status: 'sent', alreadySent: false, channel: 'smtp' });
  expect(again).toMatchObject({ status: 'sent', alreadySent: true });

  const received = mailbox.messages.filter((m) => m.key === message.key);
  expect(received).toHaveLength(1);
  const [mail] = received;
  expect(mail.envelopeTo).toEqual([`rep-${projectId}@example.org`]);
  expect(mail.messageId).toBe(`<${message.key}@coproduction.test>`);
  expect(mail.mail.cc).toBeUndefined();
  expect(mail.mail.bcc).toBeUndefined();
  expect(mail.mail.text).toContain('Short breaks survey results');
  expect(mail.mail.html).toContain('lang="en-GB"');
  expect(mail.raw).not.toContain(`lead-${projectId}@example.org`);
  const row = await messenger.outbox.find(message.key);
  expect(row).toMatchObject({ status: 'sent', attempts: 1, recipient: `participant:${rep.id}` });
});

test('while the server refuses for now, each attempt fails for retry; the one that passes sends one copy', async () => {
  const { projectId, rep } = await project();
  const message = papers(projectId, rep.id, 'e6');
  mailbox.failNextAttempts(2);
  try {
    await expect(messenger.send(message)).rejects.toBeInstanceOf(DeliveryError);
    await expect(messenger.send(message)).rejects.toBeInstanceOf(DeliveryError);
    expect(await messenger.send(message)).toMatchObject({ status: 'sent', alreadySent: false });
  } finally {
    mailbox.failNextAttempts(0);
  }
  expect(mailbox.messages.filter((m) => m.key === message.key)).toHaveLength(1);
  expect(await messenger.outbox.find(message.key)).toMatchObject({ status: 'sent', attempts: 3 });
});

test('an address refused for good, or still failing on the last attempt, is recorded for the lead', async () => {
  const { projectId, rep, lead } = await project();
  mailbox.rejectAddress(`rep-${projectId}@example.org`);
  const refused = await messenger.send(papers(projectId, rep.id, 'e7'));
  expect(refused.status).toBe('failed');
  expect(refused.error).toMatch(/did not accept/);

  mailbox.failNextAttempts(5);
  try {
    const last = await messenger.send(papers(projectId, lead.id, 'e7'), { lastAttempt: true });
    expect(last.status).toBe('failed');
  } finally {
    mailbox.failNextAttempts(0);
  }
  const undelivered = await messenger.outbox.undelivered(projectId);
  expect(undelivered.map((m) => m.recipient).sort()).toEqual(
    [`participant:${lead.id}`, `participant:${rep.id}`].sort(),
  );
  // Failed is final: a later retry of the step sends nothing.
  expect(await messenger.send(papers(projectId, rep.id, 'e7'))).toMatchObject({
    status: 'failed',
    alreadySent: true,
  });
});

test('no address: nothing is sent, and that is recorded', async () => {
  const { projectId, quiet } = await project();
  expect((await messenger.send(papers(projectId, quiet.id))).status).toBe('no_address');
});

test('a person who turned reminders off gets no reminders, and still gets the other messages', async () => {
  const { projectId, lead } = await project();
  await messenger.preferences.setRemindersOff(`person:${lead.personId}`, true);
  const reminder: OutgoingMessage = {
    key: messageKey(projectId, 'm1', 'papersReminder', lead.id),
    type: 'papersReminder',
    projectId,
    recipient: { kind: 'participant', projectId, participantId: lead.id },
    params: {
      projectTitle: 'Short breaks review',
      meetingTitle: 'First workshop',
      startsAt: '2027-03-02T10:00:00.000Z',
      papersDueBy: '2027-02-23T10:00:00.000Z',
      charterName: 'Worcestershire charter',
      rule: 'Papers will be distributed at least 7 days before a meeting',
      projectUrl: `http://localhost:3000/projects/${projectId}`,
    },
  };
  expect((await messenger.send(reminder)).status).toBe('suppressed');
  expect((await messenger.send(papers(projectId, lead.id, 'e9'))).status).toBe('sent');
  await messenger.preferences.setRemindersOff(`person:${lead.personId}`, false);
  expect(mailbox.messages.filter((m) => m.key === reminder.key)).toHaveLength(0);
});

test('a MEETING_GROUP text reaches the group in words, and no one else', async () => {
  const { projectId, rep } = await project();
  const text = 'Thank you: the group will meet the transport team in May.';
  // What the store keeps apart when the acknowledgement is recorded (a salted commitment).
  await db.dataSource.query(
    `INSERT INTO confidential_texts (project_id, sealed, text, salt) VALUES ($1, $2, $3, $4)`,
    [projectId, `sha256:${'ab'.repeat(32)}`, text, Buffer.alloc(32, 1)],
  );
  const params = { projectTitle: 'Short breaks review', message: sealedValueOf(text), projectUrl: '/p' };
  const toRep: OutgoingMessage = {
    key: messageKey(projectId, 'e9', 'feedbackAcknowledged', rep.id),
    type: 'feedbackAcknowledged',
    projectId,
    recipient: { kind: 'participant', projectId, participantId: rep.id },
    params,
  };
  const toStranger: OutgoingMessage = {
    ...toRep,
    key: messageKey(projectId, 'e9', 'feedbackAcknowledged', 'stranger'),
    recipient: { kind: 'email', email: `stranger-${projectId}@example.org` },
  };
  expect(await messenger.send(toRep)).toMatchObject({ status: 'sent' });
  expect(await messenger.send(toStranger)).toMatchObject({ status: 'sent' });
  const [mine] = mailbox.messages.filter((m) => m.key === toRep.key);
  const [theirs] = mailbox.messages.filter((m) => m.key === toStranger.key);
  expect(mine.mail.text).toContain(text);
  expect(mine.raw).not.toContain('sha256:');
  expect(theirs.mail.text).toContain(NOT_SHARED);
  expect(theirs.raw).not.toContain('transport team');
  expect(theirs.raw).not.toContain('sha256:');
});
