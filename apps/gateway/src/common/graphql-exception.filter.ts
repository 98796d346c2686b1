// Nest logs every exception a resolver throws as an ERROR with its stack. Refusals (a
// DomainError, or a GraphQLError with the contract's code) are answers, not faults: they
// pass through quietly, a DomainError mapped to GraphQL here; anything else is still logged.
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { DomainError } from '../../../../libs/domain/src/errors';
import { toGraphQLError } from './app-error';

@Catch(DomainError, GraphQLError)
export class GraphqlRefusalFilter implements GqlExceptionFilter {
  catch(refusal: DomainError | GraphQLError) {
    return refusal instanceof DomainError ? toGraphQLError(refusal) : refusal;
  }
}
