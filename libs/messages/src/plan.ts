// Which messages a project's newly recorded events call for, and to whom: pure, so the
// workflow derives the same messages (and keys) on every replay. Recipients are named by
// participant id; addresses are looked up only when sending.
import { findCharter, QUOTED_SOURCE, ruleOf, type RuleId } from '../../domain/src/charters';
import type { EventDataMap, NewEvent, ParticipantRecord } from '../../domain/src/events';
import type { MeetingState, ProjectState } from '../../domain/src/project-state';
import type { ParticipantRole } from '../../domain/src/vocabulary';
import { messageKey, type MessageParams, type MessageType, type OutgoingMessage } from './message';

const ROLE_WORDS: Record<ParticipantRole, string> = {
  LEAD: 'the project lead',
  KEY_CONTACT: 'the key contact',
  PARENT_REP: 'a parent carer representative',
  YOUNG_PERSON: 'a young person taking part',
  PROFESSIONAL: 'a professional taking part',
};
export const roleWords = (role: ParticipantRole) => ROLE_WORDS[role] ?? 'a participant';

const projectPath = (state: ProjectState) => `/projects/${state.id}`;

/** The charter's own words for a rule, or its plain description. */
function ruleText(state: ProjectState, rule: RuleId): { charterName: string; rule: string } {
  const charter = findCharter(state.charterId);
  if (!charter) return { charterName: 'charter', rule: '' };
  const r = ruleOf(charter, rule);
  const quote = QUOTED_SOURCE.exec(r.source)?.[2];
  return { charterName: charter.name, rule: quote ?? r.description };
}

function meetingParams(state: ProjectState, meeting: MeetingState, sequence: number): MessageParams {
  return {
    projectTitle: state.title,
    meetingId: meeting.id,
    meetingTitle: meeting.title,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    location: meeting.location,
    accessibilityNotes: meeting.accessibilityNotes,
    projectUrl: projectPath(state),
    previousStartsAt: null,
    reason: null,
    icsSequence: sequence,
  };
}

const byRole = (state: ProjectState, ...roles: ParticipantRole[]) =>
  state.participants.filter((p) => roles.includes(p.role));

function to(
  state: ProjectState,
  sequence: number,
  type: MessageType,
  recipients: readonly ParticipantRecord[],
  params: MessageParams,
): OutgoingMessage[] {
  const seen = new Set<string>();
  return recipients
    .filter((p) => !seen.has(p.id) && seen.add(p.id))
    .map((p) => ({
      key: messageKey(state.id, `e${sequence}`, type, p.id),
      type,
      projectId: state.id,
      recipient: { kind: 'participant', projectId: state.id, participantId: p.id },
      params,
    }));
}

type Planner<T extends keyof EventDataMap> = (
  event: NewEvent<T>,
  before: ProjectState | null,
  after: ProjectState,
  sequence: number,
) => OutgoingMessage[];

const ladder =
  (
    what: 'proposed' | 'changed' | 'accepted',
  ): Planner<'ProjectStarted' | 'LadderLevelProposed' | 'LadderLevelChanged' | 'LadderLevelAgreed'> =>
  (event, _before, after, sequence) =>
    to(after, sequence, 'ladderProposed', byRole(after, 'PARENT_REP'), {
      projectTitle: after.title,
      what,
      level:
        'level' in event.data
          ? event.data.level
          : (event.data as EventDataMap['ProjectStarted']).proposedLevel,
      reason: ('comment' in event.data && event.data.comment) || event.reason || '',
      byName: event.actor.displayName,
      projectUrl: projectPath(after),
    });

const isLead = (state: ProjectState, actorId: string) =>
  state.participants.some((p) => p.role === 'LEAD' && p.personId === actorId);

/** An invitation to each participant added, except the person who added them. */
function invitations(
  after: ProjectState,
  sequence: number,
  added: readonly ParticipantRecord[],
  by: NewEvent['actor'],
): OutgoingMessage[] {
  return added
    .filter((p) => p.personId !== by.id)
    .flatMap((p) =>
      to(after, sequence, 'invitation', [p], {
        projectTitle: after.title,
        role: roleWords(p.role),
        invitedBy: by.displayName,
        signInUrl: projectPath(after),
      }),
    );
}

