// Refusals in the gateway are the domain's DomainError, as the domain and the workflow throw
// them (the workflow's via fromFailure); toGraphQLError is the one place where a refusal
// becomes the contract's GraphQL error (extensions.code, and field or rule).
import { GraphQLError } from 'graphql';
import { DomainError, notFound } from '../../../../libs/domain/src/errors';
import { isUuid } from '../../../../libs/domain/src/input-checks';

export { notFound };

export function toGraphQLError(err: DomainError): GraphQLError {
  const extensions: Record<string, unknown> = { code: err.code };
  if (err.details.field) extensions.field = err.details.field;
  if (err.details.rule) extensions.rule = err.details.rule;
  return new GraphQLError(err.message, { extensions });
}

export const unauthenticated = () =>
  new DomainError(
    'UNAUTHENTICATED',
    'Please sign in: send a valid token as "Authorization: Bearer <token>".',
  );

/** Project ids are UUIDs; anything else names no project. */
export function assertProjectId(projectId: string): void {
  if (!isUuid(projectId)) throw notFound();
}
