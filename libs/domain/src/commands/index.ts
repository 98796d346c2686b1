// Deciding a step: given a project's state, a command and who asks, either the events to
// record or a DomainError. Checks run in the contract's order: authorization, input,
// phase, then charter rules in DOMAIN.md's table order. Pure, so the workflow's Update
// validator and handler, and the gateway, reach the same answer.
import { canReadProject, hasParticipantRole, speaksForParentCarers } from './access';
import { toAuditActor, type Actor } from './actor';
import { findCharter, ruleOf, type CharterProfile, type RuleId } from './charters';
import { badInput, charterRule, DomainError, forbidden, invalidPhase } from './errors';
import type { NewEvent, EventDataMap, EventType, ParticipantRecord } from './events';
import { checkList, checkOneOf, checkOptionalText, checkText, isEmail, LIMITS } from './input-checks';
import type { ProjectState } from './project-state';
import {
  CONFIDENTIALITY_LEVELS,
  FINAL_PHASES,
  LADDER_LEVELS,
  PARTICIPANT_ROLES,
  type Confidentiality,
  type LadderLevel,
  type ParticipantRole,
} from './vocabulary';

export interface ParticipantInput {
  displayName: string;
  role: ParticipantRole;
  email?: string | null;
  personId?: string | null;
  organisation?: string | null;
  professionalRole?: string | null;
  conflictOfInterest?: string | null;
}

export interface StartProjectInput {
  charterId: string;
  title: string;
  purpose: string;
  confidentiality: Confidentiality;
  expectedOutcomes: string[];
  proposedLevel: LadderLevel;
  proposedReason: string;
  participants: ParticipantInput[];
  idempotencyKey?: string | null;
}

/** The steps a project's workflow accepts after it has started. */
export type ProjectCommand =
  | { type: 'agreeLadderLevel'; comment?: string | null }
  | { type: 'counterProposeLadderLevel'; level: LadderLevel; reason: string }
  | { type: 'changeLadderLevel'; level: LadderLevel; reason: string }
  | { type: 'cancelProject'; reason: string };

export interface ContactDetail {
  participantId: string;
  email: string;
}

/** What an accepted step records: events for the audit trail, contact details kept apart. */
export interface Decision {
  events: NewEvent[];
  contacts: ContactDetail[];
}

const notFound = () =>
  new DomainError('NOT_FOUND', 'No project with that id exists, or you are not allowed to see it.');

function eventOf<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  actor: Actor,
  now: Date,
  reason: string | null = null,
): NewEvent<T> {
  return { type, data, reason, actor: toAuditActor(actor), occurredAt: now.toISOString() };
}

function charterOf(charterId: string): CharterProfile {
  const charter = findCharter(charterId);
  if (!charter) throw new Error(`Charter profile ${charterId} is missing`);
  return charter;
}

function isRuleOn(charter: CharterProfile, rule: RuleId) {
  return ruleOf(charter, rule).mode !== 'OFF';
}

/** `ladder.reasonRequired`: a ladder proposal or change must say why. */
function checkLadderReason(charter: CharterProfile, field: string, reason: string, required = false): string {
  const text = checkText(field, reason, { max: LIMITS.reason, label: 'The reason' });
  if (text.length === 0 && isRuleOn(charter, 'ladder.reasonRequired'))
    throw charterRule(
      'ladder.reasonRequired',
      `The ${charter.name} asks for reasons to be given for the level of participation: please say why this level was chosen.`,
    );
  if (text.length === 0 && required) throw badInput(field, 'The reason is required: please say why.');
  return text;
}

