// Participants after the start: the lead adds, removes (with a reason), re-roles and links
// them to the person who signs in as them. Contact details stay out of the events.
import type { Actor } from '../actor';
import { badInput, conflict, DomainError } from '../errors';
import type { ParticipantRecord } from '../events';
import { checkOneOf, checkText, LIMITS } from '../input-checks';
import type { ProjectState } from '../project-state';
import { PARTICIPANT_ROLES, type ParticipantRole } from '../vocabulary';
import {
  requiredReason,
  optionalReason,
  eventOf,
  nextId,
  only,
  requireLead,
  requireOpen,
  type Decision,
} from './common';
import { checkParticipant, type ParticipantInput } from './start';

export type ParticipantCommand =
  | { type: 'addParticipant'; input: ParticipantInput }
  | { type: 'removeParticipant'; participantId: string; reason: string }
  | {
      type: 'linkParticipant';
      participantId: string;
      personId: string;
      /**
       * The person followed the invitation link sent to this participant (the gateway has
       * used the one-time link; the GraphQL mutation never sets this): they link themselves.
       */
      byInvitation?: boolean;
    }
  | { type: 'changeParticipantRole'; participantId: string; role: ParticipantRole; reason?: string | null };

type Decider<C> = (state: ProjectState, command: C, actor: Actor, now: Date) => Decision;

function participantOf(state: ProjectState, participantId: string): ParticipantRecord {
  const participant = state.participants.find((p) => p.id === participantId);
  if (!participant)
    throw new DomainError('NOT_FOUND', 'This project has no participant with that id.', {
      field: 'participantId',
    });
  return participant;
}

/** One person holds each role once on a project (as at the start). */
function refuseDuplicate(state: ProjectState, personId: string | null, role: ParticipantRole, field: string) {
  if (personId && state.participants.some((p) => p.personId === personId && p.role === role))
    throw badInput(field, `Person ${personId} is already a participant of this project as ${role}.`);
}

const isOnlyLead = (state: ProjectState, participant: ParticipantRecord) =>
  participant.role === 'LEAD' && state.participants.filter((p) => p.role === 'LEAD').length === 1;

export const participantDeciders: {
  [K in ParticipantCommand['type']]: Decider<Extract<ParticipantCommand, { type: K }>>;
} = {
  addParticipant(state, { input }, actor, now) {
    requireLead(state, actor, 'add a participant');
    if (typeof input !== 'object' || input === null) throw badInput('input', 'Say who to add.');
    const participantId = nextId(state, 'p', state.participants.length + state.formerParticipants.length);
    const { participant, contact } = checkParticipant(input, participantId, '');
    refuseDuplicate(state, participant.personId, participant.role, 'personId');
    requireOpen(state);
    return {
      ...only(eventOf('ParticipantAdded', { participant }, actor, now)),
      contacts: contact ? [contact] : [],
    };
  },

  removeParticipant(state, { participantId, reason }, actor, now) {
    requireLead(state, actor, 'remove a participant');
    const why = requiredReason('reason', reason);
    const participant = participantOf(state, participantId);
    if (participant.role === 'LEAD')
      throw badInput(
        'participantId',
        "The project's lead cannot be removed. To hand the project over, add the new lead first, then change this participant's role.",
      );
    requireOpen(state);
    return only(eventOf('ParticipantRemoved', { participantId, role: participant.role }, actor, now, why));
  },

  linkParticipant(state, { participantId, personId, byInvitation }, actor, now) {
    const invited = byInvitation === true && actor.id === personId;
    if (!invited) requireLead(state, actor, 'link a participant to a person');
    const person = checkText('personId', personId, {
      max: LIMITS.shortText,
      required: true,
      label: 'The person id',
    });
    const participant = participantOf(state, participantId);
    if (participant.personId !== null)
      throw conflict(
        `This participant is already linked to person ${participant.personId}; a link cannot be changed.`,
      );
    refuseDuplicate(state, person, participant.role, 'personId');
    requireOpen(state);
    return only(
      eventOf(
        'ParticipantLinked',
        { participantId, personId: person },
        actor,
        now,
        invited ? 'Followed the invitation link sent to them.' : null,
      ),
    );
  },

  changeParticipantRole(state, { participantId, role, reason }, actor, now) {
    requireLead(state, actor, "change a participant's role");
    const newRole = checkOneOf('role', role, PARTICIPANT_ROLES, 'The role');
    const why = optionalReason('reason', reason, 'The reason');
    const participant = participantOf(state, participantId);
    if (participant.role === newRole) throw badInput('role', `This participant is already ${newRole}.`);
    if (isOnlyLead(state, participant))
      throw badInput(
        'participantId',
        "This is the project's only lead: add the new lead first, then change this participant's role.",
      );
    refuseDuplicate(state, participant.personId, newRole, 'role');
    requireOpen(state);
    return only(
      eventOf(
        'ParticipantRoleChanged',
        { participantId, from: participant.role, role: newRole },
        actor,
        now,
        why || null,
      ),
    );
  },
};
