import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditReadsService } from './audit/audit-reads.service';
import { AuditResolver } from './audit/audit.resolver';
import { BoardReportModule } from './board-report/board-report.module';
import { ChartersResolver } from './charters/charters.resolver';
import { CodecModule } from './codec/codec.module';
import { GraphqlRefusalFilter } from './common/graphql-exception.filter';
import type { GatewayConfig } from './config';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ProgressModule } from './progress/progress.module';
import { ProjectCommandsService } from './projects/project-commands.service';
import { ProjectReadsService } from './projects/project-reads.service';
import { LifecycleResolver } from './projects/lifecycle.resolver';
import { ProjectsResolver } from './projects/projects.resolver';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        GraphQLModule.forRoot(graphqlOptions(config)),
        BoardReportModule,
        CodecModule,
        ProgressModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: GraphqlRefusalFilter },
        ChartersResolver,
        ProjectsResolver,
        LifecycleResolver,
        AuditResolver,
        ProjectReadsService,
        ProjectCommandsService,
        AuditReadsService,
      ],
    };
  }
}
