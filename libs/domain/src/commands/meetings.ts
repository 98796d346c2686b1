// Meetings: booked against the charter's meeting rules (Europe/London wall-clock time),
// papers out by the notice the charter asks, recorded once held, or cancelled.
import type { Actor } from '../actor';
import { SYSTEM_ACTOR } from '../actor';
import {
  checkHeldMeetingRules,
  checkMeetingRules,
  papersDueBy,
  ruleOf,
  type RuleViolation,
} from '../charters';
import { formatLongDate, londonDateOf } from '../calendar';
import { Sealer } from '../confidential';
import { badInput, charterRule, conflict, invalidPhase } from '../errors';
import type { AttendanceRecord, NewEvent } from '../events';
import { checkList, checkOptionalText, checkText, LIMITS } from '../input-checks';
import type { MeetingState, ProjectState } from '../project-state';
import {
  requiredReason,
  optionalReason,
  charterOf,
  eventOf,
  meetingOf,
  nextId,
  only,
  requireLeadOrKeyContact,
  requirePhase,
  type Decision,
} from './common';

export interface ScheduleMeetingInput {
  title: string;
  /** An ISO 8601 instant: commands travel as JSON through Temporal. */
  startsAt: string;
  durationMinutes: number;
  location: string;
  accessibilityNotes?: string | null;
  overrideReason?: string | null;
}

export interface RecordMeetingInput {
  minutes: string;
  decisions: string[];
  actions: string[];
  attendance: {
    participantId: string;
    present: boolean;
    substituteName?: string | null;
    leftEarly?: boolean | null;
  }[];
}

export type MeetingCommand =
  | { type: 'scheduleMeeting'; input: ScheduleMeetingInput }
  | { type: 'distributePapers'; meetingId: string; documents: string[] }
  | { type: 'recordMeeting'; meetingId: string; input: RecordMeetingInput }
  | { type: 'cancelMeeting'; meetingId: string; reason: string }
  | {
      type: 'rescheduleMeeting';
      meetingId: string;
      /** ISO 8601 instant */
      startsAt: string;
      durationMinutes: number;
      overrideReason?: string | null;
    }
  | { type: 'recordPastMeeting'; input: PastMeetingInput };

export interface PastMeetingInput {
  title: string;
  /** ISO 8601 instant, in the past */
  startsAt: string;
  durationMinutes: number;
  location: string;
  reason: string;
  record: RecordMeetingInput;
}

/** Meetings are booked (or recorded afterwards) while meetings are held or feedback gathered. */
const BOOKING_PHASES = ['MEETINGS', 'FEEDBACK'] as const;
/** A meeting already booked can be moved, get its papers, be held or cancelled until the project ends. */
const MEETING_PHASES = ['MEETINGS', 'FEEDBACK', 'ACKNOWLEDGEMENT', 'CLOSING_REPORT'] as const;

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

const MAX_MEETING_MINUTES = 24 * 60;

/** The breach recorded (by the system) when a meeting's papers were not out in time. */
export function papersBreach(
  state: ProjectState,
  meeting: MeetingState,
  now: Date,
  breachCount = 0,
): NewEvent {
  const days = ruleOf(charterOf(state.charterId), 'papers.minNoticeDays').value as number;
  return eventOf(
    'CharterBreachRecorded',
    {
      breachId: nextId(state, 'b', state.breaches.length + breachCount),
      rule: 'papers.minNoticeDays',
      detail: `The papers for "${meeting.title}" on ${formatLongDate(londonDateOf(new Date(meeting.startsAt)))} were not distributed ${days} days before the meeting.`,
      meetingId: meeting.id,
    },
    SYSTEM_ACTOR,
    now,
  );
}

/**
 * True when a meeting's papers are overdue at `now`. One boundary for every path (the timer,
 * distributing, recording, cancelling, booking), as for every deadline here: the instant
 * `papersDueBy` itself is already late, because the timer that records the breach fires then.
 */
export function papersOverdue(papersDueBy: string | Date | null, now: Date): boolean {
  return papersDueBy !== null && now.getTime() >= new Date(papersDueBy).getTime();
}

export const hasPapersBreach = (state: ProjectState, meetingId: string) =>
  state.breaches.some((b) => b.rule === 'papers.minNoticeDays' && b.meetingId === meetingId);

