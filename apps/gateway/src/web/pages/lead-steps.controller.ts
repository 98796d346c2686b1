// The project lead's and key contact's step forms on a project: each form's POST is one step
// through ProjectCommandsService.step, as the GraphQL mutations take it. The domain decides
// and refuses; a refusal comes back as the form with its error summary, and a person the
// domain does not let take the step gets a plain "You cannot do this" page.
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { decide } from '../../../../../libs/domain/src/commands';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import {
  FEEDBACK_CHANNELS,
  LADDER_LEVELS,
  PARTICIPANT_ROLES,
} from '../../../../../libs/domain/src/vocabulary';
import { CHANNEL_WORDS } from '../../../../../libs/domain/src/plain-english';
import type { SignedIn } from '../../identity/signed-in.service';
import { ProjectCommandsService } from '../../projects/project-commands.service';
import { ProjectReadsService } from '../../projects/project-reads.service';
import { PageRenderer } from '../rendering/page-renderer';
import { readableProjectOrNotFound } from './readable-project';
import { sendPage } from '../rendering/send-page';
import { LEVEL_WORDS, ROLE_WORDS } from '../rendering/words';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';
import { managesParticipants, participantActionsFor } from './lead-actions';
import {
  EXTRA_REPORT_ROWS,
  MEETING_STEPS,
  PARTICIPANT_STEPS,
  PROJECT_STEPS,
  type Form,
  type LeadStep,
  type StepContext,
  values as valuesOf,
} from './lead-forms';
import { cannotDoThis, formErrorsOf, isWhoRefusal } from './lead-refusal';

/** Radio and checkbox items from a list of codes and their words. */
const itemsOf = (codes: readonly string[], words: (code: string) => string) =>
  codes.map((value) => ({ value, text: words(value) }));

