// Signing in with an emailed link (parent carers and young people): ask for a link, then
// follow it. Following it is a button, not the link's GET alone, so a mail program that
// opens links to check them does not use up the one-time link.
import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SIGN_IN_LINK_MINUTES } from '../../../../../libs/messages/src';
import { EmailSignInService, type FollowedLink } from '../../identity/email-sign-in.service';
import { SignedInService } from '../../identity/signed-in.service';
import { PageRenderer } from '../rendering/page-renderer';
import { sendProblemPage } from '../rendering/problem-page';
import { sendPage } from '../rendering/send-page';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';

/** Roughly what an email address looks like; the link itself proves the rest. */
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]{2,}$/;

const LINK_PROBLEMS: Record<Extract<FollowedLink, { problem: string }>['problem'], string[]> = {
  used: ['This sign-in link has already been used. Each link works only once.'],
  expired: ['This sign-in link has expired.'],
  unknown: ['This sign-in link is not right. Check you copied the whole link from the email.'],
  'no-account': ['This service no longer has an account for the address this link was sent to.'],
};

@Controller('sign-in')
@UseGuards(CsrfGuard)
export class EmailSignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly email: EmailSignInService,
    private readonly signedIn: SignedInService,
  ) {}

  @Get('email')
  async requestPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.requestForm(request, reply, '', []);
  }

  @Post('email')
  async requestLink(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ) {
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    if (!email)
      return this.requestForm(request, reply, email, [{ field: 'email', text: 'Enter your email address' }]);
    if (email.length > 254 || !EMAIL.test(email))
      return this.requestForm(request, reply, email, [
        { field: 'email', text: 'Enter an email address in the correct format, like name@example.com' },
      ]);
    if ((await this.email.request(email, request.ip)) === 'too-many')
      return this.problem(
        request,
        reply,
        'You have asked for too many sign-in links',
        [
          'To keep accounts safe, you can only ask for a few links at a time.',
          `Wait ${SIGN_IN_LINK_MINUTES} minutes, then ask again. The last link we sent you still works until it expires.`,
        ],
        429,
      );
    return sendPage(
      reply,
      this.pages.render('pages/check-email.njk', {
        ...this.web.frame(request, reply, null),
        title: 'Check your email',
        email,
        minutes: SIGN_IN_LINK_MINUTES,
      }),
    );
  }

  @Get('link/:token')
  async linkPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string) {
    return sendPage(
      reply,
      this.pages.render('pages/follow-link.njk', {
        ...this.web.frame(request, reply, await this.web.session(request)),
        title: 'Sign in with your link',
        action: `/sign-in/link/${encodeURIComponent(token)}`,
      }),
    );
  }

  @Post('link/:token')
  async followLink(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('token') token: string,
  ) {
    const followed = await this.email.follow(token);
    if ('problem' in followed)
      return this.problem(
        request,
        reply,
        followed.problem === 'used' ? 'This link has already been used' : 'You cannot sign in with this link',
        [
          ...LINK_PROBLEMS[followed.problem],
          'You can ask for a new sign-in link, sent to your email address.',
        ],
        followed.problem === 'unknown' ? 404 : 410,
        { href: '/sign-in/email', text: 'Get a new sign-in link' },
      );
    // Whoever was signed in in this browser before is signed out of it first.
    const before = await this.web.session(request);
    if (before && before.person.id !== followed.person.id) await this.signedIn.signOut(before, reply);
    await this.signedIn.signIn(followed.person, reply);
    return reply.redirect('/projects', 303);
  }

  private requestForm(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    errors: { field: string; text: string }[],
  ) {
    return sendPage(
      reply,
      this.pages.render('pages/sign-in-email.njk', {
        ...this.web.frame(request, reply, null),
        title: 'Get a sign-in link by email',
        email,
        errors,
        minutes: SIGN_IN_LINK_MINUTES,
      }),
      errors.length ? 400 : 200,
    );
  }

  private problem(
    request: FastifyRequest,
    reply: FastifyReply,
    title: string,
    lines: string[],
    status: number,
    link = { href: '/sign-in/email', text: 'Get a new sign-in link' },
  ) {
    return sendProblemPage(
      reply,
      this.pages,
      { ...this.web.frame(request, reply, null), title, lines, link },
      status,
    );
  }
}
