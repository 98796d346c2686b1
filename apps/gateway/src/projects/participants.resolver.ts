// Mutations for a project's participants after the start: add, remove, link to a person,
// change a role. Each is one Update on the project's workflow, decided by libs/domain.
import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { ProjectCommand } from '../../../../libs/domain/src/commands';
import type { ParticipantRole } from '../../../../libs/domain/src/vocabulary';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { ParticipantRoleEnum } from '../common/enums';
import { ProjectIdArgs } from '../common/project-id.args';
import { Project } from './models/project.model';
import { ProjectCommandsService } from './project-commands.service';
import { ParticipantInput } from './project.inputs';
import type { ProjectView } from './project.presenter';
import { ProjectReadsService } from './project-reads.service';

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class ParticipantsResolver {
  constructor(
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Mutation(() => Project)
  addParticipant(
    @Args() { projectId }: ProjectIdArgs,
    @Args('input', { type: () => ParticipantInput }) input: ParticipantInput,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'addParticipant', input }, actor);
  }

  @Mutation(() => Project)
  removeParticipant(
    @Args() { projectId }: ProjectIdArgs,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'removeParticipant', participantId, reason }, actor);
  }

  @Mutation(() => Project, { description: 'a participant added without personId' })
  linkParticipant(
    @Args() { projectId }: ProjectIdArgs,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('personId', { type: () => ID }) personId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'linkParticipant', participantId, personId }, actor);
  }

  @Mutation(() => Project, { description: "the lead changes a participant's role (not the only lead's)" })
  changeParticipantRole(
    @Args() { projectId }: ProjectIdArgs,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('role', { type: () => ParticipantRoleEnum }) role: ParticipantRole,
    @CurrentActor() actor: Actor,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ) {
    return this.run(projectId, { type: 'changeParticipantRole', participantId, role, reason }, actor);
  }

  private async run(projectId: string, command: ProjectCommand, actor: Actor): Promise<ProjectView> {
    assertProjectId(projectId);
    const { project } = await this.commands.step(projectId, command, actor);
    return this.reads.view(project, actor);
  }
}
