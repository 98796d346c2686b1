// "People and roles" (/admin): a charter administrator sees the people of their charters and
// their roles there, adds a person, and grants or removes roles, through PeopleAdminService
// (the rules of who may do what). Every form carries the session's form token.
import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { DomainError } from '../../../../../libs/domain/src/errors';
import { PeopleAdminService } from '../../identity/people-admin.service';
import { MEMBERSHIP_ROLES } from '../../identity/people.store';
import type { SignedIn } from '../../identity/signed-in.service';
import { fieldErrorsOf, formRefusalOf, type PageError } from '../rendering/form-refusal';
import { PageRenderer } from '../rendering/page-renderer';
import { sendProblemPage } from '../rendering/problem-page';
import { sendPage } from '../rendering/send-page';
import { ROLE_WORDS } from '../rendering/words';
import { CsrfGuard } from '../session/csrf.guard';
import { WebContextService } from '../session/web-context.service';

type Form = Record<string, unknown>;

const field = (body: Form | undefined, name: string) =>
  typeof body?.[name] === 'string' ? (body[name] as string).trim() : '';

const charterName = (id: string) => findCharter(id)?.name ?? id;
const roleWords = (role: string) => ROLE_WORDS[role] ?? role;

/** The add form's fields, by the names the refusals give. */
const ADD_FIELDS = { name: 'name', email: 'email', charter: 'charter', role: 'role' };

interface Outcome {
  done?: string;
  errors?: PageError[];
  /** What the add form held, to show it again when refused. */
  added?: { name: string; email: string; charter: string; role: string };
}

@Controller('admin')
@UseGuards(CsrfGuard)
export class AdminPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly admin: PeopleAdminService,
  ) {}

  @Get()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.signedIn(request, reply, (who) => this.render(request, reply, who, {}));
  }

  @Post('people')
  async addPerson(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form) {
    return this.signedIn(request, reply, async (who) => {
      const input = {
        name: field(body, 'name'),
        email: field(body, 'email'),
        charterId: field(body, 'charter'),
        role: field(body, 'role'),
      };
      const added = { name: input.name, email: input.email, charter: input.charterId, role: input.role };
      try {
        const person = await this.admin.add(who.actor, input);
        return this.render(request, reply, await this.web.session(request), {
          done: `${person.displayName} was added as ${roleWords(input.role).toLowerCase()} in ${charterName(input.charterId)}.`,
        });
      } catch (err) {
        return this.refused(request, reply, who, err, ADD_FIELDS, { added });
      }
    });
  }

  @Post('grant')
  grant(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form) {
    return this.changeRole(request, reply, body, 'grant');
  }

  @Post('revoke')
  revoke(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form) {
    return this.changeRole(request, reply, body, 'revoke');
  }

  /** Gives a person a role in a charter, or takes it away; the page again, saying what changed. */
  private changeRole(request: FastifyRequest, reply: FastifyReply, body: Form, change: 'grant' | 'revoke') {
    return this.signedIn(request, reply, async (who) => {
      const input = {
        personId: field(body, 'personId'),
        charterId: field(body, 'charter'),
        role: field(body, 'role'),
      };
      try {
        const person = await this.admin[change](who.actor, input);
        const now = change === 'grant' ? 'is now' : 'is no longer';
        return this.render(request, reply, await this.web.session(request), {
          done: `${person.displayName} ${now} ${roleWords(input.role).toLowerCase()} in ${charterName(input.charterId)}.`,
        });
      } catch (err) {
        // The grant form of each person has its own fields.
        const fields = { role: `role-${input.personId}`, charter: `charter-${input.personId}` };
        return this.refused(request, reply, who, err, change === 'grant' ? fields : {});
      }
    });
  }

  /** Runs `then` for a signed-in administrator; sends others to sign in, or a refusal page. */
  private async signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    then: (who: SignedIn) => Promise<unknown>,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    try {
      this.admin.chartersOf(who.actor);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'FORBIDDEN') throw err;
      return sendProblemPage(
        reply,
        this.pages,
        {
          ...this.web.frame(request, reply, who),
          title: 'You cannot manage people and roles',
          lines: [
            'Only charter administrators can add people and give or remove their roles.',
            'If you need a role changed, ask an administrator of your charter.',
          ],
          link: { href: '/projects', text: 'Go to your projects' },
        },
        403,
      );
    }
    return then(who);
  }

  private refused(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    err: unknown,
    fields: Record<string, string>,
    outcome: Outcome = {},
  ) {
    const refusal = formRefusalOf(err, { fields });
    return this.render(request, reply, who, { ...outcome, errors: refusal.errors }, 400);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn | null,
    outcome: Outcome,
    status = 200,
  ) {
    // An administrator who removed their own access sees the refusal from now on.
    if (!who) return this.web.toSignIn(request, reply);
    const charters = this.admin.chartersOf(who.actor).map((id) => ({ id, name: charterName(id) }));
    const people = (await this.admin.list(who.actor)).map((p) => ({
      id: p.id,
      name: p.displayName,
      email: p.email,
      memberships: p.memberships.map((m) => ({
        charterId: m.charterId,
        charter: charterName(m.charterId),
        role: m.role,
        roleWords: roleWords(m.role),
        self: p.id === who.person.id && m.role === 'ADMIN',
      })),
    }));
    return sendPage(
      reply,
      this.pages.render('pages/admin/people.njk', {
        ...this.web.frame(request, reply, who),
        title: 'People and roles',
        section: 'admin',
        errors: outcome.errors,
        fieldErrors: fieldErrorsOf(outcome.errors),
        done: outcome.done,
        added: outcome.added ?? { name: '', email: '', charter: '', role: '' },
        charters,
        roles: MEMBERSHIP_ROLES.map((r) => ({ value: r, text: roleWords(r) })),
        people,
      }),
      status,
    );
  }
}
