// Meetings: booked against the charter's meeting rules (Europe/London wall-clock time),
// papers out by the notice the charter asks, recorded once held, or cancelled.
import type { Actor } from '../actor';
import { SYSTEM_ACTOR } from '../actor';
import { checkMeetingRules, papersDueBy, ruleOf, type RuleViolation } from '../charters';
import { formatLongDate, londonDateOf } from '../calendar';
import { Sealer } from '../confidential';
import { badInput, charterRule, conflict, invalidPhase } from '../errors';
import type { AttendanceRecord, NewEvent } from '../events';
import { checkList, checkOptionalText, checkText, LIMITS } from '../input-checks';
import type { MeetingState, ProjectState } from '../project-state';
import {
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
  | { type: 'cancelMeeting'; meetingId: string; reason: string };

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

function checkAttendance(state: ProjectState, input: RecordMeetingInput['attendance']): AttendanceRecord[] {
  if (!Array.isArray(input) || input.length > LIMITS.participants)
    throw badInput('attendance', 'Attendance must be a list of participants.');
  return input.map((a, i) => {
    if (!state.participants.some((p) => p.id === a.participantId))
      throw badInput(
        `attendance[${i}].participantId`,
        `"${a.participantId}" is not a participant of this project.`,
      );
    return {
      participantId: a.participantId,
      present: a.present === true,
      substituteName: checkOptionalText(`attendance[${i}].substituteName`, a.substituteName, {
        max: LIMITS.shortText,
        label: 'A substitute name',
      }),
      leftEarly: a.leftEarly === true,
    };
  });
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

export const meetingDeciders: {
  [K in MeetingCommand['type']]: Decider<Extract<MeetingCommand, { type: K }>>;
} = {
  scheduleMeeting(state, { input }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'schedule a meeting');
    const title = checkText('title', input.title, {
      max: LIMITS.shortText,
      required: true,
      label: 'The title',
    });
    const location = checkText('location', input.location, {
      max: LIMITS.shortText,
      required: true,
      label: 'The location',
    });
    const accessibilityNotes = checkOptionalText('accessibilityNotes', input.accessibilityNotes, {
      max: LIMITS.reason,
      label: 'The accessibility notes',
    });
    const overrideReason = checkOptionalText('overrideReason', input.overrideReason, {
      max: LIMITS.reason,
      label: 'The override reason',
    });
    const { durationMinutes } = input;
    const startsAt = new Date(input.startsAt);
    if (typeof input.startsAt !== 'string' || Number.isNaN(startsAt.getTime()))
      throw badInput('startsAt', 'The start time is not a date and time.');
    if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > MAX_MEETING_MINUTES)
      throw badInput(
        'durationMinutes',
        `The duration must be a whole number of minutes from 1 to ${MAX_MEETING_MINUTES}.`,
      );
    if (startsAt.getTime() <= now.getTime())
      throw badInput('startsAt', 'The meeting must start in the future.');
    requirePhase(state, ['MEETINGS'], 'schedule a meeting');
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
    const breaches: NewEvent[] = violations.map((v, i) =>
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
        overrideReason,
      ),
    );
    // Papers already overdue when the meeting is booked: the breach is recorded at once.
    if (papersOverdue(dueBy, now) && ruleOf(charter, 'papers.minNoticeDays').mode === 'MONITORED') {
      const meeting = { title, startsAt: startsAt.toISOString(), id: meetingId } as MeetingState;
      breaches.push(papersBreach(state, meeting, now, breaches.length));
    }
    return only(scheduled, ...breaches);
  },

  distributePapers(state, { meetingId, documents }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'distribute papers');
    const docs = checkList('documents', documents, LIMITS.listItems, 'A document', LIMITS.shortText);
    if (docs.length === 0) throw badInput('documents', 'Name at least one document that was distributed.');
    requirePhase(state, ['MEETINGS'], 'distribute papers');
    const meeting = scheduledMeeting(state, meetingId, 'distribute its papers');
    if (meeting.papersDistributedAt) throw conflict('The papers for this meeting were already distributed.');
    const events: NewEvent[] = [eventOf('PapersDistributed', { meetingId, documents: docs }, actor, now)];
    if (papersOverdue(meeting.papersDueBy, now) && !hasPapersBreach(state, meetingId))
      events.push(papersBreach(state, meeting, now));
    return only(...events);
  },

  recordMeeting(state, { meetingId, input }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'record a meeting');
    const minutes = checkText('minutes', input.minutes, {
      max: LIMITS.longText,
      required: true,
      label: 'The minutes',
    });
    const decisions = checkList('decisions', input.decisions, LIMITS.listItems, 'A decision', LIMITS.reason);
    const actions = checkList('actions', input.actions, LIMITS.listItems, 'An action', LIMITS.reason);
    const attendance = checkAttendance(state, input.attendance);
    requirePhase(state, ['MEETINGS'], 'record a meeting');
    const meeting = scheduledMeeting(state, meetingId, 'record it');
    if (now.getTime() < new Date(meeting.startsAt).getTime())
      throw invalidPhase('This meeting has not started yet: record it once it has taken place.');
    const sealer = new Sealer(state);
    const recorded = eventOf(
      'MeetingRecorded',
      {
        meetingId,
        minutes: sealer.seal(minutes),
        decisions: decisions.map((d) => sealer.seal(d)),
        actions,
        attendance,
      },
      actor,
      now,
    );
    return {
      ...only(recorded, ...overduePapersBreach(state, meeting, now)),
      confidentialTexts: sealer.texts,
    };
  },

  cancelMeeting(state, { meetingId, reason }, actor, now) {
    requireLeadOrKeyContact(state, actor, 'cancel a meeting');
    const why = checkText('reason', reason, { max: LIMITS.reason, required: true, label: 'The reason' });
    requirePhase(state, ['MEETINGS'], 'cancel a meeting');
    const meeting = scheduledMeeting(state, meetingId, 'cancel it');
    return only(
      eventOf('MeetingCancelled', { meetingId }, actor, now, why),
      ...overduePapersBreach(state, meeting, now),
    );
  },
};
