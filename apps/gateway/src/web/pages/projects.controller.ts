// "Your projects": the projects the signed-in person may read, through the same read
// service (and so the same authorisation) as the GraphQL `projects` query.
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chartersWithRole } from '../../../../../libs/domain/src/actor';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { ProjectReadsService } from '../../projects/project-reads.service';
import { PageRenderer } from '../rendering/page-renderer';
import { sendPage } from '../rendering/send-page';
import { LEVEL_WORDS, PHASE_WORDS } from '../rendering/words';
import { WebContextService } from '../session/web-context.service';

@Controller('projects')
export class ProjectsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly reads: ProjectReadsService,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const page = await this.reads.list(who.actor, null, 100, null);
    const projects = page.projects.map((p) => ({
      id: p.id,
      title: p.title,
      charter: findCharter(p.charterId)?.name ?? p.charterId,
      phase: PHASE_WORDS[p.phase],
      level: LEVEL_WORDS[p.ladder.agreedLevel ?? p.ladder.proposedLevel],
      agreed: p.ladder.agreedLevel !== null,
      updatedAt: p.updatedAt,
    }));
    return sendPage(
      reply,
      this.pages.render('pages/projects.njk', {
        ...this.web.frame(request, reply, who),
        title: 'Your projects',
        section: 'projects',
        projects,
        total: page.totalCount,
        // A project lead in some charter can start a project there.
        canStart: chartersWithRole(who.actor, 'LEAD').length > 0,
      }),
    );
  }
}
