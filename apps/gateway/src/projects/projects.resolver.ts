import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { ProjectCommand } from '../../../../libs/domain/src/commands';
import type { LadderLevel } from '../../../../libs/domain/src/vocabulary';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { LadderLevelEnum } from '../common/enums';
import { pageSize } from '../common/page-info.model';
import { Project, ProjectConnection } from './models/project.model';
import { ProjectCommandsService } from './project-commands.service';
import { ProjectFilter, StartProjectInput } from './project.inputs';
import { breachesRecordedBy, type ProjectView } from './project.presenter';
import { ProjectReadsService } from './project-reads.service';
import { ProjectIdArgs } from '../common/project-id.args';

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class ProjectsResolver {
  constructor(
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Query(() => Project, { nullable: true })
  async project(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectView> {
    assertProjectId(id);
    return this.reads.view(await this.reads.readableState(id, actor), actor);
  }

  @Query(() => ProjectConnection)
  async projects(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ProjectFilter, nullable: true }) filter?: ProjectFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ProjectConnection> {
    const page = await this.reads.list(actor, filter, pageSize(first, 20), after);
    const edges = await Promise.all(
      page.projects.map(async (state) => ({
        cursor: page.cursorOf(state),
        node: await this.reads.view(state, actor),
      })),
    );
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => Project)
  async startProject(
    @Args('input', { type: () => StartProjectInput }) input: StartProjectInput,
    @CurrentActor() actor: Actor,
  ): Promise<ProjectView> {
    const { project, redactions } = await this.commands.startWithRedactions(input, actor);
    return { ...(await this.reads.view(project, actor)), redactions };
  }

  @Mutation(() => Project)
  agreeLadderLevel(
    @Args() { projectId }: ProjectIdArgs,
    @CurrentActor() actor: Actor,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return this.run(projectId, { type: 'agreeLadderLevel', comment: comment ?? null }, actor);
  }

  @Mutation(() => Project, { description: 'the lead accepts the standing counter-proposal' })
  acceptLadderLevel(
    @Args() { projectId }: ProjectIdArgs,
    @CurrentActor() actor: Actor,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return this.run(projectId, { type: 'acceptLadderLevel', comment: comment ?? null }, actor);
  }

  @Mutation(() => Project)
  counterProposeLadderLevel(
    @Args() { projectId }: ProjectIdArgs,
    @Args('level', { type: () => LadderLevelEnum }) level: LadderLevel,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'counterProposeLadderLevel', level, reason }, actor);
  }

  @Mutation(() => Project)
  changeLadderLevel(
    @Args() { projectId }: ProjectIdArgs,
    @Args('level', { type: () => LadderLevelEnum }) level: LadderLevel,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'changeLadderLevel', level, reason }, actor);
  }

  @Mutation(() => Project)
  cancelProject(
    @Args() { projectId }: ProjectIdArgs,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'cancelProject', reason }, actor);
  }

  private async run(projectId: string, command: ProjectCommand, actor: Actor): Promise<ProjectView> {
    assertProjectId(projectId);
    const { project, result, redactions } = await this.commands.step(projectId, command, actor);
    return {
      ...(await this.reads.view(project, actor)),
      breachesRecorded: breachesRecordedBy(project, result.events),
      redactions,
    };
  }
}
