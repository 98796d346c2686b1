// The people-facing pages: server-rendered with Nunjucks and GOV.UK Frontend, on the
// gateway's Fastify. Pages call the same application services as the GraphQL resolvers.
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { StartController } from './pages/start.controller';
import { PageNotFoundFilter } from './rendering/page-not-found.filter';
import { PageRenderer } from './rendering/page-renderer';

@Module({
  controllers: [StartController],
  providers: [PageRenderer, { provide: APP_FILTER, useClass: PageNotFoundFilter }],
  exports: [PageRenderer],
})
export class WebModule {
  static readonly resolvers = [];
}
