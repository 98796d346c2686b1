// Shapes a project's read model for one viewer: the charter profile joined in, and contact
// details shown only to those CONTRACT.md allows.
import { canSeeEmailOf } from '../../../../libs/domain/src/access';
import type { Actor } from '../../../../libs/domain/src/actor';
import { findCharter } from '../../../../libs/domain/src/charters';
import type { ParticipantRecord } from '../../../../libs/domain/src/events';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import type { Charter } from '../charters/charter.model';
import type { Participant } from './models/participant.model';
import type { Project } from './models/project.model';

/** A Project as the resolvers return it; `auditTrail` is resolved on demand. */
export type ProjectView = Omit<Project, never> & { state: ProjectState };

export function presentParticipant(
  state: ProjectState,
  participant: ParticipantRecord,
  viewer: Actor,
  contacts: ReadonlyMap<string, string>,
): Participant {
  return {
    ...participant,
    email: canSeeEmailOf(state, viewer, participant) ? (contacts.get(participant.id) ?? null) : null,
  };
}

export function presentProject(
  state: ProjectState,
  viewer: Actor,
  contacts: ReadonlyMap<string, string>,
): ProjectView {
  return {
    state,
    id: state.id,
    title: state.title,
    purpose: state.purpose,
    charter: findCharter(state.charterId) as Charter,
    phase: state.phase,
    confidentiality: state.confidentiality,
    expectedOutcomes: state.expectedOutcomes,
    ladder: state.ladder,
    participants: state.participants.map((p) => presentParticipant(state, p, viewer, contacts)),
    briefing: null,
    meetings: [],
    feedbackWindow: null,
    feedback: [],
    acknowledgement: null,
    closingReport: null,
    breaches: state.breaches,
    deadlines: [],
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    version: state.version,
  };
}
