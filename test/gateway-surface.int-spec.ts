// The gateway's outer surface: /health, and the committed schema matching what it serves
// and agreeing with the API contract.
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
import { startStack, type Stack } from './support/stack';

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
