// Failures from below the resolvers that have a contract code, mapped in one place for every
// list, read and step: a forged cursor, and PostgreSQL or Temporal out of reach.
import { status as grpcStatus } from '@grpc/grpc-js';
import { isGrpcServiceError } from '@temporalio/client';
import type { GraphQLError } from 'graphql';
import { BadCursorError, isDatabaseUnavailable } from '../../../../libs/event-store/src';
import { badInput, DomainError } from '../../../../libs/domain/src/errors';
import { toGraphQLError, unavailable } from './app-error';

/** The error and the causes it wraps (the Temporal client nests gRPC errors). */
function* causesOf(err: unknown): Generator<unknown> {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) yield e;
}

const TEMPORAL_DOWN: number[] = [grpcStatus.UNAVAILABLE, grpcStatus.DEADLINE_EXCEEDED];

export function isTemporalUnavailable(err: unknown): boolean {
  for (const e of causesOf(err)) if (isGrpcServiceError(e) && TEMPORAL_DOWN.includes(e.code)) return true;
  return false;
}

/** The contract's error for a failure, or null when it is not one the contract names. */
export function contractErrorFor(err: unknown): GraphQLError | null {
  // A refusal thrown outside a resolver (a hook, a pipe) is mapped here, as the filter maps the rest.
  if (err instanceof DomainError) return toGraphQLError(err);
  if (err instanceof BadCursorError) return toGraphQLError(badInput('after', err.message));
  if ([...causesOf(err)].some(isDatabaseUnavailable)) return toGraphQLError(unavailable('database'));
  if (isTemporalUnavailable(err)) return toGraphQLError(unavailable('workflows'));
  return null;
}
