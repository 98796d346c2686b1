// What a page handler needs to know about the browser: who is signed in, the form token
// (CSRF) to put in its forms, and how to send someone to sign in first.
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chartersWithRole } from '../../../../../libs/domain/src/actor';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { randomToken } from '../../identity/sessions.store';
import { SignedInService, type SignedIn } from '../../identity/signed-in.service';

/** The form token of someone not signed in: a random value in a cookie, repeated in the form. */
export const ANONYMOUS_CSRF_COOKIE = 'form_token';

export const isSignedInAdmin = (who: SignedIn) =>
  who.actor.memberships?.some((m) => m.role === 'ADMIN') ?? false;

/** The charters whose board the signed-in person sits on, for the header's "Board report" links. */
export const boardChartersOf = (who: SignedIn) =>
  chartersWithRole(who.actor, 'BOARD').map((id) => ({ id, name: findCharter(id)?.name ?? id }));

@Injectable()
export class WebContextService {
  constructor(private readonly signedIn: SignedInService) {}

  session(request: FastifyRequest): Promise<SignedIn | null> {
    return this.signedIn.sessionOf(request);
  }

  /** The values every page template gets: who is signed in and the form token. */
  frame(request: FastifyRequest, reply: FastifyReply, who: SignedIn | null) {
    return {
      signedIn: who
        ? { name: who.person.displayName, isAdmin: isSignedInAdmin(who), boards: boardChartersOf(who) }
        : null,
      csrfToken: who ? who.csrfToken : this.anonymousToken(request, reply),
    };
  }

  /** The token a form from this browser must carry. */
  expectedToken(request: FastifyRequest, who: SignedIn | null): string | undefined {
    return who ? who.csrfToken : request.cookies[ANONYMOUS_CSRF_COOKIE];
  }

  private anonymousToken(request: FastifyRequest, reply: FastifyReply): string {
    const existing = request.cookies[ANONYMOUS_CSRF_COOKIE];
    if (existing && /^[\w-]{43}$/.test(existing)) return existing;
    const token = randomToken();
    reply.setCookie(ANONYMOUS_CSRF_COOKIE, token, this.signedIn.cookieOptions());
    return token;
  }

  /** Sends the browser to sign in, and back here afterwards. */
  toSignIn(request: FastifyRequest, reply: FastifyReply) {
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnPathOf(request))}`, 303);
  }
}

/**
 * Where to come back to after signing in: the page itself, or for a form that was sent
 * (a POST cannot be repeated by a redirect) the project it belongs to, else "Your projects".
 */
export function returnPathOf(request: { method: string; url: string }): string {
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  return /^\/projects\/[^/?#]+/.exec(request.url)?.[0] ?? '/projects';
}

/** Only a path on this site may be returned to after signing in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%~+]*$/.test(value) ? value : '/projects';
}
