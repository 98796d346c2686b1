// The gateway's features, one Nest module each: AppModule imports them, and the schema
// writer builds the schema from their resolvers, so both use this one list.
import type { Type } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { BoardReportModule } from './board-report/board-report.module';
import { ChartersModule } from './charters/charters.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { MessagesModule } from './messages/messages.module';
import { ProgressModule } from './progress/progress.module';
import { ProjectsModule } from './projects/projects.module';
import { TransparencyModule } from './transparency/transparency.module';
import { WebModule } from './web/web.module';

export const FEATURE_MODULES = [
  // First: who is asking (SignedInService, global) is what GraphQL and every page start from.
  IdentityModule,
  ChartersModule,
  ProjectsModule,
  AuditModule,
  BoardReportModule,
  ProgressModule,
  TransparencyModule,
  MessagesModule,
  HealthModule,
  WebModule,
];

export const GATEWAY_RESOLVERS: Type[] = FEATURE_MODULES.flatMap(
  (feature): readonly Type[] => feature.resolvers,
);