function checkParticipants(inputs: readonly ParticipantInput[], projectId: string, lead: Actor) {
  if (!Array.isArray(inputs)) throw badInput('participants', 'Participants must be a list.');
  if (inputs.length > LIMITS.participants)
    throw badInput('participants', `A project can have at most ${LIMITS.participants} participants.`);
  const participants: ParticipantRecord[] = [];
  const contacts: ContactDetail[] = [];
  const seen = new Set<string>();
  const callerIsLead = inputs.some((p) => p.role === 'LEAD' && p.personId === lead.id);
  const all: ParticipantInput[] = callerIsLead
    ? [...inputs]
    : [{ displayName: lead.displayName, role: 'LEAD', personId: lead.id }, ...inputs];
  all.forEach((p, i) => {
    const field = `participants[${callerIsLead ? i : i - 1}]`;
    const role = checkOneOf(`${field}.role`, p.role, PARTICIPANT_ROLES, 'A participant role');
    const personId = checkOptionalText(`${field}.personId`, p.personId, {
      max: LIMITS.shortText,
      label: 'A person id',
    });
    if (personId) {
      const key = `${personId}/${role}`;
      if (seen.has(key))
        throw badInput(`${field}.personId`, `Person ${personId} is listed twice as ${role}.`);
      seen.add(key);
    }
    const id = `${projectId}.p${i + 1}`;
    participants.push({
      id,
      personId,
      displayName: checkText(`${field}.displayName`, p.displayName, {
        max: LIMITS.shortText,
        required: true,
        label: 'A participant name',
      }),
      role,
      organisation: checkOptionalText(`${field}.organisation`, p.organisation, {
        max: LIMITS.shortText,
        label: 'An organisation',
      }),
      professionalRole: checkOptionalText(`${field}.professionalRole`, p.professionalRole, {
        max: LIMITS.shortText,
        label: 'A professional role',
      }),
      conflictOfInterest: checkOptionalText(`${field}.conflictOfInterest`, p.conflictOfInterest, {
        max: LIMITS.reason,
        label: 'A conflict of interest',
      }),
    });
    if (p.email !== null && p.email !== undefined && p.email.trim() !== '') {
      const email = p.email.trim();
      if (!isEmail(email)) throw badInput(`${field}.email`, `"${email}" is not an email address.`);
      contacts.push({ participantId: id, email });
    }
  });
  return { participants, contacts };
}

/** Starting a project: the caller must be a LEAD in the charter, and becomes the project's LEAD. */
export function decideStart(projectId: string, input: StartProjectInput, actor: Actor, now: Date): Decision {
  if (!actor.roles.includes('LEAD'))
    throw forbidden('Only a project lead can start a project: your account does not have the LEAD role.');
  const charter = findCharter(input.charterId);
  if (!charter) {
    if (!actor.charters.includes(input.charterId))
      throw forbidden(
        `You do not act in charter "${input.charterId}", so you cannot start a project under it.`,
      );
    throw badInput('charterId', `There is no charter "${input.charterId}".`);
  }
  if (!actor.charters.includes(charter.id))
    throw forbidden(`You do not act in the ${charter.name}, so you cannot start a project under it.`);
  const title = checkText('title', input.title, {
    max: LIMITS.shortText,
    required: true,
    label: 'The title',
  });
  const purpose = checkText('purpose', input.purpose, {
    max: LIMITS.longText,
    required: true,
    label: 'The purpose',
  });
  const confidentiality = checkOneOf(
    'confidentiality',
    input.confidentiality,
    CONFIDENTIALITY_LEVELS,
    'Confidentiality',
  );
  const expectedOutcomes = checkList(
    'expectedOutcomes',
    input.expectedOutcomes,
    LIMITS.listItems,
    'An expected outcome',
    LIMITS.reason,
  );
  const proposedLevel = checkOneOf('proposedLevel', input.proposedLevel, LADDER_LEVELS, 'The proposed level');
  checkOptionalText('idempotencyKey', input.idempotencyKey, {
    max: LIMITS.shortText,
    label: 'The idempotency key',
  });
  const { participants, contacts } = checkParticipants(input.participants, projectId, actor);
  const reason = checkLadderReason(charter, 'proposedReason', input.proposedReason);
  const started = eventOf(
    'ProjectStarted',
    { charterId: charter.id, title, purpose, confidentiality, expectedOutcomes, proposedLevel, participants },
    actor,
    now,
    reason,
  );
  return { events: [started], contacts };
}

function requireLead(state: ProjectState, actor: Actor, what: string) {
  if (!hasParticipantRole(state, actor, 'LEAD')) throw forbidden(`Only the project's lead can ${what}.`);
}

