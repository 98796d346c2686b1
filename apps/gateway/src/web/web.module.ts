// The people-facing pages: server-rendered with Nunjucks and GOV.UK Frontend, on the
// gateway's Fastify. Pages call the same application services as the GraphQL resolvers.
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { BoardReportModule } from '../board-report/board-report.module';
import { ProjectsModule } from '../projects/projects.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { AdminPageController } from './pages/admin.controller';
import { AuditPageController } from './pages/audit.controller';
import { BoardReportPageController } from './pages/board-report.controller';
import { EmailSignInController } from './pages/email-sign-in.controller';
import { ProjectPageController } from './pages/project.controller';
import { LeadStepsController } from './pages/lead-steps.controller';
import { ProjectsPageController } from './pages/projects.controller';
import { PublicFeedbackController } from './pages/public-feedback.controller';
import { SignInController } from './pages/sign-in.controller';
import { StartProjectController } from './pages/start-project.controller';
import { StartController } from './pages/start.controller';
import { FormTokenRefusedFilter } from './rendering/form-token.filter';
import { PageNotFoundFilter } from './rendering/page-not-found.filter';
import { PageRenderer } from './rendering/page-renderer';
import { WebContextService } from './session/web-context.service';

@Module({
  // The projects feature's own services (the resolvers' ones), not copies of them.
  imports: [ProjectsModule, BoardReportModule, AuditModule, TransparencyModule],
  // StartProjectController before LeadStepsController: /projects/new is not a project id.
  controllers: [
    StartController,
    SignInController,
    EmailSignInController,
    ProjectsPageController,
    BoardReportPageController,
    AuditPageController,
    AdminPageController,
    PublicFeedbackController,
    ProjectPageController,
    StartProjectController,
    LeadStepsController,
  ],
  providers: [
    PageRenderer,
    WebContextService,
    { provide: APP_FILTER, useClass: PageNotFoundFilter },
    { provide: APP_FILTER, useClass: FormTokenRefusedFilter },
  ],
  exports: [PageRenderer],
})
export class WebModule {
  static readonly resolvers = [];
}