const LEVEL_ITEMS = itemsOf(LADDER_LEVELS, (l) => LEVEL_WORDS[l as keyof typeof LEVEL_WORDS]);
const ROLE_ITEMS = itemsOf(PARTICIPANT_ROLES, (r) => ROLE_WORDS[r]);
const CHANNEL_ITEMS = itemsOf(FEEDBACK_CHANNELS, (c) => {
  const words = CHANNEL_WORDS[c as keyof typeof CHANNEL_WORDS].replace(/^(a|the|another) /, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
});

const CHECKBOXES = ['briefed', 'present', 'channels'];

/** The step a form's address names; none for any other word. */
const stepOf = (steps: Record<string, LeadStep>, slug: string) =>
  Object.hasOwn(steps, slug) ? steps[slug] : undefined;

interface ItemParams {
  id: string;
  kind: string;
  itemId: string;
  step: string;
}

/** The step on a meeting or a participant an address names; none for any other address. */
function itemStep(kind: string, itemId: string, step: string) {
  if (kind === 'meetings') return { step: stepOf(MEETING_STEPS, step), target: { meetingId: itemId } };
  if (kind === 'participants')
    return { step: stepOf(PARTICIPANT_STEPS, step), target: { participantId: itemId } };
  return { step: undefined, target: {} };
}

interface Target {
  id: string;
  meetingId?: string;
  participantId?: string;
}

@Controller('projects')
@UseGuards(CsrfGuard)
export class LeadStepsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly reads: ProjectReadsService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Get(':id/participants')
  async participants(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string) {
    return this.withProject(request, reply, { id }, async (who, state) => {
      const view = await this.reads.viewer(state, who.actor);
      return sendPage(
        reply,
        this.pages.render('pages/lead/participants.njk', {
          ...this.web.frame(request, reply, who),
          title: 'Participants',
          section: 'projects',
          project: { id: state.id, title: state.title },
          back: `/projects/${state.id}`,
          participants: state.participants.map((p) => ({
            name: p.displayName,
            role: ROLE_WORDS[p.role],
            email: view.participant(p).email,
            actions: participantActionsFor(state, who.actor, p.id),
          })),
          canAdd: managesParticipants(state, who.actor),
        }),
      );
    });
  }

  @Get(':id/:step')
  projectForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('step') step: string,
  ) {
    return this.form(request, reply, stepOf(PROJECT_STEPS, step), { id });
  }

  @Post(':id/:step')
  projectStep(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') id: string,
    @Param('step') step: string,
    @Body() body: Form,
  ) {
    return this.take(request, reply, stepOf(PROJECT_STEPS, step), { id }, body);
  }

  /** A step on one of the project's meetings or participants: /projects/:id/meetings/:meetingId/:step, …/participants/…. */
  @Get(':id/:kind/:itemId/:step')
  itemForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() { id, kind, itemId, step }: ItemParams,
  ) {
    const item = itemStep(kind, itemId, step);
    return this.form(request, reply, item.step, { id, ...item.target });
  }

  @Post(':id/:kind/:itemId/:step')
  itemStepTaken(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param() { id, kind, itemId, step }: ItemParams,
    @Body() body: Form,
  ) {
    const item = itemStep(kind, itemId, step);
    return this.take(request, reply, item.step, { id, ...item.target }, body);
  }

  /** The form, empty (or as `initial` gives it), once the domain says this person may take the step. */
  private form(request: FastifyRequest, reply: FastifyReply, step: LeadStep | undefined, target: Target) {
    if (!step) throw new NotFoundException();
    return this.withProject(request, reply, target, async (who, state) => {
      const ctx: StepContext = { state, meetingId: target.meetingId, participantId: target.participantId };
      // The domain's own decision on an empty form: who asks is checked before what they sent.
      try {
        decide(state, step.command({}, ctx), who.actor, new Date());
      } catch (err) {
        if (isWhoRefusal(err)) return cannotDoThis(this.pages, this.web, request, reply, who, err);
      }
      return this.render(request, reply, who, state, step, ctx, step.initial?.(ctx) ?? {});
    });
  }

  /** One step with the form's values; back to the project when it is done, or the form with what was refused. */
  private take(
    request: FastifyRequest,
    reply: FastifyReply,
    step: LeadStep | undefined,
    target: Target,
    body: Form,
  ) {
    if (!step) throw new NotFoundException();
    return this.withProject(request, reply, target, async (who, state) => {
      const ctx: StepContext = { state, meetingId: target.meetingId, participantId: target.participantId };
      try {
        await this.commands.step(state.id, step.command(body ?? {}, ctx), who.actor);
      } catch (err) {
        if (isWhoRefusal(err)) return cannotDoThis(this.pages, this.web, request, reply, who, err);
        const refusal = formErrorsOf(
          err,
          { ids: step.ids, fields: step.fields?.(body ?? {}, ctx), rules: step.rules },
          state.charterId,
        );
        return this.render(request, reply, who, state, step, ctx, body ?? {}, refusal);
      }
      return reply.redirect(`/projects/${encodeURIComponent(state.id)}`, 303);
    });
  }

  /** The project the person may read (and its meeting or participant); "Page not found" otherwise. */
  private async withProject(
    request: FastifyRequest,
    reply: FastifyReply,
    target: Target,
    then: (who: SignedIn, state: ProjectState) => Promise<unknown>,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const state = await readableProjectOrNotFound(this.reads, target.id, who.actor);
    const missing =
      (target.meetingId !== undefined && !state.meetings.some((m) => m.id === target.meetingId)) ||
      (target.participantId !== undefined && !state.participants.some((p) => p.id === target.participantId));
    if (missing) throw new NotFoundException();
    return then(who, state);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    state: ProjectState,
    step: LeadStep,
    ctx: StepContext,
    values: Form,
    refusal?: ReturnType<typeof formErrorsOf>,
  ) {
    const viewer = await this.reads.viewer(state, who.actor);
    const meeting = state.meetings.find((m) => m.id === ctx.meetingId);
    const participant = state.participants.find((p) => p.id === ctx.participantId);
    const base = `/projects/${encodeURIComponent(state.id)}`;
    const action = meeting
      ? `${base}/meetings/${encodeURIComponent(meeting.id)}`
      : participant
        ? `${base}/participants/${encodeURIComponent(participant.id)}`
        : base;
    const slug = request.url.split('?')[0].split('/').pop();
    return sendPage(
      reply,
      this.pages.render(`pages/lead/${step.template}`, {
        ...this.web.frame(request, reply, who),
        title: step.title,
        section: 'projects',
        button: step.button,
        action: `${action}/${slug}`,
        back: participant ? `${base}/participants` : base,
        // Ticked boxes as lists (a single tick arrives as one value).
        values: {
          ...values,
          ...Object.fromEntries(CHECKBOXES.map((name) => [name, valuesOf(values, name)])),
        },
        errors: refusal?.errors ?? [],
        fieldErrors: refusal?.fieldErrors ?? {},
        // A MONITORED rule can be set aside with a reason: the field appears once one refused the step.
        override: refusal?.overridable === true || Boolean(values.overrideReason),
        project: {
          id: state.id,
          title: state.title,
          charter: findCharter(state.charterId)?.name ?? '',
          proposedLevel: LEVEL_WORDS[state.ladder.proposedLevel],
          proposedReason: state.ladder.proposedReason,
          agreedLevel: state.ladder.agreedLevel ? LEVEL_WORDS[state.ladder.agreedLevel] : null,
        },
        participants: state.participants.map((p) => ({
          value: p.id,
          text: `${p.displayName} (${ROLE_WORDS[p.role]})`,
        })),
        meeting: meeting && {
          title: meeting.title,
          startsAt: meeting.startsAt,
          durationMinutes: meeting.durationMinutes,
          location: meeting.location,
        },
        participant: participant && { name: participant.displayName, role: ROLE_WORDS[participant.role] },
        feedback: state.feedback.map((f) => ({
          text: viewer.text(f.body),
          receivedAt: f.receivedAt,
          from: f.fromParticipantId ? viewer.participantById(f.fromParticipantId).displayName : 'Anonymous',
        })),
        extraRows: Array.from({ length: EXTRA_REPORT_ROWS }, (_, i) => state.feedback.length + i),
        levels: LEVEL_ITEMS,
        roles: ROLE_ITEMS,
        channels: CHANNEL_ITEMS,
      }),
      refusal ? 400 : 200,
    );
  }
}
