// Refusals in the gateway are the domain's DomainError, as the domain and the workflow throw
// them (the workflow's via fromFailure); toGraphQLError is the one place where a refusal
// becomes the contract's GraphQL error (extensions.code, and field, rule or retryAfterSeconds).
import { GraphQLError } from 'graphql';
import { DomainError, notFound } from '../../../../libs/domain/src/errors';
import { isUuid } from '../../../../libs/domain/src/input-checks';

export { notFound };

export function toGraphQLError(err: DomainError): GraphQLError {
  const extensions: Record<string, unknown> = { code: err.code };
  if (err.details.field) extensions.field = err.details.field;
  if (err.details.rule) extensions.rule = err.details.rule;
  if (err.details.retryAfterSeconds) extensions.retryAfterSeconds = err.details.retryAfterSeconds;
  return new GraphQLError(err.message, { extensions });
}

export const unauthenticated = (
  message = 'Please sign in: send a valid token as "Authorization: Bearer <token>".',
) => new DomainError('UNAUTHENTICATED', message);

/** The parts of the service that can be down, as a user would name them. */
const PARTS = {
  database: 'the database where projects are kept',
  workflows: "the workflow server that runs each project's steps",
} as const;

/** Seconds to wait before trying again: about how long a restart of either part takes. */
export const RETRY_AFTER_SECONDS = 5;

export const unavailable = (part: keyof typeof PARTS) =>
  new DomainError(
    'UNAVAILABLE',
    `The service cannot reach ${PARTS[part]} just now. Please try again in a few seconds: ` +
      'trying again is safe.',
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );

/** Project ids are UUIDs; anything else names no project. */
export function assertProjectId(projectId: string): void {
  if (!isUuid(projectId)) throw notFound();
}
