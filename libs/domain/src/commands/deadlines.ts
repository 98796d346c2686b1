// Deadlines: the open ones a project shows (soonest first), and what the system records
// when one passes. The workflow sleeps until the next one, so its timers always follow
// the state (and survive continue-as-new without bookkeeping of their own).
import { SYSTEM_ACTOR } from '../actor';
import { acknowledgementDeadlinePassesAt, ruleOf } from '../charters';
import type { NewEvent } from '../events';
import type { ProjectState } from '../project-state';
import { FINAL_PHASES } from '../vocabulary';
import { charterOf, only, type Decision } from './common';
import { acknowledgementBreach, feedbackClosed } from './feedback';
import { hasPapersBreach, papersBreach } from './meetings';

export type DeadlineKind = 'papers' | 'feedbackClose' | 'acknowledgement';

export interface OpenDeadline {
  kind: DeadlineKind;
  dueAt: string;
  meetingId: string | null;
  /** True when the system records something as it passes (a breach, or closing the window). */
  acts: boolean;
}

export function openDeadlines(state: ProjectState): OpenDeadline[] {
  if (FINAL_PHASES.includes(state.phase)) return [];
  const charter = charterOf(state.charterId);
  const deadlines: OpenDeadline[] = [];
  const papersMonitored = ruleOf(charter, 'papers.minNoticeDays').mode === 'MONITORED';
  for (const m of state.meetings) {
    if (m.status === 'SCHEDULED' && m.papersDueBy && !m.papersDistributedAt && !hasPapersBreach(state, m.id))
      deadlines.push({ kind: 'papers', dueAt: m.papersDueBy, meetingId: m.id, acts: papersMonitored });
  }
  if (state.phase === 'FEEDBACK' && state.feedbackWindow && !state.feedbackWindow.closedAt)
    deadlines.push({
      kind: 'feedbackClose',
      dueAt: state.feedbackWindow.closesAt,
      meetingId: null,
      acts: true,
    });
  const ack = state.acknowledgement;
  if (ack && !ack.sentAt && !state.breaches.some((b) => b.rule === 'feedback.ackWorkingDays'))
    deadlines.push({
      kind: 'acknowledgement',
      dueAt: acknowledgementDeadlinePassesAt(ack.dueBy).toISOString(),
      meetingId: null,
      acts: ruleOf(charter, 'feedback.ackWorkingDays').mode === 'MONITORED',
    });
  return deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** When the workflow must next wake to record something, or null if nothing is pending. */
export function nextSystemWakeUp(state: ProjectState): Date | null {
  const next = openDeadlines(state).find((d) => d.acts);
  return next ? new Date(next.dueAt) : null;
}

/** The events the system records for every deadline that has passed by `now`. */
export function decideDeadlines(state: ProjectState, now: Date): Decision {
  const events: NewEvent[] = [];
  for (const deadline of openDeadlines(state)) {
    // A deadline has passed at its own instant (papersOverdue, acknowledgementDeadlinePassesAt).
    if (!deadline.acts || new Date(deadline.dueAt).getTime() > now.getTime()) continue;
    if (deadline.kind === 'papers') {
      const meeting = state.meetings.find((m) => m.id === deadline.meetingId)!;
      events.push(papersBreach(state, meeting, now, events.length));
    } else if (deadline.kind === 'feedbackClose') {
      events.push(feedbackClosed(state, SYSTEM_ACTOR, now));
    } else {
      events.push(acknowledgementBreach(state, now, events.length));
    }
  }
  return only(...events);
}
