// Builds the gateway application (used by main.ts and by the tests).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config';
import { registerWebPlugins } from './web/web-plugins';

/** Request bodies larger than this are refused: no legitimate step needs more. */
const BODY_LIMIT_BYTES = 512 * 1024;

export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  if (config.graphiql) {
    // In development, /graphql opened in a browser shows GraphiQL (Mercurius serves it at
    // /graphiql); GET queries (?query=) and WebSocket upgrades at /graphql are untouched.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (request, reply) => {
        const browser = request.headers.accept?.includes('text/html') && !request.headers.upgrade;
        if (request.method === 'GET' && request.url === '/graphql' && browser)
          return reply.redirect('/graphiql');
      });
  }
  await registerWebPlugins(app, config);
  return app;
}
