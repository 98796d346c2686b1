// Audit trails: a project's own, the cross-project one, and the check of the hash chain.
import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { AuditReadsService } from './audit-reads.service';
import { AuditResolver } from './audit.resolver';
import { ProjectAuditTrailResolver } from './project-audit-trail.resolver';

const RESOLVERS = [AuditResolver, ProjectAuditTrailResolver];

@Module({
  imports: [ProjectsModule],
  providers: [...RESOLVERS, AuditReadsService],
  exports: [AuditReadsService],
})
export class AuditModule {
  static readonly resolvers = RESOLVERS;
}
