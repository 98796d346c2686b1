// Starting a project: the caller must be a LEAD in the charter, and becomes the project's LEAD.
import { actsInCharter, type Actor } from '../actor';
import { findCharter } from '../charters';
import { badInput, forbidden } from '../errors';
import type { EventDataMap, ParticipantRecord } from '../events';
import { checkList, checkOneOf, checkOptionalText, checkText, isEmail, LIMITS } from '../input-checks';
import { charterInWords } from '../plain-english';
import {
  CONFIDENTIALITY_LEVELS,
  LADDER_LEVELS,
  PARTICIPANT_ROLES,
  type ParticipantRole,
} from '../vocabulary';
import {
  optionalReason,
  checkLadderReason,
  eventOf,
  HELD_CONTACT,
  type ContactDetail,
  type Decision,
} from './common';

export interface ParticipantInput {
  displayName: string;
  role: ParticipantRole;
  email?: string | null;
  /** Set by the gateway instead of `email`: where it saved the address before the step (HELD_CONTACT). */
  heldContact?: string | null;
  personId?: string | null;
  organisation?: string | null;
  professionalRole?: string | null;
  conflictOfInterest?: string | null;
}
type StartedFacts = Omit<EventDataMap['ProjectStarted'], 'participants'>;

/** What a lead sends to start a project: what ProjectStarted records, why this level, and who takes part. */
export interface StartProjectInput extends StartedFacts {
  proposedReason: string;
  participants: ParticipantInput[];
  idempotencyKey?: string | null;
}

/** Field names of one participant's input: "participants[0].role" at the start, "role" alone later. */
const fieldOf = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** Checks one participant's input; the email (if any) comes back apart from the record. */
export function checkParticipant(p: ParticipantInput, id: string, prefix: string) {
  const role = checkOneOf(fieldOf(prefix, 'role'), p.role, PARTICIPANT_ROLES, 'A participant role');
  const personId = checkOptionalText(fieldOf(prefix, 'personId'), p.personId, {
    max: LIMITS.shortText,
    label: 'A person id',
  });
  const participant: ParticipantRecord = {
    id,
    personId,
    displayName: checkText(fieldOf(prefix, 'displayName'), p.displayName, {
      max: LIMITS.shortText,
      required: true,
      label: 'A participant name',
    }),
    role,
    organisation: checkOptionalText(fieldOf(prefix, 'organisation'), p.organisation, {
      max: LIMITS.shortText,
      label: 'An organisation',
    }),
    professionalRole: checkOptionalText(fieldOf(prefix, 'professionalRole'), p.professionalRole, {
      max: LIMITS.shortText,
      label: 'A professional role',
    }),
    conflictOfInterest: optionalReason(
      fieldOf(prefix, 'conflictOfInterest'),
      p.conflictOfInterest,
      'A conflict of interest',
    ),
  };
  let contact: ContactDetail | null = null;
  if (p.email !== null && p.email !== undefined && p.email.trim() !== '') {
    const email = p.email.trim();
    if (!isEmail(email)) throw badInput(fieldOf(prefix, 'email'), `"${email}" is not an email address.`);
    contact = { participantId: id, email };
  } else if (p.heldContact !== null && p.heldContact !== undefined) {
    if (typeof p.heldContact !== 'string' || !HELD_CONTACT.test(p.heldContact))
      throw badInput(fieldOf(prefix, 'email'), 'The email address was not saved: please try again.');
    contact = { participantId: id, heldAs: p.heldContact };
  }
  return { participant, contact };
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
    const { participant, contact } = checkParticipant(p, `${projectId}.p${i + 1}`, field);
    if (participant.personId) {
      const key = `${participant.personId}/${participant.role}`;
      if (seen.has(key))
        throw badInput(
          `${field}.personId`,
          `Person ${participant.personId} is listed twice as ${participant.role}.`,
        );
      seen.add(key);
    }
    participants.push(participant);
    if (contact) contacts.push(contact);
  });
  return { participants, contacts };
}

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
  // A signed-in person's roles count charter by charter (actsInCharter); a token's in every charter it names.
  if (!actsInCharter(actor, charter.id, 'LEAD'))
    throw forbidden(
      `You do not act as a project lead in ${charterInWords(charter, false)}, so you cannot start a project under it.`,
    );
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
  return { events: [started], contacts, confidentialTexts: [] };
}
