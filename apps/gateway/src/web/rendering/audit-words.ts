// An audit event as a person reads it on the audit trail page: what happened, in a sentence,
// and the facts it recorded, with no event type code, rule id or internal id where words
// exist. Texts are shown as the API shows them: sealed (hashed) confidential texts stay sealed.
import type { AuditActor } from '../../../../../libs/domain/src/actor';
import type { EventDataMap, EventType, ParticipantRecord } from '../../../../../libs/domain/src/events';
import { CHANNEL_WORDS, listInWords } from '../../../../../libs/domain/src/plain-english';
import type { FeedbackChannel } from '../../../../../libs/domain/src/vocabulary';
import { ruleWords } from '../../board-report/board-report.words';
import { dateTimeInWords } from './word-filters';
import { CONFIDENTIALITY_WORDS, LEVEL_WORDS, PHASE_WORDS, ROLE_WORDS } from './words';

/** The participants a trail names, by participant id. */
export type Names = Map<string, Pick<ParticipantRecord, 'displayName' | 'role'>>;

export interface EventInWords {
  what: string;
  details: string[];
}

const SEALED = /^sha256:[0-9a-f]{64}$/;

/** A text as recorded, or a plain note that it is kept confidential (MEETING_GROUP). */
const text = (value: string) =>
  SEALED.test(value) ? 'Kept confidential: only the meeting group can read it' : value;

const level = (code: string) => LEVEL_WORDS[code as keyof typeof LEVEL_WORDS]?.toLowerCase() ?? code;
const role = (code: string) => ROLE_WORDS[code] ?? code;
const lower = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function person(names: Names, participantId: string | null): string {
  const p = participantId ? names.get(participantId) : undefined;
  return p ? `${p.displayName} (${lower(role(p.role))})` : 'a participant';
}

function participantLine(p: ParticipantRecord): string {
  return [
    `${p.displayName}: ${lower(role(p.role))}`,
    p.organisation ? `, ${p.organisation}` : '',
    p.professionalRole ? `, ${p.professionalRole}` : '',
    p.conflictOfInterest ? ` (declared interest: ${p.conflictOfInterest})` : '',
  ].join('');
}

const REMINDERS: Record<string, string> = {
  papers: 'the meeting papers',
  feedbackClose: 'closing the feedback',
  acknowledgement: 'acknowledging the feedback',
};

type Describe<T extends EventType> = (data: EventDataMap[T], names: Names) => EventInWords;