const PLANNERS: { [T in keyof EventDataMap]?: Planner<T> } = {
  ProjectStarted: (event, before, after, sequence) => [
    ...invitations(after, sequence, after.participants, event.actor),
    ...ladder('proposed')(event, before, after, sequence),
  ],
  ParticipantAdded: (event, _before, after, sequence) =>
    invitations(after, sequence, [event.data.participant], event.actor),
  LadderLevelProposed: ladder('proposed'),
  LadderLevelChanged: ladder('changed'),
  // The lead accepting the parent carers' counter-proposal; an agreement by the parent
  // carer side is theirs, so they need no message about it.
  LadderLevelAgreed: (event, before, after, sequence) =>
    isLead(after, event.actor.id) && before?.ladder.proposedBy === 'PARENT_CARERS'
      ? ladder('accepted')(event, before, after, sequence)
      : [],
  MeetingScheduled: (event, _before, after, sequence) => {
    const meeting = after.meetings.find((m) => m.id === event.data.meetingId)!;
    return to(after, sequence, 'meetingBooked', after.participants, meetingParams(after, meeting, sequence));
  },
  // Same calendar UID as the booking, a higher SEQUENCE: calendars move the meeting.
  MeetingRescheduled: (event, _before, after, sequence) => {
    const meeting = after.meetings.find((m) => m.id === event.data.meetingId)!;
    return to(after, sequence, 'meetingMoved', after.participants, {
      ...meetingParams(after, meeting, sequence),
      previousStartsAt: event.data.previousStartsAt,
      reason: event.reason,
    });
  },
  MeetingCancelled: (event, before, after, sequence) => {
    const meeting = (before ?? after).meetings.find((m) => m.id === event.data.meetingId)!;
    return to(after, sequence, 'meetingCancelled', after.participants, {
      ...meetingParams(after, meeting, sequence),
      reason: event.reason,
    });
  },
  PapersDistributed: (event, _before, after, sequence) => {
    const meeting = after.meetings.find((m) => m.id === event.data.meetingId)!;
    return to(after, sequence, 'papersDistributed', after.participants, {
      projectTitle: after.title,
      meetingTitle: meeting.title,
      startsAt: meeting.startsAt,
      documents: event.data.documents,
      projectUrl: projectPath(after),
    });
  },
  FeedbackOpened: (event, _before, after, sequence) =>
    to(after, sequence, 'feedbackOpened', after.participants, {
      projectTitle: after.title,
      closesAt: event.data.closesAt,
      channels: event.data.channels,
      respondUrl: projectPath(after),
    }),
  // Each respondent who gave their name, individually. Anonymous items are answered only at
  // a reply address their author gave (kept apart from the item, never linked to them).
  FeedbackAcknowledged: (event, _before, after, sequence) => {
    const respondents = new Set(after.feedback.map((f) => f.fromParticipantId).filter((id) => id !== null));
    const params = { projectTitle: after.title, message: event.data.message, projectUrl: projectPath(after) };
    const named = to(
      after,
      sequence,
      'feedbackAcknowledged',
      after.participants.filter((p) => respondents.has(p.id)),
      params,
    );
    return [...named, ...toReplyAddresses(after, sequence, 'feedbackAcknowledged', params)];
  },
  ClosingReportPublished: (event, _before, after, sequence) => {
    const confidential = after.confidentiality === 'MEETING_GROUP';
    const params = {
      projectTitle: after.title,
      youSaidWeDid: confidential
        ? []
        : event.data.youSaidWeDid.map((y) => `You said: ${y.youSaid} We did: ${y.weDid}`),
      confidential,
      levelAgreed: event.data.levelAgreed,
      levelAchieved: event.data.levelAchieved,
      projectUrl: projectPath(after),
    };
    // Anonymous respondents are not in the meeting group: they get no confidential text.
    return [
      ...to(after, sequence, 'closingReport', after.participants, params),
      ...toReplyAddresses(after, sequence, 'closingReport', {
        ...params,
        youSaidWeDid: [],
        confidential: true,
      }),
    ];
  },
  ReminderDue: (event, _before, after, sequence) => {
    const { reminder, meetingId, dueAt } = event.data;
    if (reminder === 'papers') {
      const meeting = after.meetings.find((m) => m.id === meetingId)!;
      return to(after, sequence, 'papersReminder', byRole(after, 'LEAD', 'KEY_CONTACT'), {
        projectTitle: after.title,
        meetingTitle: meeting.title,
        startsAt: meeting.startsAt,
        papersDueBy: dueAt,
        ...ruleText(after, 'papers.minNoticeDays'),
        projectUrl: projectPath(after),
      });
    }
    if (reminder === 'feedbackClose')
      return to(after, sequence, 'feedbackClosingSoon', after.participants, {
        projectTitle: after.title,
        closesAt: dueAt,
        channels: after.feedbackWindow?.channels ?? [],
        respondUrl: projectPath(after),
      });
    return to(after, sequence, 'acknowledgementReminder', byRole(after, 'LEAD'), {
      projectTitle: after.title,
      dueBy: after.acknowledgement!.dueBy,
      ...ruleText(after, 'feedback.ackWorkingDays'),
      projectUrl: projectPath(after),
    });
  },
};

/**
 * One message per anonymous item, to the reply address its author may have given: the
 * address is kept apart by item (the workflow never knows whether there is one), so an item
 * without one is simply not sent (the outbox records it as having no address).
 */
function toReplyAddresses(state: ProjectState, sequence: number, type: MessageType, params: MessageParams) {
  return state.feedback
    .filter((f) => f.fromParticipantId === null)
    .map((f): OutgoingMessage => ({
      key: messageKey(state.id, `e${sequence}`, type, f.id),
      type,
      projectId: state.id,
      recipient: { kind: 'feedbackReply', projectId: state.id, feedbackId: f.id },
      params,
    }));
}

/**
 * The messages that `events` (just recorded on `before`, giving `after`) call for. Each
 * message's key names the project, the event's sequence, the type and the recipient.
 */
export function planMessages(
  before: ProjectState | null,
  events: readonly NewEvent[],
  after: ProjectState,
): OutgoingMessage[] {
  const firstSequence = after.version - events.length + 1;
  return events.flatMap((event, i) => {
    const planner = PLANNERS[event.type] as Planner<typeof event.type> | undefined;
    return planner ? planner(event as never, before, after, firstSequence + i) : [];
  });
}
