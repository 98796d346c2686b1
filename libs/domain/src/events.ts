// Audit events: the facts a project's workflow records. Each type's data is plain JSON
// (strings, integers, booleans, null, arrays, objects) so every language hashes it alike.
// Contact details (email, phone) never appear in event data.
import type { AuditActor } from './actor';
import type {
  Confidentiality,
  FeedbackChannel,
  LadderLevel,
  ParticipantRole,
  ProjectPhase,
} from './vocabulary';

/** A participant as the audit trail and read model know them: no contact details. */
export interface ParticipantRecord {
  id: string;
  personId: string | null;
  displayName: string;
  role: ParticipantRole;
  organisation: string | null;
  professionalRole: string | null;
  conflictOfInterest: string | null;
}

/** Event type → its data. The "why" of a step is the event's `reason`, not part of data. */
export interface EventDataMap {
  ProjectStarted: {
    charterId: string;
    title: string;
    purpose: string;
    confidentiality: Confidentiality;
    expectedOutcomes: string[];
    proposedLevel: LadderLevel;
    participants: ParticipantRecord[];
  };
  /** The lead replaced the standing proposal during ladder agreement. */
  LadderLevelProposed: { level: LadderLevel };
  /** The parent carer side answered the standing proposal with another level. */
  LadderLevelCounterProposed: { level: LadderLevel };
  /**
   * Both sides agree: the level is fixed and the project moves on to briefing. `side` is the
   * side that agreed last (the lead accepting a counter-proposal, or the parent carer side);
   * events recorded before it existed lack it.
   */
  LadderLevelAgreed: { level: LadderLevel; comment: string | null; side?: 'LEAD' | 'PARENT_CARERS' };
  /** The lead changed the agreed level after agreement. */
  LadderLevelChanged: { from: LadderLevel; level: LadderLevel };
  ProjectCancelled: { phase: ProjectPhase };
  /** The lead added a participant after the start (contact details kept apart, as at the start). */
  ParticipantAdded: { participant: ParticipantRecord };
  /** The lead removed a participant (the reason is the event's reason); their past steps keep naming them. */
  ParticipantRemoved: { participantId: string; role: ParticipantRole };
  /** The lead linked a participant to the person (token subject) who acts as them. */
  ParticipantLinked: { participantId: string; personId: string };
  /** The lead changed a participant's role on the project. */
  ParticipantRoleChanged: { participantId: string; from: ParticipantRole; role: ParticipantRole };
  /** Parent carer representatives were briefed (the project's briefing: everyone briefed so far, the latest summary). */
  BriefingRecorded: { briefedParticipantIds: string[]; summary: string; unexplainedAbbreviations: string[] };
  /** Briefing is done: meetings may be arranged. */
  BriefingCompleted: Record<string, never>;
  MeetingScheduled: {
    meetingId: string;
    title: string;
    startsAt: string;
    durationMinutes: number;
    location: string;
    accessibilityNotes: string | null;
    papersDueBy: string | null;
  };
  PapersDistributed: { meetingId: string; documents: string[] };
  MeetingRecorded: {
    meetingId: string;
    minutes: string;
    decisions: string[];
    actions: string[];
    attendance: AttendanceRecord[];
  };
  MeetingCancelled: { meetingId: string };
  /** A scheduled meeting moved to a new time; its papers deadline moved with it. */
  MeetingRescheduled: {
    meetingId: string;
    previousStartsAt: string;
    startsAt: string;
    durationMinutes: number;
    papersDueBy: string | null;
  };
  /** A meeting held without being booked here, recorded afterwards (the reason says why). */
  PastMeetingRecorded: {
    meetingId: string;
    title: string;
    startsAt: string;
    durationMinutes: number;
    location: string;
    papersDueBy: string | null;
    minutes: string;
    decisions: string[];
    actions: string[];
    attendance: AttendanceRecord[];
  };
  /** A charter promise was not kept: overridden by a person (reason given) or missed (actor system). */
  CharterBreachRecorded: { breachId: string; rule: string; detail: string; meetingId: string | null };
  FeedbackOpened: { closesAt: string; channels: FeedbackChannel[] };
  FeedbackSubmitted: {
    feedbackId: string;
    channel: FeedbackChannel;
    body: string;
    fromParticipantId: string | null;
    /** Present (true) when the item came through the public feedback link, from someone not signed in. */
    viaPublicLink?: true;
  };
  /** The lead opened the window to everyone: a link anyone can answer without signing in. */
  FeedbackLinkPublished: { linkId: string; channel: FeedbackChannel };
  /** The window closed (by the lead or at closesAt); acknowledgement is due by `dueBy`. */
  FeedbackClosed: { dueBy: string };
  FeedbackAcknowledged: { message: string; onTime: boolean };
  ClosingReportPublished: {
    youSaidWeDid: YouSaidWeDidRecord[];
    levelAgreed: LadderLevel;
    levelAchieved: LadderLevel;
    barriers: string | null;
    lessonsLearned: string | null;
    celebrate: string | null;
  };
  /** A reminder's time came with its step still not done (papers, feedback closing, acknowledgement). */
  ReminderDue: { reminder: ReminderKind; meetingId: string | null; dueAt: string };
  /** One message reached the transport for one recipient (recipientId: a participant, person or feedback id; never an address). */
  MessageSent: { messageKey: string; messageType: string; recipientId: string; channel: string };
  /** One message could not be delivered after retries: the lead is shown it. */
  MessageNotDelivered: { messageKey: string; messageType: string; recipientId: string; channel: string };
}

export type ReminderKind = 'papers' | 'feedbackClose' | 'acknowledgement';

export interface AttendanceRecord {
  participantId: string;
  present: boolean;
  substituteName: string | null;
  leftEarly: boolean;
}

export interface YouSaidWeDidRecord {
  youSaid: string;
  weDid: string;
  feedbackIds: string[];
}

export type EventType = keyof EventDataMap;

/** An event the workflow has decided on, before the store gives it a place in the chain. */
export interface NewEvent<T extends EventType = EventType> {
  type: T;
  data: EventDataMap[T];
  reason: string | null;
  actor: AuditActor;
  /** The workflow's time of the step, as `Date.toISOString()` writes it. */
  occurredAt: string;
}

/** An event as stored: its place in the project's chain and its hashes. */
export interface RecordedEvent<T extends EventType = EventType> extends NewEvent<T> {
  id: string;
  projectId: string;
  sequence: number;
  prevHash: string;
  hash: string;
}

/** Narrowing helper for code that switches on an event's type. */
export function isEvent<T extends EventType>(event: NewEvent, type: T): event is NewEvent<T> {
  return event.type === type;
}
