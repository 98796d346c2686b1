// What every decision shares: building events, finding the charter, and the checks of who
// may act and in which phase.
import { hasParticipantRole, speaksForParentCarers } from '../access';
import { toAuditActor, type Actor, type AuditActor } from '../actor';
import { findCharter, ruleOf, type CharterProfile, type RuleId } from '../charters';
import { charterRule, DomainError, forbidden, invalidPhase } from '../errors';
import type { EventDataMap, EventType, NewEvent } from '../events';
import { checkOptionalText, checkText, LIMITS } from '../input-checks';
import { charterInWords, PHASE_WORDS } from '../plain-english';
import type { MeetingState, ProjectState } from '../project-state';
import { FINAL_PHASES, type ProjectPhase } from '../vocabulary';

/**
 * A participant's contact detail, kept apart from the events: the address itself (at the
 * start, and in histories written before contacts were held), or the reference under which
 * the gateway saved it before the step (`heldAs`), so the address never travels through
 * the workflow; the step's append binds it to the participant it created.
 */
export type ContactDetail =
  { participantId: string; email: string } | { participantId: string; heldAs: string };

/** How a held contact's reference looks: "held:" and a UUID. */
export const HELD_CONTACT = /^held:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What an accepted step records: events for the audit trail; contact details and the
 * confidential texts of MEETING_GROUP projects kept apart from them.
 */
export interface Decision {
  events: NewEvent[];
  contacts: ContactDetail[];
  confidentialTexts: string[];
  /** What the step created, so its caller can show it (see CreatedBy). */
  created?: CreatedBy[keyof CreatedBy];
}

/** The ids a step returns of what it created, by command type. */
export interface CreatedBy {
  scheduleMeeting: { meetingId: string };
  recordPastMeeting: { meetingId: string };
  submitFeedback: { feedbackId: string };
}

/** What a command of type T creates: an id from CreatedBy, or nothing. */
export type Created<T extends string> = T extends keyof CreatedBy ? CreatedBy[T] : Record<string, never>;

export const only = (...events: NewEvent[]): Decision => ({ events, contacts: [], confidentialTexts: [] });

export { notFound } from '../errors';

export function eventOf<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  actor: Actor | AuditActor,
  now: Date,
  reason: string | null = null,
): NewEvent<T> {
  return { type, data, reason, actor: toAuditActor(actor), occurredAt: now.toISOString() };
}

export function charterOf(charterId: string): CharterProfile {
  const charter = findCharter(charterId);
  if (!charter) throw new Error(`Charter profile ${charterId} is missing`);
  return charter;
}

/** A reason-length text the step requires (why a meeting is cancelled, a participant removed). */
export const requiredReason = (field: string, value: string, label = 'The reason') =>
  checkText(field, value, { max: LIMITS.reason, required: true, label });

/** A reason-length text the step may be given (a comment, an override reason, notes): null when blank. */
export const optionalReason = (field: string, value: string | null | undefined, label: string) =>
  checkOptionalText(field, value, { max: LIMITS.reason, label });

export const isRuleOn = (charter: CharterProfile, rule: RuleId) => ruleOf(charter, rule).mode !== 'OFF';

/** `ladder.reasonRequired`: a ladder proposal or change must say why. */
export function checkLadderReason(
  charter: CharterProfile,
  field: string,
  reason: string,
  required = false,
): string {
  const text = checkText(field, reason, { max: LIMITS.reason, label: 'The reason' });
  if (text.length === 0 && isRuleOn(charter, 'ladder.reasonRequired'))
    throw charterRule(
      'ladder.reasonRequired',
      `${charterInWords(charter)} asks for reasons to be given for the level of participation: please say why this level was chosen.`,
    );
  if (text.length === 0 && required)
    throw new DomainError('BAD_USER_INPUT', 'The reason is required: please say why.', { field });
  return text;
}

export function requireLead(state: ProjectState, actor: Actor, what: string) {
  if (!hasParticipantRole(state, actor, 'LEAD')) throw forbidden(`Only the project's lead can ${what}.`);
}

export function requireLeadOrKeyContact(state: ProjectState, actor: Actor, what: string) {
  if (!hasParticipantRole(state, actor, 'LEAD', 'KEY_CONTACT'))
    throw forbidden(`Only the project's lead or key contact can ${what}.`);
}

export function requireParentCarerSide(state: ProjectState, actor: Actor, what: string) {
  if (!speaksForParentCarers(state, actor))
    throw forbidden(`Only a parent carer representative on this project, or the forum, can ${what}.`);
}

export function requireOpen(state: ProjectState) {
  if (FINAL_PHASES.includes(state.phase))
    throw invalidPhase(
      `This project is ${state.phase === 'CLOSED' ? 'closed' : 'cancelled'}: no further steps can be taken.`,
    );
}

/** Refuses a step outside the phases it belongs to, saying where the project is. */
export function requirePhase(state: ProjectState, phases: readonly ProjectPhase[], what: string) {
  requireOpen(state);
  if (!phases.includes(state.phase))
    throw invalidPhase(
      `You can ${what} only while ${phases.map((p) => PHASE_WORDS[p]).join(' or ')}; this project is at ${PHASE_WORDS[state.phase]}.`,
    );
}

export function meetingOf(state: ProjectState, meetingId: string): MeetingState {
  const meeting = state.meetings.find((m) => m.id === meetingId);
  if (!meeting)
    throw new DomainError('NOT_FOUND', 'This project has no meeting with that id.', { field: 'meetingId' });
  return meeting;
}

/** Ids are the project id plus a letter and a count: readable, unique, and deterministic. */
export const nextId = (state: ProjectState, letter: string, count: number) =>
  `${state.id}.${letter}${count + 1}`;
