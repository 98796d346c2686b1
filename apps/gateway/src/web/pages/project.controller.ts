// The project page (/projects/{id}): the project in plain English for anyone who may read it,
// the parent carer side's forms (agree or counter-propose the level, give feedback), and each
// meeting's calendar file. Reads and steps go through the services the GraphQL resolvers
// use, so who may read or do what is decided in one place (and the domain refuses).
import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../../../libs/domain/src/actor';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import type { FeedbackChannel, LadderLevel } from '../../../../../libs/domain/src/vocabulary';
import { meetingCalendarFile, senderFromEnv, type Sender } from '../../../../../libs/messages/src';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import type { SignedIn } from '../../identity/signed-in.service';
import { ProjectCommandsService } from '../../projects/project-commands.service';
import { presentProject } from '../../projects/project.presenter';
import { ProjectReadsService } from '../../projects/project-reads.service';
import { formRefusalOf, type PageError } from '../rendering/form-refusal';
import { PageRenderer } from '../rendering/page-renderer';
import { readableProjectOrNotFound } from './readable-project';
import { sendPage } from '../rendering/send-page';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';
import { projectPage } from './project-page';

type Form = Record<string, unknown>;
type FormName = 'agree' | 'counter-propose' | 'feedback';

/** What a step that went through says on the page it returns to. */
const DONE: Record<FormName, string> = {
  agree: 'You agreed the level of participation.',
  'counter-propose': 'You proposed another level of participation. The project lead will answer it.',
  feedback: 'Thank you: your feedback has been given to the project.',
};

/** The domain's field names (and the charter rule that asks for a field) → the forms' field ids. */
const FIELDS: Record<FormName, Record<string, string>> = {
  agree: { comment: 'comment' },
  'counter-propose': { level: 'level', reason: 'reason', 'ladder.reasonRequired': 'reason' },
  feedback: { channel: 'channel', body: 'body', 'input.replyTo': 'replyTo' },
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

@Controller('projects')
@UseGuards(CsrfGuard)
export class ProjectPageController {
  private readonly sender: Sender = senderFromEnv();

  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':id')
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Query('done') done: unknown,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, id, who.actor);
    const notice = typeof done === 'string' && Object.hasOwn(DONE, done) ? DONE[done as FormName] : null;
    return this.render(request, reply, who, state, { notice });
  }

  @Get(':id/meetings/:meetingId/calendar.ics')
  async calendar(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, id, who.actor);
    const meeting = state.meetings.find((m) => m.id === meetingId);
    if (!meeting) throw new NotFoundException();
    const file = meetingCalendarFile(
      {
        meetingId: meeting.id,
        meetingTitle: meeting.title,
        projectTitle: state.title,
        projectUrl: `${this.config.publicUrl}/projects/${state.id}`,
        startsAt: meeting.startsAt,
        durationMinutes: meeting.durationMinutes,
        location: meeting.location,
        // At least the sequence of the meeting's last change: calendars take it as the latest.
        sequence: state.version,
        cancelled: meeting.status === 'CANCELLED',
      },
      who.person.email ? { name: who.person.displayName, email: who.person.email } : null,
      this.sender,
    );
    return reply
      .status(200)
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="meeting.ics"')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file);
  }

  @Post(':id/level/agree')
  agree(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Form,
  ) {
    return this.act(request, reply, id, 'agree', body, (actor) =>
      this.commands.step(id, { type: 'agreeLadderLevel', comment: text(body?.comment) || null }, actor),
    );
  }

  @Post(':id/level/counter-propose')
  counterPropose(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Form,
  ) {
    return this.act(request, reply, id, 'counter-propose', body, (actor) =>
      this.commands.step(
        id,
        {
          type: 'counterProposeLadderLevel',
          level: text(body?.level) as LadderLevel,
          reason: text(body?.reason),
        },
        actor,
      ),
    );
  }

  @Post(':id/feedback')
  feedback(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Body() body: Form,
  ) {
    return this.act(request, reply, id, 'feedback', body, (actor) =>
      this.commands.submitFeedback(
        id,
        {
          channel: text(body?.channel) as FeedbackChannel,
          body: text(body?.body),
          anonymous: text(body?.anonymous) === 'yes',
          replyTo: text(body?.replyTo) || null,
        },
        actor,
      ),
    );
  }

  /** One step from a form: done, back to the page (Post/Redirect/Get); refused, the form again with why. */
  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormName,
    body: Form,
    step: (actor: Actor) => Promise<unknown>,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, id, who.actor);
    try {
      await step(who.actor);
    } catch (err) {
      const { errors } = formRefusalOf(err, { fields: FIELDS[form], charterId: state.charterId });
      return this.render(request, reply, who, state, { form, values: body ?? {}, errors }, 400);
    }
    return reply.redirect(`/projects/${encodeURIComponent(id)}?done=${form}`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    state: ProjectState,
    extra: { notice?: string | null; form?: FormName; values?: Form; errors?: PageError[] },
    status = 200,
  ) {
    const viewer = await this.reads.viewer(state, who.actor);
    const page = projectPage(presentProject(state, viewer), viewer, who.actor);
    const errors = extra.errors ?? [];
    return sendPage(
      reply,
      this.pages.render('pages/project.njk', {
        ...this.web.frame(request, reply, who),
        section: 'projects',
        ...page,
        notice: extra.notice ?? null,
        form: extra.form ?? null,
        values: extra.values ?? {},
        errors,
        fieldErrors: Object.fromEntries(errors.filter((e) => e.field).map((e) => [e.field, e.text])),
      }),
      status,
    );
  }
}
