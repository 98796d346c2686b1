// A project's state is the fold of its events. The workflow keeps it to decide the next
// step; the event store keeps the same fold as the read model the gateway serves.
import type { AuditActor } from './actor';
import type { EventDataMap, EventType, NewEvent, ParticipantRecord } from './events';
import type { Confidentiality, LadderLevel, ProjectPhase } from './vocabulary';

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
  ladder: LadderState;
  breaches: CharterBreachRecord[];
  cancellation: { reason: string; at: string; by: AuditActor } | null;
  createdAt: string;
  updatedAt: string;
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
  ProjectCancelled: (s, e) => ({
    ...s,
    phase: 'CANCELLED',
    cancellation: { reason: e.reason ?? '', at: e.occurredAt, by: e.actor },
  }),
};

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
    ladder: {
      proposedLevel: d.proposedLevel,
      proposedReason: event.reason ?? '',
      proposedBy: 'LEAD',
      agreedLevel: null,
      agreedAt: null,
      agreedBy: null,
      history: [ladderChange(event, d.proposedLevel, event.reason ?? '')],
    },
    breaches: [],
    cancellation: null,
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
