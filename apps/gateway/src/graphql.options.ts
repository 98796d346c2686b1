// The GraphQL server: Mercurius on Fastify, code-first schema, with the contract's error
// shapes and limits on query depth, aliases and cost.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { actorFromAuthorization } from './auth/jwt';
import type { RequestContext } from './auth/request-context';
import { mercuriusErrorFormatter } from './common/graphql-errors';
import { DateScalar, DateTimeScalar, JSONScalar } from './common/scalars';
import type { GatewayConfig } from './config';

export const QUERY_LIMITS = { depth: 10, aliases: 20, cost: 5000 };

export function graphqlOptions(config: GatewayConfig): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    resolvers: { DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar },
    buildSchemaOptions: { dateScalarMode: 'isoDate' },
    context: (request: FastifyRequest): RequestContext => {
      const check = actorFromAuthorization(request.headers.authorization, config.jwtSecret);
      return { actor: 'actor' in check ? check.actor : null };
    },
    errorFormatter: mercuriusErrorFormatter,
    validationRules: [
      maxDepthRule({ n: QUERY_LIMITS.depth, exposeLimits: true }),
      maxAliasesRule({ n: QUERY_LIMITS.aliases, exposeLimits: true }),
      costLimitRule({ maxCost: QUERY_LIMITS.cost, exposeLimits: true }),
    ],
  } as MercuriusDriverConfig;
}
