// The GraphQL server: Mercurius on Fastify, code-first schema, with the contract's error
// shapes and limits on query depth, aliases and cost.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { requireToken } from './auth/require-token.hook';
import type { RequestContext } from './auth/request-context';
import { mercuriusErrorFormatter } from './common/graphql-errors';
import { DateScalar, DateTimeScalar, JSONScalar } from './common/scalars';
import type { GatewayConfig } from './config';
import type { SignedInService } from './identity/signed-in.service';
import { subscriptionHooks, subscriptionOptions } from './progress/subscription-transport';

// The cost rule multiplies nested lists by a literal `first`: 100 full projects cost about
// 28k, 100 audit events about 6k, and 100 projects × 100 events each about 1.6M (refused;
// the auditTrail query serves that).
export const QUERY_LIMITS = { depth: 10, aliases: 20, cost: 100_000 };

export function graphqlOptions(config: GatewayConfig, signedIn: SignedInService): MercuriusDriverConfig {
  const validationRules = [
    maxDepthRule({ n: QUERY_LIMITS.depth, exposeLimits: true }),
    // No allow-list: 20,000 aliases of __typename cost as much to answer as any others.
    maxAliasesRule({ n: QUERY_LIMITS.aliases, exposeLimits: true, allowList: [] }),
    costLimitRule({
      maxCost: QUERY_LIMITS.cost,
      exposeLimits: false,
      errorMessage:
        'This query asks for too much at once: ask for fewer items (first) or fewer nested lists.',
    }),
  ];
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // A person exploring the API locally: GraphiQL (its Headers tab carries the token, README
    // "GraphiQL"). Never outside development, where it would only widen what is served.
    graphiql: config.graphiql === true,
    resolvers: { DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar },
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
    // A bearer token, or a browser's session cookie: the same SignedInService as the pages.
    context: async (request: FastifyRequest): Promise<RequestContext> => {
      const check = await signedIn.check(request);
      return 'actor' in check
        ? { actor: check.actor, tokenNotice: check.notice }
        : { actor: null, authProblem: check.problem };
    },
    errorFormatter: mercuriusErrorFormatter,
    // Each query compiled to JavaScript after its first run (graphql-jit): measured, project(id)
    // went from 46% to 53% of { __typename } at 16 at once.
    jit: 1,
    validationRules,
    // Subscriptions over WebSocket at the same path (graphql-transport-ws), with the same rules.
    subscription: subscriptionOptions(config),
    hooks: { ...subscriptionHooks(validationRules), preParsing: requireToken },
  } as MercuriusDriverConfig;
}
