// `Project.auditTrail`: the project's own events, by ascending sequence. The project was
// already read with the caller's authorization, so its trail is too.
import { UseGuards } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthGuard } from '../auth/auth.guard';
import { pageSize } from '../common/page-info.model';
import { Project } from '../projects/models/project.model';
import type { ProjectView } from '../projects/project.presenter';
import { AuditEventConnection } from './audit.models';
import { AuditReadsService } from './audit-reads.service';

@Resolver(() => Project)
@UseGuards(AuthGuard)
export class ProjectAuditTrailResolver {
  constructor(private readonly audit: AuditReadsService) {}

  @ResolveField(() => AuditEventConnection)
  auditTrail(
    @Parent() project: ProjectView,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEventConnection> {
    return this.audit.projectTrail(project.id, pageSize(first, 50), after);
  }
}
