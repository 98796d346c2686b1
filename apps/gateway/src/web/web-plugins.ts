// What the pages need from Fastify besides the form bodies Nest's adapter parses: cookies, and the static assets (GOV.UK
// Frontend's CSS, JavaScript, fonts and images, plus our own few files) under /assets/.
import { dirname, join, relative } from 'node:path';
import cookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
const ours = join(__dirname, 'public');

/** Only these are served from the package (it also holds Sass and templates). */
const ALLOWED =
  /^\/(fonts\/[\w.-]+|images\/[\w.-]+|manifest\.json|govuk-frontend\.min\.(css|js)|service\.css|init\.js)$/;

export async function registerWebPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(cookie as never);
  app.useStaticAssets({
    root: [ours, join(govuk, 'assets'), govuk],
    prefix: '/assets/',
    allowedPath: (pathName: string) => ALLOWED.test(`/${relative('/', pathName)}`),
    maxAge: '1h',
    decorateReply: false,
  });
}
