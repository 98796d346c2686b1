import { UseGuards } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { ProjectCommand } from '../../../../libs/domain/src/commands';
import type { LadderLevel } from '../../../../libs/domain/src/vocabulary';
import { AuditEventConnection } from '../audit/audit.models';
import { AuditReadsService } from '../audit/audit-reads.service';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { LadderLevelEnum } from '../common/enums';
import { pageSize } from '../common/page-info.model';
import { Project, ProjectConnection } from './models/project.model';
import { ProjectCommandsService } from './project-commands.service';
import { ProjectFilter, StartProjectInput } from './project.inputs';
import type { ProjectView } from './project.presenter';
import { ProjectReadsService } from './project-reads.service';

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class ProjectsResolver {
  constructor(
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
    private readonly audit: AuditReadsService,
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

  @ResolveField(() => AuditEventConnection)
  auditTrail(
    @Parent() project: ProjectView,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEventConnection> {
    return this.audit.projectTrail(project.id, pageSize(first, 50), after);
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
    @Args('projectId', { type: () => ID }) projectId: string,
    @CurrentActor() actor: Actor,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return this.run(projectId, { type: 'agreeLadderLevel', comment: comment ?? null }, actor);
  }

  @Mutation(() => Project)
  counterProposeLadderLevel(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('level', { type: () => LadderLevelEnum }) level: LadderLevel,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'counterProposeLadderLevel', level, reason }, actor);
  }

  @Mutation(() => Project)
  changeLadderLevel(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('level', { type: () => LadderLevelEnum }) level: LadderLevel,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'changeLadderLevel', level, reason }, actor);
  }

  @Mutation(() => Project)
  cancelProject(
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('reason') reason: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.run(projectId, { type: 'cancelProject', reason }, actor);
  }

  private async run(projectId: string, command: ProjectCommand, actor: Actor): Promise<ProjectView> {
    assertProjectId(projectId);
    const { project, redactions } = await this.commands.step(projectId, command, actor);
    return { ...(await this.reads.view(project, actor)), redactions };
  }
}
