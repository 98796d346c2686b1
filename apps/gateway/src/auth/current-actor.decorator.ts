// Injects the authenticated caller into a resolver argument.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { RequestContext } from './request-context';

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    GqlExecutionContext.create(context).getContext<RequestContext>().actor as Actor,
);
