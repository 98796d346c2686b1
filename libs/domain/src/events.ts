// Audit events: the facts a project's workflow records. Each type's data is plain JSON
// (strings, integers, booleans, null, arrays, objects) so every language hashes it alike.
// Contact details (email, phone) never appear in event data.
import type { AuditActor } from './actor';
import type { Confidentiality, LadderLevel, ParticipantRole, ProjectPhase } from './vocabulary';

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
  /** Both sides agree: the level is fixed and the project moves on to briefing. */
  LadderLevelAgreed: { level: LadderLevel; comment: string | null };
  /** The lead changed the agreed level after agreement. */
  LadderLevelChanged: { from: LadderLevel; level: LadderLevel };
  ProjectCancelled: { phase: ProjectPhase };
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