function requireParentCarerSide(state: ProjectState, actor: Actor, what: string) {
  if (!speaksForParentCarers(state, actor))
    throw forbidden(`Only a parent carer representative on this project, or the forum, can ${what}.`);
}

function requireOpen(state: ProjectState) {
  if (FINAL_PHASES.includes(state.phase))
    throw invalidPhase(
      `This project is ${state.phase === 'CLOSED' ? 'closed' : 'cancelled'}: no further steps can be taken.`,
    );
}

function requireLadderAgreementPhase(state: ProjectState, what: string) {
  requireOpen(state);
  if (state.phase !== 'LADDER_AGREEMENT')
    throw invalidPhase(`The level of participation has already been agreed, so you cannot ${what} now.`);
}

type Decider<C extends ProjectCommand> = (
  state: ProjectState,
  command: C,
  actor: Actor,
  now: Date,
) => Decision;
const only = (...events: NewEvent[]): Decision => ({ events, contacts: [] });

const deciders: { [K in ProjectCommand['type']]: Decider<Extract<ProjectCommand, { type: K }>> } = {
  agreeLadderLevel(state, command, actor, now) {
    requireParentCarerSide(state, actor, 'agree the level of participation');
    const comment = checkOptionalText('comment', command.comment, {
      max: LIMITS.reason,
      label: 'The comment',
    });
    requireLadderAgreementPhase(state, 'agree it again');
    if (state.ladder.proposedBy === 'PARENT_CARERS')
      throw invalidPhase(
        "The standing proposal is the parent carer side's own counter-proposal: the project lead now needs to agree it (or propose another level).",
      );
    return only(
      eventOf('LadderLevelAgreed', { level: state.ladder.proposedLevel, comment }, actor, now, comment),
    );
  },

  counterProposeLadderLevel(state, command, actor, now) {
    requireParentCarerSide(state, actor, 'counter-propose a level of participation');
    const level = checkOneOf('level', command.level, LADDER_LEVELS, 'The level');
    const charter = charterOf(state.charterId);
    requireLadderAgreementPhase(state, 'counter-propose');
    const reason = checkLadderReason(charter, 'reason', command.reason, true);
    return only(eventOf('LadderLevelCounterProposed', { level }, actor, now, reason));
  },

  changeLadderLevel(state, command, actor, now) {
    requireLead(state, actor, 'change the level of participation');
    const level = checkOneOf('level', command.level, LADDER_LEVELS, 'The level');
    const charter = charterOf(state.charterId);
    requireOpen(state);
    if (state.phase === 'LADDER_AGREEMENT') {
      const reason = checkLadderReason(charter, 'reason', command.reason);
      // Agreeing the parent carer side's counter-proposal fixes the level; anything else is a new proposal.
      if (state.ladder.proposedBy === 'PARENT_CARERS' && level === state.ladder.proposedLevel)
        return only(
          eventOf('LadderLevelAgreed', { level, comment: reason || null }, actor, now, reason || null),
        );
      return only(eventOf('LadderLevelProposed', { level }, actor, now, reason));
    }
    const from = state.ladder.agreedLevel as LadderLevel;
    if (level === from) throw badInput('level', `The agreed level is already ${level}.`);
    const reason = checkLadderReason(charter, 'reason', command.reason, true);
    return only(eventOf('LadderLevelChanged', { from, level }, actor, now, reason));
  },

  cancelProject(state, command, actor, now) {
    requireLead(state, actor, 'cancel the project');
    const reason = checkText('reason', command.reason, {
      max: LIMITS.reason,
      required: true,
      label: 'The reason',
    });
    requireOpen(state);
    return only(eventOf('ProjectCancelled', { phase: state.phase }, actor, now, reason));
  },
};

/** Decides a command against a project's current state; throws DomainError when refused. */
export function decide(state: ProjectState, command: ProjectCommand, actor: Actor, now: Date): Decision {
  if (!canReadProject(state, actor)) throw notFound();
  const decider = deciders[command.type] as Decider<ProjectCommand> | undefined;
  if (!decider) throw badInput('command', `Unknown step "${command.type}".`);
  return decider(state, command, actor, now);
}
