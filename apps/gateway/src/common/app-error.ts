// Errors as the contract shapes them: a GraphQLError with extensions.code (and field/rule).
import { GraphQLError } from 'graphql';
import { DomainError, type DomainErrorDetails, type ErrorCode } from '../../../../libs/domain/src/errors';

export function appError(code: ErrorCode, message: string, details: DomainErrorDetails = {}): GraphQLError {
  const extensions: Record<string, unknown> = { code };
  if (details.field) extensions.field = details.field;
  if (details.rule) extensions.rule = details.rule;
  return new GraphQLError(message, { extensions });
}

export const fromDomainError = (err: DomainError) => appError(err.code, err.message, err.details);

export const unauthenticated = (
  message = 'Please sign in: send a valid token as "Authorization: Bearer <token>".',
) => appError('UNAUTHENTICATED', message);

export const notFound = (what = 'project') =>
  appError('NOT_FOUND', `No ${what} with that id exists, or you are not allowed to see it.`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Project ids are UUIDs; anything else names no project. */
export function assertProjectId(projectId: string): void {
  if (!UUID.test(projectId)) throw notFound();
}
