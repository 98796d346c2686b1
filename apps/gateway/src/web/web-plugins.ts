// What the pages need from Fastify besides the form bodies Nest's adapter parses: cookies, and the static assets (GOV.UK
// Frontend's CSS, JavaScript, fonts and images, plus our own few files) under /assets/.
import { dirname, join, relative } from 'node:path';
import cookie from '@fastify/cookie';
import { createHmac } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayConfig } from '../config';

const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
const ours = join(__dirname, 'public');

/** Only these are served from the package (it also holds Sass and templates). */
const ALLOWED =
  /^\/(fonts\/[\w.-]+|images\/[\w.-]+|manifest\.json|govuk-frontend\.min\.(css|js)|service\.css|init\.js)$/;

export async function registerWebPlugins(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  // Signed cookies (the short-lived sign-in state) use a key derived from the gateway's secret.
  const secret = createHmac('sha256', config.jwtSecret).update('web cookie signing').digest('base64url');
  await app.register(cookie as never, { secret });
  app.useStaticAssets({
    root: [ours, join(govuk, 'assets'), govuk],
    prefix: '/assets/',
    allowedPath: (pathName: string) => ALLOWED.test(`/${relative('/', pathName)}`),
    maxAge: '1h',
    decorateReply: false,
  });
}
