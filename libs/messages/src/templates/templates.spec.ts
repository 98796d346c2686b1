// Every template, filled in with an example, reads as plain English: no unexplained
// abbreviation, no empty placeholder, a text part and an HTML part.
import ICAL from 'ical.js';
import { unexplainedAbbreviations } from '../../../domain/src/plain-english';
import { MESSAGE_TYPES, type MessageParams, type MessageType, type OutgoingMessage } from '../message';
import { messageWords, renderMessage } from '../render';

const url = 'http://localhost:3000/projects/7d0f0c8e';
const meeting = {
  projectTitle: 'Short breaks review',
  meetingId: 'p1.m1',
  meetingTitle: 'First workshop',
  startsAt: '2027-03-02T10:00:00.000Z',
  durationMinutes: 90,
  location: 'Library meeting room, ground floor',
  accessibilityNotes: 'Step-free access from the car park',
  projectUrl: url,
  previousStartsAt: '2027-02-23T10:00:00.000Z',
  reason: 'The room was double-booked',
  icsSequence: 4,
};
const window = {
  projectTitle: 'Short breaks review',
  closesAt: '2027-04-30T16:00:00.000Z',
  channels: ['SURVEY', 'FORUM'],
  respondUrl: url,
};
const charter = {
  charterName: 'Wokingham co-production charter',
  dueOn: '2027-06-30',
  everyMonths: 6,
  rule: 'report to the special educational needs and disabilities (SEND) Improvement Board at least every 6 months',
  url: 'http://localhost:3000/boards/wokingham/report',
};

export const EXAMPLES: Record<MessageType, MessageParams> = {
  invitation: {
    projectTitle: 'Short breaks review',
    role: 'a parent carer representative',
    invitedBy: 'Lee Lead',
    signInUrl: url,
  },
  signInLink: { signInUrl: 'http://localhost:3000/sign-in/abc', validForMinutes: 15 },
  ladderProposed: {
    projectTitle: 'Short breaks review',
    what: 'proposed',
    level: 'CO_PRODUCTION',
    reason: 'Families rely on short breaks',
    byName: 'Lee Lead',
    projectUrl: url,
  },
  meetingBooked: meeting,
  meetingMoved: meeting,
  meetingCancelled: meeting,
  papersDistributed: { ...meeting, documents: ['Agenda', 'Survey results'] },
  papersReminder: {
    ...meeting,
    papersDueBy: '2027-02-23T10:00:00.000Z',
    charterName: 'Worcestershire charter',
    rule: 'Papers will be distributed at least 7 days before a meeting',
  },
  feedbackOpened: window,
  feedbackClosingSoon: window,
  acknowledgementReminder: {
    projectTitle: 'Short breaks review',
    dueBy: '2027-05-14',
    charterName: 'Worcestershire charter',
    rule: 'Feedback will be acknowledged within 10 working days',
    projectUrl: url,
  },
  feedbackAcknowledged: {
    projectTitle: 'Short breaks review',
    message: 'Thank you: we read every response.',
    projectUrl: url,
  },
  closingReport: {
    projectTitle: 'Short breaks review',
    youSaidWeDid: ['You said: more evening sessions. We did: added two.'],
    confidential: false,
    levelAgreed: 'CO_PRODUCTION',
    levelAchieved: 'PARTNERSHIP',
    projectUrl: url,
  },
  boardReportReminder: charter,
  charterReviewReminder: charter,
};

const config = {
  serviceName: 'Co-production service',
  publicBaseUrl: 'http://localhost:3000',
  from: 'Co-production service <no-reply@coproduction.test>',
  domain: 'coproduction.test',
  linkSecret: 'secret',
};
const contact = { email: 'pat@example.org', name: 'Pat Parent', preferenceRef: 'person:pat' };
const messageOf = (type: MessageType): OutgoingMessage => ({
  key: `p1.e1.${type}.p2`,
  type,
  projectId: 'p1',
  recipient: { kind: 'participant', projectId: 'p1', participantId: 'p2' },
  params: EXAMPLES[type],
});

describe.each(MESSAGE_TYPES)('the %s message', (type) => {
  const envelope = renderMessage(messageOf(type), contact, config);

  test('explains every abbreviation it uses', () => {
    expect(unexplainedAbbreviations(messageWords(messageOf(type)))).toEqual([]);
    expect(unexplainedAbbreviations(envelope.rendered.text)).toEqual([]);
  });

  test('has a subject, a text part and an HTML part, with nothing left unfilled', () => {
    expect(envelope.rendered.subject.length).toBeGreaterThan(10);
    expect(envelope.rendered.html).toContain('<html lang="en-GB">');
    for (const part of [envelope.rendered.subject, envelope.rendered.text, envelope.rendered.html])
      expect(part).not.toMatch(/undefined|null|\[object Object\]|NaN/);
  });
});

test('reminders carry a one-click link to stop them; other messages do not', () => {
  expect(renderMessage(messageOf('papersReminder'), contact, config).unsubscribeUrl).toMatch(
    /^http:\/\/localhost:3000\/messages\/unsubscribe\/[\w-]+\.[\w-]+$/,
  );
  expect(renderMessage(messageOf('meetingBooked'), contact, config).unsubscribeUrl).toBeNull();
});

test('meeting messages carry a calendar file: REQUEST to book or move, CANCEL to cancel, one UID', () => {
  const parsed = (['meetingBooked', 'meetingMoved', 'meetingCancelled'] as const).map((type) => {
    const [file] = renderMessage(messageOf(type), contact, config).attachments;
    const calendar = new ICAL.Component(ICAL.parse(file.content));
    const event = calendar.getFirstSubcomponent('vevent')!;
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: String(event.getFirstPropertyValue('uid')),
      start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      status: event.getFirstPropertyValue('status'),
    };
  });
  expect(parsed.map((p) => p.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
  expect(new Set(parsed.map((p) => p.uid))).toEqual(new Set(['p1.m1@coproduction.test']));
  expect(parsed[0].start).toBe('2027-03-02T10:00:00.000Z');
  expect(parsed[2].status).toBe('CANCELLED');
});
