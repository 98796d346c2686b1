// The gateway's outer surface: /health, GraphiQL in development only, and the committed
// schema matching what it serves and agreeing with the API contract.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { buildGatewaySchema, printGatewaySchema } from '../apps/gateway/src/schema/gateway-schema';
import { cast } from './support/people';
import { gqlAt, startStack, type Stack } from './support/stack';

const root = join(__dirname, '..');
const committedSchemaPath = join(root, 'apps/gateway/schema.gql');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

it('GET /health answers 200 with PostgreSQL and Temporal up', async () => {
  const res = await fetch(stack.url.replace('/graphql', '/health'));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', postgres: 'up', temporal: 'up' });
});

describe('GraphiQL', () => {
  const baseOf = (url: string) => url.replace(/\/graphql$/, '');
  const openInBrowser = (url: string) => fetch(url, { headers: { accept: 'text/html' }, redirect: 'manual' });

  it('is not served outside development: NODE_ENV=test (this gateway) and production', async () => {
    const production = await stack.startExtraGateway({ NODE_ENV: 'production' });
    try {
      for (const url of [stack.url, production.url]) {
        expect((await fetch(`${baseOf(url)}/graphiql`)).status).toBe(404);
        expect((await openInBrowser(url)).headers.get('location')).toBeNull();
      }
    } finally {
      await production.stop();
    }
  });

  it('is served in development, /graphql in a browser leads to it, and it works with the token in its headers', async () => {
    const dev = await stack.startExtraGateway({ NODE_ENV: 'development' });
    try {
      const page = await fetch(`${baseOf(dev.url)}/graphiql`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<title>GraphiQL</title>');
      expect(await (await fetch(`${baseOf(dev.url)}/graphiql/config.js`)).text()).toContain(
        "window.GRAPHQL_ENDPOINT = '/graphql'",
      );
      const browser = await openInBrowser(dev.url);
      expect(browser.status).toBe(302);
      expect(browser.headers.get('location')).toBe('/graphiql');
      // GraphiQL's requests are POSTs to /graphql: introspection needs the token from its
      // Headers tab ({"Authorization": "Bearer <token>"}), as README "GraphiQL" says.
      const bare = await gqlAt(dev.url, '{ __schema { queryType { name } } }');
      expect(bare.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const withToken = await gqlAt(dev.url, '{ __schema { queryType { name } } }', {}, cast().board.token);
      expect(withToken).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await dev.stop();
    }
  });
});

it('the committed schema is the one the code builds (run `npm run schema` after changing the API)', async () => {
  const built = printGatewaySchema(await buildGatewaySchema());
  expect(readFileSync(committedSchemaPath, 'utf8')).toBe(built);
});

it('the running gateway serves the committed schema', async () => {
  const res = await stack.gql<any>(getIntrospectionQuery(), {}, cast().board.token);
  const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data!)));
  const committed = printSchema(
    lexicographicSortSchema(buildSchema(readFileSync(committedSchemaPath, 'utf8'))),
  );
  expect(served).toBe(committed);
});

it('nothing in the committed schema disagrees with the API contract', () => {
  // `shared/` beside the repository: /work/shared for /work/main and for /work/wt/<name> alike.
  let checker = join(root, '..', 'shared', 'tools', 'contract-check.mjs');
  for (let dir = root; !existsSync(checker) && dirname(dir) !== dir; dir = dirname(dir))
    checker = join(dirname(dir), 'shared', 'tools', 'contract-check.mjs');
  expect(existsSync(checker)).toBe(true);
  let output: string;
  try {
    output = execFileSync('node', [checker, committedSchemaPath], { cwd: root, encoding: 'utf8' });
  } catch (err) {
    output = (err as { stdout: string }).stdout;
  }
  const disagreements = output.split('\n').filter((line) => line.includes('contract says'));
  expect(disagreements).toEqual([]);
  expect(output).toMatch(/contract items present/);
});
