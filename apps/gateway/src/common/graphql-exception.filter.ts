// Nest logs every exception a resolver throws as an ERROR with its stack. Refusals (the
// contract's codes, thrown as GraphQLError) are answers, not faults, so they pass through
// quietly; anything unexpected is still logged.
import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { BadCursorError } from '../../../../libs/event-store/src/errors';

@Catch(GraphQLError, BadCursorError)
export class GraphqlRefusalFilter implements GqlExceptionFilter {
  catch(refusal: GraphQLError | BadCursorError) {
    return refusal;
  }
}
