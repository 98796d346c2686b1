// A project's state is the fold of its events. The workflow keeps it to decide the next
// step; the event store keeps the same fold as the read model the gateway serves.
import { firstWords } from './plain-english/words';
import type { AuditActor } from './actor';
import type { AttendanceRecord, EventDataMap, EventType, NewEvent, ParticipantRecord } from './events';
import type { Confidentiality, FeedbackChannel, LadderLevel, ProjectPhase } from './vocabulary';

export interface LadderChange {
  level: LadderLevel;
  reason: string;
  by: AuditActor;
  at: string;
}

/** Which side made the standing ladder proposal: the lead's side or the parent carer side. */
export type ProposalSide = 'LEAD' | 'PARENT_CARERS';

export interface LadderState {
  proposedLevel: LadderLevel;
  proposedReason: string;
  proposedBy: ProposalSide;
  agreedLevel: LadderLevel | null;
  agreedAt: string | null;
  agreedBy: AuditActor | null;
  /** Every proposal, counter-proposal, agreement and change, oldest first. */
  history: LadderChange[];
}

export interface CharterBreachRecord {
  id: string;
  rule: string;
  at: string;
  detail: string;
  reason: string | null;
  meetingId: string | null;
}

export interface BriefingState {
  heldAt: string;
  summary: string;
  briefedParticipantIds: string[];
  unexplainedAbbreviations: string[];
}

