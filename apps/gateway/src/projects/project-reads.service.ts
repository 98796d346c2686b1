// Reads of projects from the read model, with the contract's read authorization.
import { Injectable } from '@nestjs/common';
import { canReadProject, isParticipant } from '../../../../libs/domain/src/access';
import { chartersWithRole, type Actor } from '../../../../libs/domain/src/actor';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import { EventStore } from '../../../../libs/event-store/src';
import { notFound } from '../common/app-error';
import { mutationShowsNoEmail } from '../common/idempotency';
import { presentProject, Viewer, type ProjectView } from './project.presenter';
import type { ProjectFilter } from './project.inputs';

/** The charters in which a caller reads every project (BOARD or FORUM there). */
export function readScopeOf(actor: Actor) {
  return {
    personId: actor.id,
    charterIds: actor.charters,
    boardOrForumCharterIds: chartersWithRole(actor, 'BOARD', 'FORUM'),
  };
}

@Injectable()
export class ProjectReadsService {
  constructor(private readonly store: EventStore) {}

  /** The project's state if the caller may read it; NOT_FOUND otherwise, so existence does not leak. */
  async readableState(projectId: string, actor: Actor): Promise<ProjectState> {
    const state = await this.store.getProject(projectId);
    if (!state || !canReadProject(state, actor)) throw notFound();
    return state;
  }

  async viewer(state: ProjectState, actor: Actor): Promise<Viewer> {
    const sealed = state.confidentiality === 'MEETING_GROUP' && isParticipant(state, actor);
    const [contacts, texts] = await Promise.all([
      // A mutation's answer that shows no address reads none.
      mutationShowsNoEmail() ? new Map<string, string>() : this.store.getContacts(state.id),
      sealed ? this.store.getConfidentialTexts(state.id) : new Map<string, string>(),
    ]);
    return new Viewer(state, actor, contacts, texts);
  }

  async view(state: ProjectState, actor: Actor): Promise<ProjectView> {
    return presentProject(state, await this.viewer(state, actor));
  }

  list(
    actor: Actor,
    filter: ProjectFilter | null | undefined,
    first: number,
    after: string | null | undefined,
  ) {
    return this.store.listProjects(
      { ...(filter ?? {}), readableBy: readScopeOf(actor) },
      { first, after: after ?? undefined },
    );
  }
}