/**
 * The papers breach the system would have recorded at `papersDueBy`, when a step on the
 * meeting comes first (the meeting is held or cancelled with its papers never sent): the
 * breach is recorded with that step, so there is still exactly one per meeting.
 */
function overduePapersBreach(state: ProjectState, meeting: MeetingState, now: Date): NewEvent[] {
  const due =
    !meeting.papersDistributedAt &&
    papersOverdue(meeting.papersDueBy, now) &&
    !hasPapersBreach(state, meeting.id) &&
    ruleOf(charterOf(state.charterId), 'papers.minNoticeDays').mode === 'MONITORED';
  return due ? [papersBreach(state, meeting, now)] : [];
}

function scheduledMeeting(state: ProjectState, meetingId: string, what: string): MeetingState {
  const meeting = meetingOf(state, meetingId);
  if (meeting.status !== 'SCHEDULED')
    throw invalidPhase(
      `This meeting is ${meeting.status === 'HELD' ? 'already held' : 'cancelled'}, so you cannot ${what}.`,
    );
  return meeting;
}

function checkAttendance(
  state: ProjectState,
  input: RecordMeetingInput['attendance'],
  prefix: string,
): AttendanceRecord[] {
  if (!Array.isArray(input) || input.length > LIMITS.participants)
    throw badInput(`${prefix}attendance`, 'Attendance must be a list of participants.');
  return input.map((a, i) => {
    if (!state.participants.some((p) => p.id === a.participantId))
      throw badInput(
        `${prefix}attendance[${i}].participantId`,
        `"${a.participantId}" is not a participant of this project.`,
      );
    return {
      participantId: a.participantId,
      present: a.present === true,
      substituteName: checkOptionalText(`${prefix}attendance[${i}].substituteName`, a.substituteName, {
        max: LIMITS.shortText,
        label: 'A substitute name',
      }),
      leftEarly: a.leftEarly === true,
    };
  });
}

/** A meeting's record (minutes, decisions, actions, attendance), checked; `prefix` names the input. */
function checkRecord(state: ProjectState, input: RecordMeetingInput, prefix = '') {
  if (typeof input !== 'object' || input === null)
    throw badInput(prefix ? prefix.slice(0, -1) : 'input', 'Give the record of the meeting.');
  const minutes = checkText(`${prefix}minutes`, input.minutes, {
    max: LIMITS.longText,
    required: true,
    label: 'The minutes',
  });
  const decisions = checkList(
    `${prefix}decisions`,
    input.decisions,
    LIMITS.listItems,
    'A decision',
    LIMITS.reason,
  );
  const actions = checkList(`${prefix}actions`, input.actions, LIMITS.listItems, 'An action', LIMITS.reason);
  const attendance = checkAttendance(state, input.attendance, prefix);
  return { minutes, decisions, actions, attendance };
}

/** The record as an event holds it: minutes, decisions and actions sealed for MEETING_GROUP projects. */
function sealRecord(sealer: Sealer, record: ReturnType<typeof checkRecord>) {
  return {
    minutes: sealer.seal(record.minutes),
    decisions: record.decisions.map((d) => sealer.seal(d)),
    // Actions name who does what about confidential feedback: sealed like the minutes.
    actions: record.actions.map((a) => sealer.seal(a)),
    attendance: record.attendance,
  };
}

/** A start time and duration, checked; `future` says which side of now the meeting must be. */
function checkTime(startsAtText: string, durationMinutes: number, now: Date, future: boolean): Date {
  const startsAt = new Date(startsAtText);
  if (typeof startsAtText !== 'string' || Number.isNaN(startsAt.getTime()))
    throw badInput('startsAt', 'The start time is not a date and time.');
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > MAX_MEETING_MINUTES)
    throw badInput(
      'durationMinutes',
      `The duration must be a whole number of minutes from 1 to ${MAX_MEETING_MINUTES}.`,
    );
  if (future && startsAt.getTime() <= now.getTime())
    throw badInput('startsAt', 'The meeting must start in the future.');
  if (!future && startsAt.getTime() > now.getTime())
    throw badInput(
      'startsAt',
      'This meeting has not started yet: schedule it instead, and record it once it has taken place.',
    );
  return startsAt;
}

