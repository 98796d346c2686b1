// A whole project through GraphQL sends the messages the charters promise, each to one
// recipient, read back from a real SMTP server on loopback. The server refuses every
// message twice before taking it: each still arrives exactly once.
import ICAL from 'ical.js';
import { briefedProject, ok } from './support/answers';
import * as Q from './support/documents';
import type { ReceivedMessage } from './support/mailbox';
import { cast, startInput } from './support/people';
import { mailedStackForFile } from './support/suite';

const { stack, mailbox, db: dataSource } = mailedStackForFile();
const people = cast();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RESCHEDULE = `mutation ($projectId: ID!, $meetingId: ID!, $startsAt: DateTime!, $overrideReason: String) {
  rescheduleMeeting(projectId: $projectId, meetingId: $meetingId, startsAt: $startsAt, durationMinutes: 90,
    overrideReason: $overrideReason) { id startsAt } }`;
const ADD_PARTICIPANT = `mutation ($projectId: ID!, $input: ParticipantInput!) {
  addParticipant(projectId: $projectId, input: $input) { id } }`;

function calendarOf(m: ReceivedMessage) {
  const file = m.mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!file) throw new Error(`No calendar file in ${m.type}`);
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    sequence: Number(event.getFirstPropertyValue('sequence')),
  };
}

