// Starting a project from a form (GET/POST /projects/new), for people who are a project lead
// in some charter: the same start as the GraphQL startProject, through the same service.
// Without JavaScript, participants are a few fixed rows; blank rows are left out.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chartersWithRole } from '../../../../../libs/domain/src/actor';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { decideStart, type StartProjectInput } from '../../../../../libs/domain/src/commands';
import {
  CONFIDENTIALITY_LEVELS,
  LADDER_LEVELS,
  PARTICIPANT_ROLES,
  type Confidentiality,
  type LadderLevel,
  type ParticipantRole,
} from '../../../../../libs/domain/src/vocabulary';
import type { SignedIn } from '../../identity/signed-in.service';
import { ProjectCommandsService } from '../../projects/project-commands.service';
import { PageRenderer } from '../rendering/page-renderer';
import { sendPage } from '../rendering/send-page';
import { CONFIDENTIALITY_WORDS, LEVEL_WORDS, ROLE_WORDS } from '../rendering/words';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';
import { lines, optional, text, type Form } from './lead-forms';
import { cannotDoThis, formErrorsOf, isWhoRefusal } from './lead-refusal';

/** Participant rows on the form (besides the lead, who is added as the project's lead). */
export const PARTICIPANT_ROWS = 4;

/** The rows someone filled in, with their row number: a row with no name and no email is left out. */
function participantRows(form: Form) {
  return Array.from({ length: PARTICIPANT_ROWS }, (_, row) => ({
    row,
    displayName: text(form, `p${row}Name`),
    role: text(form, `p${row}Role`) as ParticipantRole,
    email: optional(form, `p${row}Email`),
  })).filter((p) => p.displayName || p.email);
}

function startInputOf(form: Form): StartProjectInput {
  return {
    charterId: text(form, 'charterId'),
    title: text(form, 'title'),
    purpose: text(form, 'purpose'),
    confidentiality: text(form, 'confidentiality') as Confidentiality,
    expectedOutcomes: lines(form, 'expectedOutcomes'),
    proposedLevel: text(form, 'proposedLevel') as LadderLevel,
    proposedReason: text(form, 'proposedReason'),
    participants: participantRows(form).map(({ displayName, role, email }) => ({ displayName, role, email })),
    // Made with the form: sending it twice starts one project.
    idempotencyKey: optional(form, 'idempotencyKey'),
  };
}

const START_IDS = [
  'charterId',
  'title',
  'purpose',
  'confidentiality',
  'expectedOutcomes',
  'proposedLevel',
  'proposedReason',
];

/** The domain's "participants[i].x" as the row's field id (blank rows were left out). */
function participantFields(form: Form): Record<string, string> {
  const ids: Record<string, string> = { participants: 'p0Name' };
  participantRows(form).forEach(({ row }, i) => {
    ids[`participants[${i}].displayName`] = `p${row}Name`;
    ids[`participants[${i}].role`] = `p${row}Role`;
    ids[`participants[${i}].email`] = `p${row}Email`;
  });
  return ids;
}

@Controller('projects')
@UseGuards(CsrfGuard)
export class StartProjectController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Get('new')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    // The domain's own answer to whether this person may start a project at all.
    const charterId = chartersWithRole(who.actor, 'LEAD')[0] ?? '';
    try {
      decideStart(randomUUID(), { ...startInputOf({}), charterId }, who.actor, new Date());
    } catch (err) {
      if (isWhoRefusal(err)) return cannotDoThis(this.pages, this.web, request, reply, who, err);
    }
    return this.render(request, reply, who, { idempotencyKey: randomUUID(), charterId });
  }

  @Post('new')
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const form = body ?? {};
    try {
      const { project } = await this.commands.startWithRedactions(startInputOf(form), who.actor);
      return reply.redirect(`/projects/${encodeURIComponent(project.id)}`, 303);
    } catch (err) {
      if (isWhoRefusal(err)) return cannotDoThis(this.pages, this.web, request, reply, who, err);
      const refusal = formErrorsOf(
        err,
        {
          ids: START_IDS,
          fields: participantFields(form),
          rules: { 'ladder.reasonRequired': 'proposedReason' },
        },
        text(form, 'charterId'),
      );
      return this.render(request, reply, who, form, refusal);
    }
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    values: Form,
    refusal?: ReturnType<typeof formErrorsOf>,
  ) {
    return sendPage(
      reply,
      this.pages.render('pages/lead/start-project.njk', {
        ...this.web.frame(request, reply, who),
        title: 'Start a project',
        section: 'projects',
        values,
        errors: refusal?.errors ?? [],
        fieldErrors: refusal?.fieldErrors ?? {},
        charters: chartersWithRole(who.actor, 'LEAD').map((id) => ({
          value: id,
          text: findCharter(id)?.name ?? id,
        })),
        levels: LADDER_LEVELS.map((value) => ({ value, text: LEVEL_WORDS[value] })),
        confidentialities: CONFIDENTIALITY_LEVELS.map((value) => ({
          value,
          text: CONFIDENTIALITY_WORDS[value],
        })),
        roles: [
          { value: '', text: 'Choose a role' },
          ...PARTICIPANT_ROLES.filter((r) => r !== 'LEAD').map((value) => ({
            value,
            text: ROLE_WORDS[value],
          })),
        ],
        rows: Array.from({ length: PARTICIPANT_ROWS }, (_, i) => i),
      }),
      refusal ? 400 : 200,
    );
  }
}
