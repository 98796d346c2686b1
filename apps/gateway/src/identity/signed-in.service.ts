// Who is making a request: an API client's bearer token (HS256, the contract's claims) or a
// browser's session cookie (roles from the product's memberships). Every page, resolver
// and download asks this one service, so there is one way in.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../../libs/domain/src/actor';
import { actorFromAuthorization, type TokenCheck } from '../auth/jwt';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { PeopleStore, type Person } from './people.store';
import { SESSION_HOURS, SessionsStore } from './sessions.store';

export const SESSION_COOKIE = 'session';

const NOT_SIGNED_IN =
  'Please sign in (in the browser), or send a valid token as "Authorization: Bearer <token>".';

/** The headers and cookies of a request (Fastify's, or a WebSocket upgrade's). */
export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

export interface SignedIn {
  actor: Actor;
  person: Person;
  csrfToken: string;
  sessionToken: string;
}

@Injectable()
export class SignedInService {
  constructor(
    private readonly people: PeopleStore,
    private readonly sessions: SessionsStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * The caller: a bearer token when one is sent (with its notice, or what is wrong with it),
   * else the session cookie; a problem in words when neither checks out.
   */
  async check(request: RequestLike): Promise<TokenCheck> {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization)
      return actorFromAuthorization(authorization, this.config.jwtSecret);
    const session = await this.sessionOf(request);
    if (session) return { actor: session.actor, notice: null };
    return { problem: NOT_SIGNED_IN };
  }

  /** The caller, or null when neither a token nor a session checks out. */
  async actorOf(request: RequestLike): Promise<Actor | null> {
    const check = await this.check(request);
    return 'actor' in check ? check.actor : null;
  }

  /** The browser session behind the request's cookie, with the person's current memberships. */
  async sessionOf(request: RequestLike): Promise<SignedIn | null> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return null;
    const session = await this.sessions.find(token);
    if (!session) return null;
    const person = await this.people.byId(session.personId);
    if (!person) return null;
    return {
      actor: await this.people.actorOf(person),
      person,
      csrfToken: session.csrfToken,
      sessionToken: token,
    };
  }

  /** Opens a session for the person and sets its cookie on the reply. */
  async signIn(person: Person, reply: FastifyReply): Promise<void> {
    const token = await this.sessions.open(person.id);
    reply.setCookie(SESSION_COOKIE, token, { ...this.cookieOptions(), maxAge: SESSION_HOURS * 3600 });
  }

  /** Ends every session of the person (all browsers, all gateways) and clears this cookie. */
  async signOut(signedIn: SignedIn, reply: FastifyReply): Promise<void> {
    await this.sessions.closeAllOf(signedIn.person.id);
    reply.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  cookieOptions() {
    return {
      path: '/',
      httpOnly: true,
      secure: this.config.nodeEnv !== 'development',
      sameSite: 'lax' as const,
    };
  }
}