const DESCRIBE: { [T in EventType]: Describe<T> } = {
  ProjectStarted: (d) => ({
    what: `The project "${d.title}" was started, proposing ${level(d.proposedLevel)}`,
    details: [
      `Purpose: ${d.purpose}`,
      `Who can read it: ${lower(CONFIDENTIALITY_WORDS[d.confidentiality] ?? d.confidentiality)}`,
      `Expected outcomes: ${listInWords(d.expectedOutcomes)}`,
      ...d.participants.map((p) => `Taking part: ${participantLine(p)}`),
    ],
  }),
  LadderLevelProposed: (d) => ({ what: `The lead proposed ${level(d.level)} instead`, details: [] }),
  LadderLevelCounterProposed: (d) => ({
    what: `The parent carer side proposed ${level(d.level)} instead`,
    details: [],
  }),
  LadderLevelAgreed: (d) => ({
    what: `The level of participation was agreed: ${level(d.level)}`,
    details: d.comment ? [`Comment: ${d.comment}`] : [],
  }),
  LadderLevelChanged: (d) => ({
    what: `The agreed level was changed from ${level(d.from)} to ${level(d.level)}`,
    details: [],
  }),
  ProjectCancelled: (d) => ({
    what: `The project was cancelled while ${PHASE_WORDS[d.phase]?.toLowerCase() ?? 'under way'}`,
    details: [],
  }),
  ParticipantAdded: (d) => ({
    what: `${d.participant.displayName} joined the project`,
    details: [participantLine(d.participant)],
  }),
  ParticipantRemoved: (d, names) => ({
    what: `${person(names, d.participantId)} left the project`,
    details: [],
  }),
  ParticipantLinked: (d, names) => ({
    what: `${person(names, d.participantId)} was linked to their account`,
    details: [],
  }),
  ParticipantRoleChanged: (d, names) => ({
    what: `${names.get(d.participantId)?.displayName ?? 'A participant'} changed role from ${lower(role(d.from))} to ${lower(role(d.role))}`,
    details: [],
  }),
  BriefingRecorded: (d, names) => ({
    what: 'A briefing of parent carer representatives was recorded',
    details: [
      `Briefed so far: ${listInWords(d.briefedParticipantIds.map((id) => person(names, id)))}`,
      `Summary: ${text(d.summary)}`,
      ...(d.unexplainedAbbreviations.length
        ? [`Abbreviations not explained: ${listInWords(d.unexplainedAbbreviations)}`]
        : []),
    ],
  }),
  BriefingCompleted: () => ({ what: 'Briefing was completed: meetings can now be arranged', details: [] }),
  MeetingScheduled: (d) => ({
    what: `The meeting "${d.title}" was booked for ${dateTimeInWords(d.startsAt)}`,
    details: [
      `Length: ${count(d.durationMinutes, 'minute')}`,
      `Where: ${d.location}`,
      ...(d.accessibilityNotes ? [`Access: ${d.accessibilityNotes}`] : []),
      ...(d.papersDueBy ? [`Papers due by ${dateTimeInWords(d.papersDueBy)}`] : []),
    ],
  }),
  PapersDistributed: (d) => ({
    what: 'The agenda and papers were sent out',
    details: d.documents.length ? [`Documents: ${listInWords(d.documents)}`] : [],
  }),
  MeetingRecorded: (d, names) => ({
    what: 'What happened at a meeting was recorded',
    details: meetingRecord(d, names),
  }),
  MeetingCancelled: () => ({ what: 'A meeting was cancelled', details: [] }),
  MeetingRescheduled: (d) => ({
    what: `A meeting was moved from ${dateTimeInWords(d.previousStartsAt)} to ${dateTimeInWords(d.startsAt)}`,
    details: [`Length: ${count(d.durationMinutes, 'minute')}`],
  }),
  PastMeetingRecorded: (d, names) => ({
    what: `The meeting "${d.title}" held on ${dateTimeInWords(d.startsAt)} was recorded afterwards`,
    details: [`Where: ${d.location}`, ...meetingRecord(d, names)],
  }),
  CharterBreachRecorded: (d) => ({
    what: `A charter promise was broken: ${lower(ruleWords(d.rule).asks)}`,
    details: [`What happened: ${d.detail}`],
  }),
  FeedbackOpened: (d) => ({
    what: `Feedback opened, until ${dateTimeInWords(d.closesAt)}`,
    details: [
      `Through ${listInWords(
        d.channels.map((c) => CHANNEL_WORDS[c as FeedbackChannel] ?? c),
        'or',
      )}`,
    ],
  }),
  FeedbackSubmitted: (d, names) => ({
    what: `Feedback was given through ${CHANNEL_WORDS[d.channel] ?? d.channel}`,
    details: [
      `From: ${d.fromParticipantId ? person(names, d.fromParticipantId) : d.viaPublicLink ? 'a member of the public, through the public feedback link' : 'someone who did not give their name'}`,
      `Feedback: ${text(d.body)}`,
    ],
  }),
  FeedbackLinkPublished: (d) => ({
    what: `Feedback was opened to everyone with a public link, answered through ${CHANNEL_WORDS[d.channel] ?? d.channel}`,
    details: [],
  }),
  FeedbackClosed: (d) => ({
    what: `Feedback closed: it must be acknowledged by ${dateTimeInWords(d.dueBy)}`,
    details: [],
  }),
  FeedbackAcknowledged: (d) => ({
    what: `The feedback was acknowledged${d.onTime ? ' on time' : ' late'}`,
    details: [`Message: ${text(d.message)}`],
  }),
  ClosingReportPublished: (d) => ({
    what: `The "You said, we did" report was published: ${level(d.levelAchieved)} achieved (${level(d.levelAgreed)} agreed)`,
    details: [
      ...d.youSaidWeDid.map((y) => `You said: ${text(y.youSaid)} We did: ${text(y.weDid)}`),
      ...(d.barriers ? [`Barriers: ${text(d.barriers)}`] : []),
      ...(d.lessonsLearned ? [`Lessons learned: ${text(d.lessonsLearned)}`] : []),
      ...(d.celebrate ? [`To celebrate: ${text(d.celebrate)}`] : []),
    ],
  }),
  ReminderDue: (d) => ({
    what: `A reminder was due about ${REMINDERS[d.reminder] ?? 'a step'}, which was not done yet`,
    details: [`Due ${dateTimeInWords(d.dueAt)}`],
  }),
  MessageSent: (d) => ({ what: `A message was sent by ${lower(channel(d.channel))}`, details: [] }),
  MessageNotDelivered: (d) => ({
    what: `A message could not be delivered by ${lower(channel(d.channel))}`,
    details: [],
  }),
};

function channel(code: string): string {
  return code === 'EMAIL' ? 'email' : code === 'SMS' ? 'text message' : 'message';
}

function meetingRecord(d: EventDataMap['MeetingRecorded'], names: Names): string[] {
  const present = d.attendance.filter((a) => a.present).map((a) => person(names, a.participantId));
  const absent = d.attendance.filter((a) => !a.present).map((a) => person(names, a.participantId));
  return [
    `Minutes: ${text(d.minutes)}`,
    ...d.decisions.map((x) => `Decision: ${text(x)}`),
    ...d.actions.map((x) => `Action: ${text(x)}`),
    ...(present.length ? [`Present: ${listInWords(present)}`] : []),
    ...(absent.length ? [`Absent: ${listInWords(absent)}`] : []),
  ];
}

export function eventInWords(type: string, data: unknown, names: Names): EventInWords {
  const describe = DESCRIBE[type as EventType] as Describe<EventType> | undefined;
  return describe
    ? describe(data as EventDataMap[EventType], names)
    : { what: 'A step was recorded', details: [] };
}

/** Who took a step, in words: the person and their roles, or the service itself. */
export function actorInWords(actor: AuditActor): string {
  if (actor.id === 'system') return 'The service, automatically';
  const roles = actor.roles.filter((r) => ROLE_WORDS[r]).map((r) => lower(ROLE_WORDS[r]));
  return roles.length ? `${actor.displayName} (${listInWords(roles)})` : actor.displayName;
}
