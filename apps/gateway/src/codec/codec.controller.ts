// The codec endpoint for the Temporal UI (its "codec server" setting) and the temporal CLI
// (`--codec-endpoint`): POST /codec/decode, Temporal's remote codec protocol. Authenticated
// with the bearer token of GraphQL, the web session of someone signed in to the service's
// pages, or a token kept in an HttpOnly cookie by /codec/sign-in, since the UI cannot send
// our tokens itself (tick "Include cross-origin
// credentials" in its codec settings). CORS answers the Temporal UI's origin only.
// Refusals are JSON shaped like GraphQL's errors.
import { Body, Controller, Get, Headers, Inject, Logger, Options, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../libs/domain/src/actor';
import { DomainError } from '../../../../libs/domain/src/errors';
import { actorFromAuthorization } from '../auth/jwt';
import { sendRefusal } from '../common/http-refusal';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { SignedInService } from '../identity/signed-in.service';
import { CodecService } from './codec.service';
import { signedInPage, signInPage } from './sign-in.page';

export const CODEC_COOKIE = 'codec_token';

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

@Controller('codec')
export class CodecController {
  private readonly logger = new Logger(CodecController.name);

  constructor(
    private readonly codec: CodecService,
    private readonly signedIn: SignedInService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Options(['decode', 'encode'])
  preflight(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.cors(request, reply)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'authorization, content-type, x-namespace')
      .header('access-control-max-age', '600')
      .status(204)
      .send();
  }

  @Post('decode')
  async decode(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: unknown,
    @Headers('x-namespace') namespace: string | undefined,
  ) {
    try {
      const answer = await this.codec.decode(await this.actorOf(request), body, namespace);
      await this.cors(request, reply).header('cache-control', 'no-store').status(200).send(answer);
    } catch (err) {
      await this.refuse(request, reply, err);
    }
  }

  /** Steps are taken through GraphQL, where they are checked: the UI cannot encode new input. */
  @Post('encode')
  async encode(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.refuse(
      request,
      reply,
      new DomainError(
        'FORBIDDEN',
        'This codec only decodes: take steps on a project through the service itself.',
      ),
    );
  }

  @Get('sign-in')
  async signInForm(@Res() reply: FastifyReply) {
    await reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(signInPage());
  }

  /** The form posts as text/plain ("token=…"), which needs no form parser and no JavaScript. */
  @Post('sign-in')
  async signIn(@Res() reply: FastifyReply, @Body() body: unknown) {
    const text = typeof body === 'string' ? body : '';
    const token = /^token=(\S+)/.exec(text.trim())?.[1] ?? '';
    const check = actorFromAuthorization(`Bearer ${token}`, this.config.jwtSecret);
    if (!('actor' in check)) {
      await reply
        .status(401)
        .header('content-type', 'text/html; charset=utf-8')
        .send(signInPage('That token is not valid (or has expired): mint a new one and paste it again.'));
      return;
    }
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      exp?: number;
    };
    const maxAge = exp ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : 3600;
    // Strict and HttpOnly: sent only by pages of this same site (the local Temporal UI), never readable by scripts.
    await reply
      .status(200)
      .header(
        'set-cookie',
        `${CODEC_COOKIE}=${encodeURIComponent(token)}; Path=/codec; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`,
      )
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(signedInPage(check.actor.displayName));
  }

  /** A token (header, or the /codec/sign-in cookie) wins; else the web session, as on the pages. */
  private async actorOf(request: FastifyRequest): Promise<Actor> {
    const cookie = cookieOf(request.headers.cookie, CODEC_COOKIE);
    const header = request.headers.authorization ?? (cookie ? `Bearer ${cookie}` : undefined);
    if (header) {
      const check = actorFromAuthorization(header, this.config.jwtSecret);
      if ('actor' in check) return check.actor;
    } else {
      const session = await this.signedIn.sessionOf(request);
      if (session) return session.actor;
    }
    throw new DomainError(
      'UNAUTHENTICATED',
      'Please sign in: to the service in this browser, with "Authorization: Bearer <token>", or at /codec/sign-in.',
    );
  }

  /**
   * Only the Temporal UI's pages (TEMPORAL_UI_ORIGIN) may read answers in a browser: the
   * cookie is SameSite=Strict, but other local pages (any port of 127.0.0.1) are same-site.
   * Other origins get no CORS headers, so their browser keeps the answer from them.
   */
  private cors(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (!origin || !this.config.temporalUiOrigins.includes(origin)) return reply;
    return reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-credentials', 'true');
  }

  private async refuse(request: FastifyRequest, reply: FastifyReply, err: unknown) {
    await sendRefusal(this.cors(request, reply), err, { realm: 'codec', logger: this.logger });
  }
}