it('sends exactly the messages of a project, one recipient each, once each, with calendar files', async () => {
  const run = Date.now().toString(36);
  const pat = `pat-${run}@example.org`;
  const kim = `kim-${run}@example.org`;
  const sam = `sam-${run}@example.org`;
  const reply = `reply-${run}@example.org`;
  const input = startInput(people);
  input.participants[0].email = pat;
  input.participants[1].email = kim;
  const lead = people.lead.token;
  const project = await briefedProject(stack, people, input);
  const projectId = project.id as string;

  const meetingInput = (title: string, inMs: number) => ({
    title,
    startsAt: new Date(Date.now() + inMs).toISOString(),
    durationMinutes: 60,
    location: 'Civic Centre',
    overrideReason: 'Urgent review agreed with the forum',
  });
  const first = ok(
    await stack.gql(Q.SCHEDULE_MEETING, { projectId, input: meetingInput('First workshop', 4000) }, lead),
    'scheduleMeeting',
  );
  const second = ok(
    await stack.gql(
      Q.SCHEDULE_MEETING,
      { projectId, input: meetingInput('Second workshop', 30 * 86_400_000) },
      lead,
    ),
    'scheduleMeeting',
  );
  const moved = ok(
    await stack.gql(
      RESCHEDULE,
      {
        projectId,
        meetingId: second.id,
        startsAt: new Date(new Date(second.startsAt).getTime() + 86_400_000).toISOString(),
        overrideReason: 'The room was double-booked',
      },
      lead,
    ),
    'rescheduleMeeting',
  );
  ok(
    await stack.gql(Q.CANCEL_MEETING, { projectId, meetingId: second.id, reason: 'Room closed' }, lead),
    'cancelMeeting',
  );
  ok(
    await stack.gql(
      Q.DISTRIBUTE_PAPERS,
      { projectId, meetingId: first.id, documents: ['Agenda', 'Options paper'] },
      lead,
    ),
    'distributePapers',
  );
  await sleep(Math.max(0, new Date(first.startsAt).getTime() - Date.now() + 100));
  ok(
    await stack.gql(
      Q.RECORD_MEETING,
      {
        projectId,
        meetingId: first.id,
        input: { minutes: 'Parents described the gaps.', decisions: [], actions: [], attendance: [] },
      },
      lead,
    ),
    'recordMeeting',
  );
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  ok(await stack.gql(Q.OPEN_FEEDBACK, { projectId, closesAt, channels: ['SURVEY'] }, lead), 'openFeedback');
  const named = ok(
    await stack.gql(
      Q.SUBMIT_FEEDBACK,
      { projectId, input: { channel: 'SURVEY', body: 'More holiday clubs' } },
      people.rep.token,
    ),
    'submitFeedback',
  );
  const anonymous = ok(
    await stack.gql(
      Q.SUBMIT_FEEDBACK,
      {
        projectId,
        input: { channel: 'SURVEY', body: 'Transport is unreliable', anonymous: true, replyTo: reply },
      },
      people.keyContact.token,
    ),
    'submitFeedback',
  );
  ok(await stack.gql(Q.CLOSE_FEEDBACK, { projectId }, lead), 'closeFeedback');
  ok(
    await stack.gql(Q.ACKNOWLEDGE, { projectId, message: 'Thank you: we read every reply.' }, lead),
    'acknowledgeFeedback',
  );
  // Added late: invited, then told of the report like everyone else.
  ok(
    await stack.gql(
      ADD_PARTICIPANT,
      { projectId, input: { displayName: 'Sam Carer', role: 'PARENT_REP', email: sam } },
      lead,
    ),
    'addParticipant',
  );
  const report = {
    youSaidWeDid: [
      { youSaid: 'More holiday clubs', weDid: 'Two new clubs from Easter', feedbackIds: [named.id] },
      { youSaid: 'Transport', weDid: 'Set pick-up times', feedbackIds: [anonymous.id] },
    ],
    levelAchieved: 'CO_PRODUCTION',
  };
  ok(await stack.gql(Q.PUBLISH_REPORT, { projectId, input: report }, lead), 'publishClosingReport');

  // The lead gave no address, so only Pat, Kim and Sam get messages. Pat and Kim were told of
  // both meetings booked, the first moved, the second cancelled, the papers and the survey.
  const MEETINGS_AND_FEEDBACK = [
    'meetingBooked',
    'meetingBooked',
    'meetingMoved',
    'meetingCancelled',
    'papersDistributed',
    'feedbackOpened',
  ];
  const expected: Record<string, string[]> = {
    [pat]: [
      'invitation',
      'ladderProposed',
      ...MEETINGS_AND_FEEDBACK,
      'feedbackAcknowledged',
      'closingReport',
    ],
    // Kim's feedback was anonymous: the acknowledgement is not sent to her as its author.
    [kim]: ['invitation', ...MEETINGS_AND_FEEDBACK, 'closingReport'],
    [sam]: ['invitation', 'closingReport'],
    // The address Kim gave with her anonymous item: answered there, never linked to her.
    [reply]: ['feedbackAcknowledged', 'closingReport'],
  };
  const ofProject = (m: ReceivedMessage) => m.key.startsWith(projectId);
  const total = Object.values(expected).reduce((n, types) => n + types.length, 0);
  const received = await mailbox.waitFor(total, ofProject, 120_000);
  await sleep(2000); // a second copy would arrive by now
  const all = mailbox.messages.filter(ofProject);
  expect(all).toHaveLength(total);
  expect(new Set(all.map((m) => m.key)).size).toBe(total);
  for (const [address, types] of Object.entries(expected)) {
    const mine = received.filter((m) => m.envelopeTo.includes(address));
    expect(mine.map((m) => m.type).sort()).toEqual([...types].sort());
    for (const m of mine) {
      expect(m.envelopeTo).toEqual([address]);
      expect(m.mail.cc).toBeUndefined();
      for (const other of Object.keys(expected).filter((a) => a !== address))
        expect(m.raw).not.toContain(other);
      expect(m.messageId).toBe(`<${m.key}@coproduction.localhost>`);
      expect(m.mail.text).toBeTruthy();
      expect(m.mail.html).toContain('lang="en-GB"');
    }
  }

  // Calendar files: REQUEST when booked, CANCEL with the same UID and a higher SEQUENCE.
  const patMeetings = mailbox.to(pat).filter((m) => m.type.startsWith('meeting'));
  const calendars = patMeetings.map(calendarOf);
  // (Messages arrive in any order: each is told apart by its start time.)
  const wholeSeconds = (iso: string) =>
    new Date(Math.floor(new Date(iso).getTime() / 1000) * 1000).toISOString();
  const secondBooked = calendars.find(
    (c) => c.uid.startsWith(second.id) && c.start === wholeSeconds(second.startsAt),
  )!;
  expect(secondBooked.method).toBe('REQUEST');
  const secondMoved = calendars.find(
    (c) => c.uid === secondBooked.uid && c.start === wholeSeconds(moved.startsAt) && c.method === 'REQUEST',
  )!;
  const secondCancelled = calendars.find((c) => c.method === 'CANCEL')!;
  // Moved: a REQUEST with the same UID, the new time and a higher SEQUENCE.
  expect(secondMoved).toBeDefined();
  expect(secondMoved.sequence).toBeGreaterThan(secondBooked.sequence);
  expect(secondCancelled.uid).toBe(secondBooked.uid);
  expect(secondCancelled.sequence).toBeGreaterThan(secondMoved.sequence);
  // Calendar times are whole seconds.
  const firstStart = Math.floor(new Date(first.startsAt).getTime() / 1000) * 1000;
  expect(calendars.find((c) => c.uid.startsWith(`${first.id}@`))!.start).toBe(
    new Date(firstStart).toISOString(),
  );

  // Each message sent is one MessageSent event, with no address in it.
  const events = await dataSource.query(
    `SELECT type, data FROM events WHERE project_id = $1 AND type = 'MessageSent'`,
    [projectId],
  );
  expect(events).toHaveLength(total);
  expect(JSON.stringify(events)).not.toMatch(/@example\.org/);
  const trail = await dataSource.query(`SELECT data FROM events WHERE project_id = $1`, [projectId]);
  expect(JSON.stringify(trail)).not.toContain(reply);
  expect(new Set(events.map((e: any) => e.data.messageKey))).toEqual(new Set(all.map((m) => m.key)));
}, 240_000);

it('takes a reply address only with anonymous feedback, and only a real one', async () => {
  const input = startInput(people);
  const lead = people.lead.token;
  const project = await briefedProject(stack, people, input);
  const projectId = project.id as string;
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  ok(await stack.gql(Q.OPEN_FEEDBACK, { projectId, closesAt, channels: ['SURVEY'] }, lead), 'openFeedback');
  const send = (extra: Record<string, unknown>) =>
    stack.gql(
      Q.SUBMIT_FEEDBACK,
      { projectId, input: { channel: 'SURVEY', body: 'More clubs', ...extra } },
      people.rep.token,
    );
  const named = await send({ replyTo: 'pat@example.org' });
  expect(named.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replyTo' });
  expect(named.errors?.[0].message).toMatch(/only for anonymous feedback/);
  const bad = await send({ anonymous: true, replyTo: 'not an address' });
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.replyTo' });
  ok(await send({ anonymous: true }), 'submitFeedback');
}, 240_000);
