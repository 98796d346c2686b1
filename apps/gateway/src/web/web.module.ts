// The people-facing pages: server-rendered with Nunjucks and GOV.UK Frontend, on the
// gateway's Fastify. Pages call the same application services as the GraphQL resolvers.
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProjectsModule } from '../projects/projects.module';
import { EmailSignInController } from './pages/email-sign-in.controller';
import { LeadStepsController } from './pages/lead-steps.controller';
import { ProjectsPageController } from './pages/projects.controller';
import { SignInController } from './pages/sign-in.controller';
import { StartProjectController } from './pages/start-project.controller';
import { StartController } from './pages/start.controller';
import { FormTokenRefusedFilter } from './rendering/form-token.filter';
import { PageNotFoundFilter } from './rendering/page-not-found.filter';
import { PageRenderer } from './rendering/page-renderer';
import { WebContextService } from './session/web-context.service';

@Module({
  // The projects feature's own services (the resolvers' ones), not copies of them.
  imports: [ProjectsModule],
  // StartProjectController before LeadStepsController: /projects/new is not a project id.
  controllers: [
    StartController,
    SignInController,
    EmailSignInController,
    ProjectsPageController,
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
