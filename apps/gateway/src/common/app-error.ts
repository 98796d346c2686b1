// Errors as the contract shapes them: a GraphQLError with extensions.code (and field/rule).
import { GraphQLError } from 'graphql';
import { DomainError, type DomainErrorDetails, type ErrorCode } from '../../../../libs/domain/src/errors';

export function appError(code: ErrorCode, message: string, details: DomainErrorDetails = {}): GraphQLError {
  const extensions: Record<string, unknown> = { code };
  if (details.field) extensions.field = details.field;
  if (details.rule) extensions.rule = details.rule;
  if (details.retryAfterSeconds) extensions.retryAfterSeconds = details.retryAfterSeconds;
  return new GraphQLError(message, { extensions });
}

export const fromDomainError = (err: DomainError) => appError(err.code, err.message, err.details);

export const unauthenticated = () =>
  appError('UNAUTHENTICATED', 'Please sign in: send a valid token as "Authorization: Bearer <token>".');

export const notFound = (what = 'project') =>
  appError('NOT_FOUND', `No ${what} with that id exists, or you are not allowed to see it.`);

/** The parts of the service that can be down, as a user would name them. */
const PARTS = {
  database: 'the database where projects are kept',
  workflows: "the workflow server that runs each project's steps",
} as const;

/** Seconds to wait before trying again: about how long a restart of either part takes. */
export const RETRY_AFTER_SECONDS = 5;

export const unavailable = (part: keyof typeof PARTS) =>
  appError(
    'UNAVAILABLE',
    `The service cannot reach ${PARTS[part]} just now. Please try again in a few seconds: ` +
      'trying again is safe.',
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Project ids are UUIDs; anything else names no project. */
export function assertProjectId(projectId: string): void {
  if (!UUID.test(projectId)) throw notFound();
}
