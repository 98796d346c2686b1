// A project's audit trail page (CONTRACT.md "Web"): its recorded steps in words, a page at a
// time, and "Check this record", which recomputes the hash chain and says whether anything
// was changed. The same readers as GraphQL's auditTrail and verifyAuditTrail (the same
// services): anyone else is told the page is not found.
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ParticipantRecord } from '../../../../../libs/domain/src/events';
import { eventLeafHash } from '../../../../../libs/event-store/src/transparency/audit-log';
import { verifyInclusion } from '../../../../../libs/event-store/src/transparency/merkle';
import { AuditReadsService } from '../../audit/audit-reads.service';
import type { AuditEvent } from '../../audit/audit.models';
import { ProjectReadsService } from '../../projects/project-reads.service';
import { AuditProofsService } from '../../transparency/audit-proofs.service';
import { actorInWords, eventInWords, type Names } from '../rendering/audit-words';
import { PageRenderer } from '../rendering/page-renderer';
import { readableProjectOrNotFound } from './readable-project';
import { sendPage } from '../rendering/send-page';
import { WebContextService } from '../session/web-context.service';

/** Steps a page. */
export const AUDIT_PAGE_SIZE = 25;

/** A cursor as the trail hands them out (opaque, short, URL-safe). */
const CURSOR = /^[\w=-]{1,200}$/;

@Controller('projects')
export class AuditPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly projects: ProjectReadsService,
    private readonly audit: AuditReadsService,
    private readonly proofs: AuditProofsService,
  ) {}

  @Get(':id/audit')
  async trail(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id') projectId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const frame = this.web.frame(request, reply, who);
    const after = typeof query.after === 'string' && CURSOR.test(query.after) ? query.after : null;
    // As GraphQL's auditTrail(filter: { projectId }): the project's readers, else not found.
    const state = await readableProjectOrNotFound(this.projects, projectId, who.actor);
    const trail = await this.audit.filteredProjectTrail(who.actor, projectId, {}, AUDIT_PAGE_SIZE, after);
    const events = trail.edges.map((e) => e.node);
    const names: Names = new Map(state.participants.map((p) => [p.id, p]));
    // Those who have left the project are named as the steps on this page recorded them.
    for (const e of events) {
      const d = e.data as { participants?: ParticipantRecord[]; participant?: ParticipantRecord };
      for (const p of [...(d.participants ?? []), ...(d.participant ? [d.participant] : [])])
        if (!names.has(p.id)) names.set(p.id, p);
    }
    const check = query.check === 'yes' ? await this.checkOf(who.actor, projectId) : null;
    return sendPage(
      reply,
      this.pages.render('pages/audit.njk', {
        ...frame,
        title: `Audit trail of ${state.title}`,
        section: 'projects',
        projectId,
        projectTitle: state.title,
        events: events.map((e) => ({
          sequence: e.sequence,
          occurredAt: e.occurredAt,
          who: actorInWords(e.actor),
          reason: e.reason,
          ...eventInWords(e.type, e.data, names),
        })),
        firstPage: after === null,
        next: trail.pageInfo.hasNextPage
          ? `/projects/${projectId}/audit?after=${encodeURIComponent(trail.pageInfo.endCursor!)}`
          : null,
        check,
        signed: await this.signedStatus(events),
      }),
    );
  }

  /** "Check this record": the chain recomputed, through the same service as verifyAuditTrail. */
  private async checkOf(actor: Parameters<AuditReadsService['verify']>[0], projectId: string) {
    const result = await this.audit.verify(actor, projectId);
    return { intact: result.valid, count: result.eventCount, from: result.firstInvalidSequence };
  }

  /**
   * Whether the latest signed checkpoint of the whole log covers this page's steps, and
   * whether the last covered one is proved to be in it.
   */
  private async signedStatus(events: AuditEvent[]) {
    const checkpoint = this.proofs.latest();
    if (!checkpoint) return null;
    let covered: { sequence: number; proved: boolean } | null = null;
    for (const e of [...events].reverse()) {
      const proof = await this.proofs.inclusionProof(e);
      if (!proof) continue;
      const proved = verifyInclusion(
        proof.leafIndex,
        proof.treeSize,
        eventLeafHash(e.hash),
        proof.hashes.map((h) => Buffer.from(h, 'hex')),
        Buffer.from(checkpoint.rootHash, 'base64'),
      );
      covered = { sequence: e.sequence, proved };
      break;
    }
    return { signedAt: checkpoint.signedAt, treeSize: checkpoint.treeSize, covered };
  }
}
