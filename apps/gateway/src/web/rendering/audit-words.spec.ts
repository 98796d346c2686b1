// The audit trail page's words: every step in a sentence without codes, sealed texts kept
// sealed, and who took it in words.
import type { EventDataMap } from '../../../../../libs/domain/src/events';
import { actorInWords, eventInWords, type Names } from './audit-words';

const names: Names = new Map([['p1', { displayName: 'Pat Parent', role: 'PARENT_REP' }]]);
const SEALED = `sha256:${'a'.repeat(64)}`;
const at = '2027-03-04T10:00:00.000Z';

const SAMPLES: { [T in keyof EventDataMap]: EventDataMap[T] } = {
  ProjectStarted: {
    charterId: 'worcestershire',
    title: 'Short breaks',
    purpose: 'Review',
    confidentiality: 'PARTNERS',
    expectedOutcomes: ['A new offer'],
    proposedLevel: 'CO_PRODUCTION',
    participants: [
      {
        id: 'p1',
        personId: null,
        displayName: 'Pat Parent',
        role: 'PARENT_REP',
        organisation: null,
        professionalRole: null,
        conflictOfInterest: null,
      },
    ],
  },
  LadderLevelProposed: { level: 'PARTNERSHIP' },
  LadderLevelCounterProposed: { level: 'CO_PRODUCTION' },
  LadderLevelAgreed: { level: 'CO_PRODUCTION', comment: null, side: 'PARENT_CARERS' },
  LadderLevelChanged: { from: 'CO_PRODUCTION', level: 'CONSULTATION' },
  ProjectCancelled: { phase: 'MEETINGS' },
  ParticipantAdded: {
    participant: {
      id: 'p2',
      personId: null,
      displayName: 'Kim Contact',
      role: 'KEY_CONTACT',
      organisation: 'Council',
      professionalRole: null,
      conflictOfInterest: null,
    },
  },
  ParticipantRemoved: { participantId: 'p1', role: 'PARENT_REP' },
  ParticipantLinked: { participantId: 'p1', personId: 'pat' },
  ParticipantRoleChanged: { participantId: 'p1', from: 'PARENT_REP', role: 'YOUNG_PERSON' },
  BriefingRecorded: {
    briefedParticipantIds: ['p1'],
    summary: 'We explained it.',
    unexplainedAbbreviations: [],
  },
  BriefingCompleted: {},
  MeetingScheduled: {
    meetingId: 'm1',
    title: 'Workshop',
    startsAt: at,
    durationMinutes: 60,
    location: 'Civic Centre',
    accessibilityNotes: null,
    papersDueBy: at,
  },
  PapersDistributed: { meetingId: 'm1', documents: ['Agenda'] },
  MeetingRecorded: {
    meetingId: 'm1',
    minutes: SEALED,
    decisions: [SEALED],
    actions: [],
    attendance: [{ participantId: 'p1', present: true, substituteName: null, leftEarly: false }],
  },
  MeetingCancelled: { meetingId: 'm1' },
  MeetingRescheduled: {
    meetingId: 'm1',
    previousStartsAt: at,
    startsAt: at,
    durationMinutes: 90,
    papersDueBy: null,
  },
  PastMeetingRecorded: {
    meetingId: 'm2',
    title: 'Drop-in',
    startsAt: at,
    durationMinutes: 60,
    location: 'Library',
    papersDueBy: null,
    minutes: 'We met.',
    decisions: [],
    actions: [],
    attendance: [],
  },
  CharterBreachRecorded: {
    breachId: 'b1',
    rule: 'meeting.avoidSchoolHolidays',
    detail: 'In August',
    meetingId: 'm1',
  },
  FeedbackOpened: { closesAt: at, channels: ['SURVEY', 'FORUM'] },
  FeedbackSubmitted: { feedbackId: 'f1', channel: 'SURVEY', body: 'More clubs', fromParticipantId: null },
  FeedbackLinkPublished: { linkId: 'L'.repeat(43), channel: 'SURVEY' },
  FeedbackClosed: { dueBy: at },
  FeedbackAcknowledged: { message: 'Thank you', onTime: true },
  ClosingReportPublished: {
    youSaidWeDid: [{ youSaid: 'More clubs', weDid: 'Two more', feedbackIds: ['f1'] }],
    levelAgreed: 'CO_PRODUCTION',
    levelAchieved: 'PARTNERSHIP',
    barriers: 'Costs',
    lessonsLearned: null,
    celebrate: null,
  },
  ReminderDue: { reminder: 'papers', meetingId: 'm1', dueAt: at },
  MessageSent: { messageKey: 'k', messageType: 'INVITATION', recipientId: 'p1', channel: 'EMAIL' },
  MessageNotDelivered: { messageKey: 'k', messageType: 'INVITATION', recipientId: 'p1', channel: 'EMAIL' },
};

/** A code or id a person should not read. */
const CODE = /\b[A-Z]+_[A-Z_]+\b|\b[a-z]+\.[a-z]+[A-Z]\w*|sha256:|\bp1\b|\bm1\b|[A-Z][a-z]+[A-Z][a-z]+[A-Z]?/;

describe('eventInWords', () => {
  it.each(Object.entries(SAMPLES))('%s reads as a sentence without codes', (type, data) => {
    const words = eventInWords(type, data, names);
    expect(words.what).toMatch(/^[A-Z"]/);
    for (const line of [words.what, ...words.details]) expect(line).not.toMatch(CODE);
  });

  it('keeps sealed texts sealed and names people by their role in words', () => {
    const recorded = eventInWords('MeetingRecorded', SAMPLES.MeetingRecorded, names);
    expect(recorded.details).toContain('Minutes: Kept confidential: only the meeting group can read it');
    expect(recorded.details).toContain('Present: Pat Parent (parent carer representative)');
    expect(eventInWords('CharterBreachRecorded', SAMPLES.CharterBreachRecorded, names).what).toBe(
      'A charter promise was broken: meetings avoid school holidays',
    );
    expect(eventInWords('SomethingNew', {}, names).what).toBe('A step was recorded');
  });

  it('says an item came through the public link, and who answers it', () => {
    const data = { ...SAMPLES.FeedbackSubmitted, viaPublicLink: true as const };
    expect(eventInWords('FeedbackSubmitted', data, names).details).toContain(
      'From: a member of the public, through the public feedback link',
    );
    expect(
      actorInWords({ id: 'public', displayName: 'A member of the public', roles: ['PUBLIC_RESPONDENT'] }),
    ).toMatch(/^A member of the public/);
  });

  it('says who took a step in words', () => {
    expect(actorInWords({ id: 'system', displayName: 'System (deadline timer)', roles: [] })).toBe(
      'The service, automatically',
    );
    expect(actorInWords({ id: 'lee', displayName: 'Lee Lead', roles: ['LEAD', 'BOARD'] })).toBe(
      'Lee Lead (project lead and board member)',
    );
  });
});