/** The breaches of booking rules a step goes ahead with, each carrying the reason given. */
function bookingBreaches(
  state: ProjectState,
  violations: RuleViolation[],
  meetingId: string,
  actor: Actor,
  now: Date,
  reason: string | null,
): NewEvent[] {
  return violations.map((v, i) =>
    eventOf(
      'CharterBreachRecorded',
      {
        breachId: nextId(state, 'b', state.breaches.length + i),
        rule: v.rule,
        detail: v.happened,
        meetingId,
      },
      actor,
      now,
      reason,
    ),
  );
}

/** Papers already late when a meeting is booked or moved: the breach is recorded at once. */
function papersLateAtBooking(
  state: ProjectState,
  meeting: Pick<MeetingState, 'id' | 'title' | 'startsAt' | 'papersDistributedAt'>,
  dueBy: Date | null,
  now: Date,
  breachCount: number,
): NewEvent[] {
  if (!dueBy || hasPapersBreach(state, meeting.id)) return [];
  if (ruleOf(charterOf(state.charterId), 'papers.minNoticeDays').mode !== 'MONITORED') return [];
  const settledAt = meeting.papersDistributedAt ? new Date(meeting.papersDistributedAt) : now;
  // The instant papersDueBy is already late, on every path (papersOverdue).
  const late = papersOverdue(dueBy, settledAt);
  return late ? [papersBreach(state, meeting as MeetingState, now, breachCount)] : [];
}

function refuseOrRecord(violations: RuleViolation[], overrideReason: string | null): RuleViolation[] {
  const enforced = violations.find((v) => v.mode === 'ENFORCED');
  if (enforced) throw charterRule(enforced.rule, enforced.detail);
  if (violations.length && !overrideReason)
    throw charterRule(
      violations[0].rule,
      `${violations[0].detail} To go ahead anyway, give an override reason; it is recorded for the board.`,
    );
  return violations;
}

/** A meeting's title and place, as booked or as held: both required, both short. */
function checkTitleAndLocation(input: { title: string; location: string }) {
  return {
    title: checkText('title', input.title, { max: LIMITS.shortText, required: true, label: 'The title' }),
    location: checkText('location', input.location, {
      max: LIMITS.shortText,
      required: true,
      label: 'The location',
    }),
  };
}

