// What scripts/bench.mjs hands the benchmark process: the servers it started and the tokens
// it minted (with scripts/token.mjs's mintToken), all through the environment.
import type { Actor } from '../libs/domain/src/actor';

export interface BenchPerson {
  token: string;
  actor: Actor;
}

/** The sections `--only` can name. */
export const BENCH_SECTIONS = ['steps', 'reads', 'appends', 'verification', 'audit', 'board'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export interface BenchContext {
  quick: boolean;
  /** The sections to run (`--only`); all of them by default. */
  sections: ReadonlySet<BenchSection>;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** The project worker's task queue (the gateway starts workflows on it). */
  taskQueue: string;
  /** The no-op worker's task queue. */
  noopTaskQueue: string;
  /** e.g. http://127.0.0.1:PORT/graphql */
  graphqlUrl: string;
  /** A second database on the same server, for the seeded cases (audit pages, board report). */
  seededDatabaseUrl: string;
  /** A second gateway, reading the seeded database. */
  seededGraphqlUrl: string;
  people: { lead: BenchPerson; keyContact: BenchPerson; rep: BenchPerson; board: BenchPerson };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark with \`npm run bench\`.`);
  return value;
}

function sectionsFrom(only: string): ReadonlySet<BenchSection> {
  const named = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = named.filter((s) => !(BENCH_SECTIONS as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(
      `--only: no section called ${unknown.join(', ')} (there are ${BENCH_SECTIONS.join(', ')}).`,
    );
  return new Set(named.length ? (named as BenchSection[]) : BENCH_SECTIONS);
}

export function contextFromEnv(): BenchContext {
  return {
    quick: process.env.BENCH_QUICK === '1',
    sections: sectionsFrom(process.env.BENCH_ONLY ?? ''),
    databaseUrl: required('DATABASE_URL'),
    temporalAddress: required('TEMPORAL_ADDRESS'),
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: required('TEMPORAL_TASK_QUEUE'),
    noopTaskQueue: required('BENCH_NOOP_TASK_QUEUE'),
    graphqlUrl: required('BENCH_GRAPHQL_URL'),
    seededDatabaseUrl: required('BENCH_SEEDED_DATABASE_URL'),
    seededGraphqlUrl: required('BENCH_SEEDED_GRAPHQL_URL'),
    people: JSON.parse(required('BENCH_PEOPLE')) as BenchContext['people'],
  };
}

/** What GraphQL answers. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POST a GraphQL document with fetch; throws on HTTP or GraphQL errors. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(150_000),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  }
  if (!res.ok || !body.data) throw new Error(`HTTP ${res.status} without data`);
  return body.data;
}
