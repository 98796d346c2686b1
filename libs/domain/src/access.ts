// Who may read and act on a project (CONTRACT.md "Authorization" and "Privacy").
import { actsInCharter, type Actor } from './actor';
import type { ParticipantRecord } from './events';
import type { ParticipantRole } from './vocabulary';

/** The parts of a project that decide who may see it. */
export interface ProjectAccessFacts {
  charterId: string;
  confidentiality: string;
  participants: readonly ParticipantRecord[];
}

export function participantRolesOf(project: ProjectAccessFacts, actor: Actor): ParticipantRole[] {
  return project.participants.filter((p) => p.personId === actor.id).map((p) => p.role);
}

export function isParticipant(project: ProjectAccessFacts, actor: Actor): boolean {
  return participantRolesOf(project, actor).length > 0;
}

export function hasParticipantRole(project: ProjectAccessFacts, actor: Actor, ...roles: ParticipantRole[]) {
  return participantRolesOf(project, actor).some((r) => roles.includes(r));
}

/** Participants; BOARD and FORUM in the charter; anyone in the charter for PUBLIC projects. */
export function canReadProject(project: ProjectAccessFacts, actor: Actor): boolean {
  return (
    isParticipant(project, actor) ||
    actsInCharter(actor, project.charterId, 'BOARD') ||
    actsInCharter(actor, project.charterId, 'FORUM') ||
    (project.confidentiality === 'PUBLIC' && actsInCharter(actor, project.charterId))
  );
}

/** The parent carer side of a ladder agreement: a PARENT_REP participant, or FORUM in the charter. */
export function speaksForParentCarers(project: ProjectAccessFacts, actor: Actor): boolean {
  return hasParticipantRole(project, actor, 'PARENT_REP') || actsInCharter(actor, project.charterId, 'FORUM');
}

/** A participant's email: to themselves, FORUM in the charter, and the project's LEAD and KEY_CONTACT. */
export function canSeeEmailOf(project: ProjectAccessFacts, viewer: Actor, participant: ParticipantRecord) {
  return (
    (participant.personId !== null && participant.personId === viewer.id) ||
    actsInCharter(viewer, project.charterId, 'FORUM') ||
    hasParticipantRole(project, viewer, 'LEAD', 'KEY_CONTACT')
  );
}
