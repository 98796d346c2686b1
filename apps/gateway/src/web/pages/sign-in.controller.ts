// Signing in and out. Staff go to the organisation's OpenID provider and come back to
// /sign-in/callback; signing out ends the person's sessions everywhere.
import { Controller, Get, Logger, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignedInService } from '../../identity/signed-in.service';
import { StaffSignInService, type PendingSignIn } from '../../identity/staff-sign-in.service';
import { PageRenderer } from '../rendering/page-renderer';
import { sendProblemPage } from '../rendering/problem-page';
import { sendPage } from '../rendering/send-page';
import { CsrfGuard } from '../session/csrf.guard';
import { safeReturnTo, WebContextService } from '../session/web-context.service';

const PENDING_COOKIE = 'sign_in_pending';

@Controller()
@UseGuards(CsrfGuard)
export class SignInController {
  private readonly logger = new Logger(SignInController.name);

  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly staff: StaffSignInService,
    private readonly signedIn: SignedInService,
  ) {}

  @Get('sign-in')
  async signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo: unknown,
  ) {
    const who = await this.web.session(request);
    if (who) return reply.redirect(safeReturnTo(returnTo), 303);
    return sendPage(
      reply,
      this.pages.render('pages/sign-in.njk', {
        ...this.web.frame(request, reply, null),
        title: 'Sign in',
        returnTo: safeReturnTo(returnTo),
        staffSignIn: this.staff.enabled,
      }),
    );
  }

  @Get('sign-in/staff')
  async staffSignIn(@Res() reply: FastifyReply, @Query('returnTo') returnTo: unknown) {
    if (!this.staff.enabled)
      return this.problem(
        reply,
        'Staff sign-in is not set up',
        ['Ask your administrator to set OIDC_ISSUER.'],
        503,
      );
    let begun: { url: string; pending: PendingSignIn };
    try {
      begun = await this.staff.begin(safeReturnTo(returnTo));
    } catch (err) {
      this.logger.warn(`The identity provider did not answer: ${(err as Error).message}`);
      return this.problem(
        reply,
        'Sorry, you cannot sign in at the moment',
        ['Your organisation’s sign-in service did not answer. Try again in a few minutes.'],
        503,
      );
    }
    reply.setCookie(PENDING_COOKIE, JSON.stringify(begun.pending), {
      ...this.signedIn.cookieOptions(),
      path: '/sign-in',
      maxAge: 600,
      signed: true,
    });
    return reply.redirect(begun.url, 303);
  }

  @Get('sign-in/callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const pending = this.pending(request);
    reply.clearCookie(PENDING_COOKIE, { ...this.signedIn.cookieOptions(), path: '/sign-in' });
    if (!pending)
      return this.problem(
        reply,
        'Your sign-in took too long',
        ['Nothing was changed. Please sign in again.'],
        400,
        {
          href: '/sign-in',
          text: 'Sign in',
        },
      );
    const query = request.url.slice(request.url.indexOf('?'));
    let result;
    try {
      result = await this.staff.finish(query.startsWith('?') ? query : '', pending);
    } catch (err) {
      this.logger.warn(`A staff sign-in failed: ${(err as Error).message}`);
      return this.problem(
        reply,
        'You could not be signed in',
        ['Something went wrong while signing you in. Please try again.'],
        400,
        {
          href: '/sign-in',
          text: 'Sign in',
        },
      );
    }
    if ('problem' in result)
      return this.problem(
        reply,
        'You do not have access to this service yet',
        [
          result.email
            ? `Your work account (${result.email}) is not set up in this service.`
            : 'Your work account is not set up in this service.',
          'Ask your charter administrator to add you, then sign in again.',
        ],
        403,
      );
    await this.signedIn.signIn(result.person, reply);
    return reply.redirect(pending.returnTo, 303);
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const who = await this.web.session(request);
    if (who) await this.signedIn.signOut(who, reply);
    return reply.redirect('/signed-out', 303);
  }

  @Get('sign-out')
  async signOutPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const who = await this.web.session(request);
    if (!who) return reply.redirect('/signed-out', 303);
    return sendPage(
      reply,
      this.pages.render('pages/sign-out.njk', { ...this.web.frame(request, reply, who), title: 'Sign out' }),
    );
  }

  @Get('signed-out')
  signedOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return sendProblemPage(reply, this.pages, {
      ...this.web.frame(request, reply, null),
      title: 'You have signed out',
      lines: ['You have been signed out of this service on every device you used it on.'],
      link: { href: '/sign-in', text: 'Sign in again' },
    });
  }

  private pending(request: FastifyRequest): PendingSignIn | null {
    const raw = request.cookies[PENDING_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      return JSON.parse(unsigned.value) as PendingSignIn;
    } catch {
      return null;
    }
  }

  private problem(
    reply: FastifyReply,
    title: string,
    lines: string[],
    status: number,
    link: { href: string; text: string } = { href: '/', text: 'Go to the start page' },
  ) {
    return sendProblemPage(reply, this.pages, { title, lines, link }, status);
  }
}
