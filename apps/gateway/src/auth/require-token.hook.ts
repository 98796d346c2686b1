// Every GraphQL request over HTTP needs a valid token (CONTRACT.md "Authentication"),
// introspection and `__typename` too: the resolvers' guard never sees those, so the request
// is refused here, before it is parsed. Subscriptions check theirs on connection_init.
import { toGraphQLError, unauthenticated } from '../common/app-error';
import type { RequestContext } from './request-context';

export function requireToken(_schema: unknown, _source: unknown, context: object): void {
  const ctx = context as Partial<RequestContext>;
  if (!ctx.actor) throw toGraphQLError(unauthenticated(ctx.authProblem ?? undefined));
}