export const meetingDeciders: {
  [K in MeetingCommand['type']]: Decider<Extract<MeetingCommand, { type: K }>>;
} = {
  scheduleMeeting(state, { input }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'schedule a meeting');
    const { title, location } = checkTitleAndLocation(input);
    const accessibilityNotes = optionalReason(
      'accessibilityNotes',
      input.accessibilityNotes,
      'The accessibility notes',
    );
    const overrideReason = optionalReason('overrideReason', input.overrideReason, 'The override reason');
    const { durationMinutes } = input;
    const startsAt = checkTime(input.startsAt, durationMinutes, now, true);
    requirePhase(state, BOOKING_PHASES, 'schedule a meeting');
    const charter = charterOf(state.charterId);
    const violations = refuseOrRecord(
      checkMeetingRules(charter, { startsAt, durationMinutes }, now),
      overrideReason,
    );

    const meetingId = nextId(state, 'm', state.meetings.length);
    const dueBy = papersDueBy(charter, startsAt);
    const scheduled = eventOf(
      'MeetingScheduled',
      {
        meetingId,
        title,
        startsAt: startsAt.toISOString(),
        durationMinutes,
        location,
        accessibilityNotes,
        papersDueBy: dueBy?.toISOString() ?? null,
      },
      actor,
      now,
    );
    const breaches = bookingBreaches(state, violations, meetingId, actor, now, overrideReason);
    const meeting = { id: meetingId, title, startsAt: startsAt.toISOString(), papersDistributedAt: null };
    breaches.push(...papersLateAtBooking(state, meeting, dueBy, now, breaches.length));
    return { ...only(scheduled, ...breaches), created: { meetingId } };
  },

  rescheduleMeeting(state, command, actor, now) {
    requireLeadOrKeyContact(state, actor, 'reschedule a meeting');
    const overrideReason = optionalReason('overrideReason', command.overrideReason, 'The override reason');
    const { durationMinutes } = command;
    const startsAt = checkTime(command.startsAt, durationMinutes, now, true);
    requirePhase(state, MEETING_PHASES, 'reschedule a meeting');
    const meeting = scheduledMeeting(state, command.meetingId, 'reschedule it');
    if (meeting.startsAt === startsAt.toISOString() && meeting.durationMinutes === durationMinutes)
      throw badInput('startsAt', 'The meeting is already at that time: give the new start time.');
    const charter = charterOf(state.charterId);
    const violations = refuseOrRecord(
      checkMeetingRules(charter, { startsAt, durationMinutes }, now),
      overrideReason,
    );
    const dueBy = papersDueBy(charter, startsAt);
    const rescheduled = eventOf(
      'MeetingRescheduled',
      {
        meetingId: meeting.id,
        previousStartsAt: meeting.startsAt,
        startsAt: startsAt.toISOString(),
        durationMinutes,
        papersDueBy: dueBy?.toISOString() ?? null,
      },
      actor,
      now,
    );
    const breaches = bookingBreaches(state, violations, meeting.id, actor, now, overrideReason);
    const moved = { ...meeting, startsAt: startsAt.toISOString() };
    breaches.push(...papersLateAtBooking(state, moved, dueBy, now, breaches.length));
    return only(rescheduled, ...breaches);
  },

  // A meeting held without being booked here: its time is checked against the rules it
  // could break, and each broken rule is recorded as a breach (no override: it happened).
  recordPastMeeting(state, { input }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'record a past meeting');
    if (typeof input !== 'object' || input === null) throw badInput('input', 'Describe the meeting.');
    const { title, location } = checkTitleAndLocation(input);
    const reason = requiredReason('reason', input.reason, 'The reason it was not booked here');
    const { durationMinutes } = input;
    const startsAt = checkTime(input.startsAt, durationMinutes, now, false);
    const record = checkRecord(state, input.record, 'record.');
    requirePhase(state, BOOKING_PHASES, 'record a past meeting');
    const charter = charterOf(state.charterId);
    const meetingId = nextId(state, 'm', state.meetings.length);
    const sealer = new Sealer(state);
    const recorded = eventOf(
      'PastMeetingRecorded',
      {
        meetingId,
        title,
        startsAt: startsAt.toISOString(),
        durationMinutes,
        location,
        papersDueBy: papersDueBy(charter, startsAt)?.toISOString() ?? null,
        ...sealRecord(sealer, record),
      },
      actor,
      now,
      reason,
    );
    const violations = checkHeldMeetingRules(charter, { startsAt, durationMinutes });
    return {
      ...only(recorded, ...bookingBreaches(state, violations, meetingId, actor, now, reason)),
      confidentialTexts: sealer.texts,
      created: { meetingId },
    };
  },

  distributePapers(state, { meetingId, documents }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'distribute papers');
    const docs = checkList('documents', documents, LIMITS.listItems, 'A document', LIMITS.shortText);
    if (docs.length === 0) throw badInput('documents', 'Name at least one document that was distributed.');
    requirePhase(state, MEETING_PHASES, 'distribute papers');
    const meeting = scheduledMeeting(state, meetingId, 'distribute its papers');
    if (meeting.papersDistributedAt) throw conflict('The papers for this meeting were already distributed.');
    const events: NewEvent[] = [eventOf('PapersDistributed', { meetingId, documents: docs }, actor, now)];
    if (papersOverdue(meeting.papersDueBy, now) && !hasPapersBreach(state, meetingId))
      events.push(papersBreach(state, meeting, now));
    return only(...events);
  },

  recordMeeting(state, { meetingId, input }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'record a meeting');
    const record = checkRecord(state, input);
    requirePhase(state, MEETING_PHASES, 'record a meeting');
    const meeting = scheduledMeeting(state, meetingId, 'record it');
    if (now.getTime() < new Date(meeting.startsAt).getTime())
      throw invalidPhase('This meeting has not started yet: record it once it has taken place.');
    const sealer = new Sealer(state);
    const recorded = eventOf('MeetingRecorded', { meetingId, ...sealRecord(sealer, record) }, actor, now);
    return {
      ...only(recorded, ...overduePapersBreach(state, meeting, now)),
      confidentialTexts: sealer.texts,
    };
  },

  cancelMeeting(state, { meetingId, reason }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'cancel a meeting');
    const why = requiredReason('reason', reason);
    requirePhase(state, MEETING_PHASES, 'cancel a meeting');
    const meeting = scheduledMeeting(state, meetingId, 'cancel it');
    return only(
      eventOf('MeetingCancelled', { meetingId }, actor, now, why),
      ...overduePapersBreach(state, meeting, now),
    );
  },
};
