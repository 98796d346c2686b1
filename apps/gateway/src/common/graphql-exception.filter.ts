// Nest logs every exception a resolver throws as an ERROR with its stack. Refusals (the
// domain's DomainError, and a forged cursor) are answers, not faults, so they pass through
// quietly, as the contract's GraphQL errors; anything unexpected is still logged.
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../../libs/domain/src/errors';
import { BadCursorError } from '../../../../libs/event-store/src/errors';
import { toGraphQLError } from './app-error';

@Catch(DomainError, GraphQLError, BadCursorError)
export class GraphqlRefusalFilter implements GqlExceptionFilter {
  catch(refusal: DomainError | GraphQLError | BadCursorError) {
    return refusal instanceof DomainError ? toGraphQLError(refusal) : refusal;
  }
}
