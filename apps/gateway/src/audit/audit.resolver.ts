import { UseGuards } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertProjectId } from '../common/app-error';
import { pageSize } from '../common/page-info.model';
import { ProjectReadsService } from '../projects/project-reads.service';
import { AuditEventConnection, AuditFilter, AuditVerification } from './audit.models';
import { AuditReadsService } from './audit-reads.service';
import { ProjectIdArgs } from '../common/project-id.args';

@Resolver()
@UseGuards(AuthGuard)
export class AuditResolver {
  constructor(
    private readonly audit: AuditReadsService,
    private readonly projects: ProjectReadsService,
  ) {}

  @Query(() => AuditEventConnection)
  async auditTrail(
    @Args('filter', { type: () => AuditFilter }) filter: AuditFilter,
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEventConnection> {
    if (filter.projectId) {
      assertProjectId(filter.projectId);
      await this.projects.readableState(filter.projectId, actor);
      return this.audit.filteredProjectTrail(actor, filter.projectId, filter, pageSize(first, 50), after);
    }
    return this.audit.readableTrail(actor, filter, pageSize(first, 50), after);
  }

  @Query(() => AuditVerification)
  async verifyAuditTrail(
    @Args() { projectId }: ProjectIdArgs,
    @CurrentActor() actor: Actor,
  ): Promise<AuditVerification> {
    assertProjectId(projectId);
    return this.audit.verify(actor, projectId);
  }
}
