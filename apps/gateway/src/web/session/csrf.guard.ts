// Every form that changes something carries the session's form token (or, before sign-in,
// the one in the browser's form_token cookie). A POST without the right one is refused.
import { timingSafeEqual } from 'node:crypto';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WebContextService } from './web-context.service';

export class FormTokenRefused extends Error {
  constructor() {
    super('The form token is missing or wrong.');
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly web: WebContextService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    const expected = this.web.expectedToken(request, await this.web.session(request));
    if (typeof sent !== 'string' || !expected || !same(sent, expected)) throw new FormTokenRefused();
    return true;
  }
}
