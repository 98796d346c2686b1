// On every resolver: refuses a request without a valid token (UNAUTHENTICATED).
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '../common/app-error';
import type { RequestContext } from './request-context';

@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!ctx.actor) throw unauthenticated(ctx.authProblem ?? undefined);
    return true;
  }
}
