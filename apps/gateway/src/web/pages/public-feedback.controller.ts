// Public feedback: the lead publishes the open feedback window as a link (/projects/:id/feedback-link),
// and anyone answers it without signing in (/feedback/:linkId), optionally leaving an address
// for the acknowledgement. Both go through PublicFeedbackService and the project's own steps.
import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasParticipantRole } from '../../../../../libs/domain/src/access';
import { findCharter } from '../../../../../libs/domain/src/charters';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import { isFeedbackChannel } from '../../../../../libs/domain/src/vocabulary';
import type { SignedIn } from '../../identity/signed-in.service';
import { ProjectReadsService } from '../../projects/project-reads.service';
import {
  PUBLIC_ANSWER_LIMITS,
  PublicFeedbackService,
  type OpenLink,
} from '../../projects/public-feedback.service';
import { formRefusalOf, type PageError } from '../rendering/form-refusal';
import { PageRenderer } from '../rendering/page-renderer';
import { channelChoice } from './project-page';
import { readableProjectOrNotFound } from './readable-project';
import { sendProblemPage } from '../rendering/problem-page';
import { sendPage } from '../rendering/send-page';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

@Controller()
@UseGuards(CsrfGuard)
export class PublicFeedbackController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly reads: ProjectReadsService,
    private readonly links: PublicFeedbackService,
  ) {}

  @Get('feedback/:linkId')
  async answerPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('linkId') linkId: string,
  ) {
    const link = await this.links.open(linkId);
    if (!link) return this.closed(request, reply);
    return this.answerForm(request, reply, link, { body: '', replyTo: '' }, []);
  }

  @Post('feedback/:linkId')
  async answer(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('linkId') linkId: string,
    @Body() form: Record<string, unknown>,
  ) {
    const link = await this.links.open(linkId);
    if (!link) return this.closed(request, reply);
    const values = { body: text(form?.body), replyTo: text(form?.replyTo) };
    if (!values.body)
      return this.answerForm(request, reply, link, values, [{ field: 'body', text: 'Enter your feedback' }]);
    const answered = await this.links.answer(link, values.body, values.replyTo, request.ip);
    if (answered.outcome === 'too-many')
      return this.problem(request, reply, 'You have sent a lot of answers', 429, [
        'To keep this form open for everyone, each computer can send only a few answers an hour.',
        `Please wait up to ${PUBLIC_ANSWER_LIMITS.windowMinutes} minutes, then try again.`,
      ]);
    if (answered.outcome === 'refused') {
      const { errors } = formRefusalOf(answered.error, {
        fields: { body: 'body', 'input.replyTo': 'replyTo' },
      });
      return this.answerForm(request, reply, link, values, errors);
    }
    return reply.redirect(`/feedback/${linkId}/thanks${values.replyTo ? '?reply=yes' : ''}`, 303);
  }

  @Get('feedback/:linkId/thanks')
  async thanks(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('linkId') linkId: string) {
    const link = await this.links.open(linkId);
    const query = request.query as Record<string, string | undefined>;
    return sendPage(
      reply,
      this.pages.render('pages/feedback/thanks.njk', {
        ...this.web.frame(request, reply, await this.web.session(request)),
        title: 'Thank you: your feedback was sent',
        projectTitle: link?.title ?? null,
        replyExpected: query.reply === 'yes',
      }),
    );
  }

  /** The lead's page: the link to share, or the form that publishes it. */
  @Get('projects/:id/feedback-link')
  async linkPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, id, who.actor);
    return this.leadPage(request, reply, who, state, []);
  }

  @Post('projects/:id/feedback-link')
  async publish(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() form: Record<string, unknown>,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, id, who.actor);
    const channel = text(form?.channel);
    if (!isFeedbackChannel(channel))
      return this.leadPage(request, reply, who, state, [
        { field: 'channel', text: 'Choose how the answers will be counted' },
      ]);
    try {
      await this.links.publish(state.id, channel, who.actor);
    } catch (err) {
      const { errors } = formRefusalOf(err, { fields: { channel: 'channel' }, charterId: state.charterId });
      return this.leadPage(request, reply, who, state, errors);
    }
    return reply.redirect(`/projects/${state.id}/feedback-link`, 303);
  }

  private leadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    state: ProjectState,
    errors: PageError[],
  ) {
    const window = state.phase === 'FEEDBACK' ? state.feedbackWindow : null;
    return sendPage(
      reply,
      this.pages.render('pages/feedback/link.njk', {
        ...this.web.frame(request, reply, who),
        title: 'Share a public feedback link',
        section: 'projects',
        errors,
        project: { id: state.id, title: state.title },
        url: this.links.urlOf(state),
        open: window !== null && window.closedAt === null,
        closesAt: window?.closesAt ?? null,
        isLead: hasParticipantRole(state, who.actor, 'LEAD'),
        channels: (window?.channels ?? []).map((c) => ({ value: c, text: channelChoice(c) })),
      }),
      errors.length ? 400 : 200,
    );
  }

  private answerForm(
    request: FastifyRequest,
    reply: FastifyReply,
    link: OpenLink,
    values: { body: string; replyTo: string },
    errors: PageError[],
  ) {
    return sendPage(
      reply,
      this.pages.render('pages/feedback/answer.njk', {
        ...this.web.frame(request, reply, null),
        title: `Give your views: ${link.title}`,
        errors,
        link: { ...link, charter: findCharter(link.charterId)?.name ?? '' },
        values,
      }),
      errors.length ? 400 : 200,
    );
  }

  private closed(request: FastifyRequest, reply: FastifyReply) {
    return this.problem(request, reply, 'This feedback form is not open', 404, [
      'The link may be wrong, or the time for giving feedback on this project may have ended.',
      'Check you copied the whole link. If you still want to give your views, contact the council or your parent carer forum.',
    ]);
  }

  private problem(
    request: FastifyRequest,
    reply: FastifyReply,
    title: string,
    status: number,
    lines: string[],
  ) {
    return sendProblemPage(
      reply,
      this.pages,
      { ...this.web.frame(request, reply, null), title, lines },
      status,
    );
  }
}