export const MEETING_STATUSES = ['SCHEDULED', 'HELD', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A meeting as it was booked (MeetingScheduled's data, under `id`) and what has happened to it since. */
export interface MeetingState extends Omit<EventDataMap['MeetingScheduled'], 'meetingId'> {
  id: string;
  papersDistributedAt: string | null;
  documents: string[];
  status: MeetingStatus;
  minutes: string | null;
  decisions: string[];
  actions: string[];
  attendance: AttendanceRecord[];
  cancelledReason: string | null;
}

export interface FeedbackWindowState {
  opensAt: string;
  closesAt: string;
  channels: FeedbackChannel[];
  closedAt: string | null;
  /** The public link anyone may answer, once the lead has published one (absent before). */
  publicLink?: { linkId: string; channel: FeedbackChannel; publishedAt: string } | null;
}

export interface FeedbackItemState {
  id: string;
  channel: FeedbackChannel;
  body: string;
  fromParticipantId: string | null;
  receivedAt: string;
  /** True for an item given through the public feedback link. */
  viaPublicLink?: boolean;
}

export interface AcknowledgementState {
  /** YYYY-MM-DD, Europe/London. */
  dueBy: string;
  sentAt: string | null;
  message: string | null;
  onTime: boolean | null;
}

type PublishedReport = EventDataMap['ClosingReportPublished'];

/** The closing report as published (ClosingReportPublished's data) and when. */
export interface ClosingReportState extends PublishedReport {
  publishedAt: string;
}

export interface ProjectState {
  id: string;
  charterId: string;
  title: string;
  purpose: string;
  confidentiality: Confidentiality;
  expectedOutcomes: string[];
  phase: ProjectPhase;
  participants: ParticipantRecord[];
  /** Participants the lead removed: past attendance, briefings and feedback still name them. */
  formerParticipants: ParticipantRecord[];
  ladder: LadderState;
  briefing: BriefingState | null;
  meetings: MeetingState[];
  feedbackWindow: FeedbackWindowState | null;
  feedback: FeedbackItemState[];
  acknowledgement: AcknowledgementState | null;
  closingReport: ClosingReportState | null;
  breaches: CharterBreachRecord[];
  cancellation: { reason: string; at: string; by: AuditActor } | null;
  createdAt: string;
  updatedAt: string;
  /** Reminders already due and sent out (`papers:<meetingId>`, `feedbackClose`, `acknowledgement`). */
  remindersDue: string[];
  /** Number of events recorded: the sequence of the last one. */
  version: number;
}

type Reducer<T extends EventType> = (state: ProjectState, event: NewEvent<T>) => ProjectState;

const ladderChange = (event: NewEvent, level: LadderLevel, reason: string): LadderChange => ({
  level,
  reason,
  by: event.actor,
  at: event.occurredAt,
});

const reducers: { [T in Exclude<EventType, 'ProjectStarted'>]: Reducer<T> } = {
  LadderLevelProposed: (s, e) => ({
    ...s,
    ladder: {
      ...s.ladder,
      proposedLevel: e.data.level,
      proposedReason: e.reason ?? '',
      proposedBy: 'LEAD',
      history: [...s.ladder.history, ladderChange(e, e.data.level, e.reason ?? '')],
    },
  }),
  LadderLevelCounterProposed: (s, e) => ({
    ...s,
    ladder: {
      ...s.ladder,
      proposedLevel: e.data.level,
      proposedReason: e.reason ?? '',
      proposedBy: 'PARENT_CARERS',
      history: [...s.ladder.history, ladderChange(e, e.data.level, e.reason ?? '')],
    },
  }),
  LadderLevelAgreed: (s, e) => ({
    ...s,
    phase: 'BRIEFING',
    ladder: {
      ...s.ladder,
      agreedLevel: e.data.level,
      agreedAt: e.occurredAt,
      agreedBy: e.actor,
      history: [
        ...s.ladder.history,
        ladderChange(e, e.data.level, e.data.comment ?? e.reason ?? s.ladder.proposedReason),
      ],
    },
  }),
  LadderLevelChanged: (s, e) => ({
    ...s,
    ladder: {
      ...s.ladder,
      agreedLevel: e.data.level,
      history: [...s.ladder.history, ladderChange(e, e.data.level, e.reason ?? '')],
    },
  }),
  ParticipantAdded: (s, e) => ({ ...s, participants: [...s.participants, e.data.participant] }),
  ParticipantRemoved: (s, e) => ({
    ...s,
    participants: s.participants.filter((p) => p.id !== e.data.participantId),
    formerParticipants: [
      ...s.formerParticipants,
      ...s.participants.filter((p) => p.id === e.data.participantId),
    ],
  }),
  ParticipantLinked: (s, e) => updateParticipant(s, e.data.participantId, { personId: e.data.personId }),
  ParticipantRoleChanged: (s, e) => updateParticipant(s, e.data.participantId, { role: e.data.role }),
  ProjectCancelled: (s, e) => ({
    ...s,
    phase: 'CANCELLED',
    cancellation: { reason: e.reason ?? '', at: e.occurredAt, by: e.actor },
  }),
  // Everyone briefed so far counts; the latest briefing gives the time and summary.
  BriefingRecorded: (s, e) => ({
    ...s,
    briefing: {
      heldAt: e.occurredAt,
      ...e.data,
      briefedParticipantIds: [
        ...new Set([...(s.briefing?.briefedParticipantIds ?? []), ...e.data.briefedParticipantIds]),
      ],
    },
  }),
  BriefingCompleted: (s) => ({ ...s, phase: 'MEETINGS' }),
  MeetingScheduled: (s, e) => {
    const { meetingId, ...details } = e.data;
    const meeting: MeetingState = {
      id: meetingId,
      ...details,
      papersDistributedAt: null,
      documents: [],
      status: 'SCHEDULED',
      minutes: null,
      decisions: [],
      actions: [],
      attendance: [],
      cancelledReason: null,
    };
    return { ...s, meetings: [...s.meetings, meeting] };
  },
  PapersDistributed: (s, e) =>
    updateMeeting(s, e.data.meetingId, { papersDistributedAt: e.occurredAt, documents: e.data.documents }),
  MeetingRecorded: (s, e) => {
    const { meetingId, ...record } = e.data;
    return updateMeeting(s, meetingId, { status: 'HELD', ...record });
  },
  MeetingCancelled: (s, e) =>
    updateMeeting(s, e.data.meetingId, { status: 'CANCELLED', cancelledReason: e.reason }),
  MeetingRescheduled: (s, e) => {
    const { meetingId, startsAt, durationMinutes, papersDueBy } = e.data;
    return updateMeeting(s, meetingId, { startsAt, durationMinutes, papersDueBy });
  },
  PastMeetingRecorded: (s, e) => {
    const { meetingId, ...details } = e.data;
    const meeting: MeetingState = {
      id: meetingId,
      ...details,
      accessibilityNotes: null,
      papersDistributedAt: null,
      documents: [],
      status: 'HELD',
      cancelledReason: null,
    };
    return { ...s, meetings: [...s.meetings, meeting] };
  },
  CharterBreachRecorded: (s, e) => ({
    ...s,
    breaches: [
      ...s.breaches,
      {
        id: e.data.breachId,
        rule: e.data.rule,
        at: e.occurredAt,
        detail: e.data.detail,
        reason: e.reason,
        meetingId: e.data.meetingId,
      },
    ],
  }),
  FeedbackOpened: (s, e) => ({
    ...s,
    phase: 'FEEDBACK',
    feedbackWindow: {
      opensAt: e.occurredAt,
      closesAt: e.data.closesAt,
      channels: e.data.channels,
      closedAt: null,
    },
  }),
  FeedbackSubmitted: (s, e) => ({
    ...s,
    feedback: [
      ...s.feedback,
      {
        id: e.data.feedbackId,
        channel: e.data.channel,
        body: e.data.body,
        fromParticipantId: e.data.fromParticipantId,
        receivedAt: e.occurredAt,
        ...(e.data.viaPublicLink ? { viaPublicLink: true } : {}),
      },
    ],
  }),
  FeedbackLinkPublished: (s, e) => ({
    ...s,
    feedbackWindow: s.feedbackWindow && {
      ...s.feedbackWindow,
      publicLink: { linkId: e.data.linkId, channel: e.data.channel, publishedAt: e.occurredAt },
    },
  }),
  FeedbackClosed: (s, e) => ({
    ...s,
    phase: 'ACKNOWLEDGEMENT',
    feedbackWindow: s.feedbackWindow && { ...s.feedbackWindow, closedAt: e.occurredAt },
    acknowledgement: { dueBy: e.data.dueBy, sentAt: null, message: null, onTime: null },
  }),
  FeedbackAcknowledged: (s, e) => ({
    ...s,
    phase: 'CLOSING_REPORT',
    acknowledgement: s.acknowledgement && {
      ...s.acknowledgement,
      sentAt: e.occurredAt,
      message: e.data.message,
      onTime: e.data.onTime,
    },
  }),
  ClosingReportPublished: (s, e) => ({
    ...s,
    phase: 'CLOSED',
    closingReport: { publishedAt: e.occurredAt, ...e.data },
  }),
  ReminderDue: (s, e) => ({
    ...s,
    remindersDue: [...(s.remindersDue ?? []), reminderId(e.data.reminder, e.data.meetingId)],
  }),
  MessageSent: (s) => s,
  MessageNotDelivered: (s) => s,
};

function updateParticipant(
  state: ProjectState,
  participantId: string,
  change: Partial<ParticipantRecord>,
): ProjectState {
  return {
    ...state,
    participants: state.participants.map((p) => (p.id === participantId ? { ...p, ...change } : p)),
  };
}
/** How a reminder is named in `remindersDue`. */
export const reminderId = (reminder: string, meetingId: string | null) =>
  meetingId ? `${reminder}:${meetingId}` : reminder;

function updateMeeting(state: ProjectState, meetingId: string, change: Partial<MeetingState>): ProjectState {
  return { ...state, meetings: state.meetings.map((m) => (m.id === meetingId ? { ...m, ...change } : m)) };
}

function started(projectId: string, event: NewEvent<'ProjectStarted'>): ProjectState {
  const d: EventDataMap['ProjectStarted'] = event.data;
  return {
    id: projectId,
    charterId: d.charterId,
    title: d.title,
    purpose: d.purpose,
    confidentiality: d.confidentiality,
    expectedOutcomes: d.expectedOutcomes,
    phase: 'LADDER_AGREEMENT',
    participants: d.participants,
    formerParticipants: [],
    ladder: {
      proposedLevel: d.proposedLevel,
      proposedReason: event.reason ?? '',
      proposedBy: 'LEAD',
      agreedLevel: null,
      agreedAt: null,
      agreedBy: null,
      history: [ladderChange(event, d.proposedLevel, event.reason ?? '')],
    },
    briefing: null,
    meetings: [],
    feedbackWindow: null,
    feedback: [],
    acknowledgement: null,
    closingReport: null,
    breaches: [],
    cancellation: null,
    remindersDue: [],
    createdAt: event.occurredAt,
    updatedAt: event.occurredAt,
    version: 0,
  };
}

/**
 * Applies one event to a project's state (null before the project exists). Pure: the
 * workflow and the read-model projection both call it, so they cannot drift apart.
 */
export function applyEvent(projectId: string, state: ProjectState | null, event: NewEvent): ProjectState {
  let next: ProjectState;
  if (event.type === 'ProjectStarted') {
    if (state) throw new Error(`Project ${projectId} has already started`);
    next = started(projectId, event as NewEvent<'ProjectStarted'>);
  } else {
    if (!state) throw new Error(`Event ${event.type} arrived before project ${projectId} started`);
    const reducer = reducers[event.type] as Reducer<EventType>;
    next = reducer(state, event);
  }
  return { ...next, version: next.version + 1, updatedAt: event.occurredAt };
}

export function applyEvents(projectId: string, state: ProjectState | null, events: readonly NewEvent[]) {
  return events.reduce<ProjectState | null>((s, e) => applyEvent(projectId, s, e), state) as ProjectState;
}

/**
 * The state without the free text no decision reads (minutes, summaries; of feedback only
 * its first words, which name it in messages): what the workflow keeps in memory and
 * carries over continue-as-new.
 */
export function compactForWorkflow(state: ProjectState): ProjectState {
  return {
    ...state,
    briefing: state.briefing && { ...state.briefing, summary: '' },
    meetings: state.meetings.map((m) =>
      m.minutes === null ? m : { ...m, minutes: '', decisions: [], actions: [] },
    ),
    feedback: state.feedback.map((f) => {
      const preview = firstWords(f.body) ?? '';
      return f.body === preview ? f : { ...f, body: preview };
    }),
  };
}

/** Fills fields that newer versions added, for states stored or carried by older ones. */
export function upgradeState(state: ProjectState): ProjectState {
  return {
    ...state,
    formerParticipants: state.formerParticipants ?? [],
    briefing: state.briefing ?? null,
    meetings: state.meetings ?? [],
    feedbackWindow: state.feedbackWindow ?? null,
    feedback: state.feedback ?? [],
    acknowledgement: state.acknowledgement ?? null,
    closingReport: state.closingReport ?? null,
    breaches: (state.breaches ?? []).map((b) => ({ ...b, meetingId: b.meetingId ?? null })),
    remindersDue: state.remindersDue ?? [],
  };
}
