// Reads of the audit trail, within what the caller may read.
//
// Audit event data never holds contact details (the domain keeps emails apart and removes
// emails and phone numbers typed into free text), and a MEETING_GROUP project's confidential
// texts (minutes, decisions, feedback) are recorded only as "sha256:<hex>": events are
// returned exactly as stored, so anyone can recompute the hash chain from them.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { RecordedEvent } from '../../../../libs/domain/src/events';
import { EventStore, type AuditTrailFilter } from '../../../../libs/event-store/src';
import { ProjectReadsService, readScopeOf } from '../projects/project-reads.service';
import type { AuditEvent, AuditEventConnection, AuditFilter } from './audit.models';

const toAuditEvent = (e: RecordedEvent): AuditEvent => ({
  id: e.id,
  projectId: e.projectId,
  sequence: e.sequence,
  type: e.type,
  actor: e.actor,
  occurredAt: e.occurredAt,
  data: e.data,
  reason: e.reason,
  hash: e.hash,
  prevHash: e.prevHash,
});

const eventFilter = (filter: AuditFilter) => ({
  actorId: filter.actorId ?? undefined,
  types: filter.types ?? undefined,
  from: filter.from ?? undefined,
  to: filter.to ?? undefined,
});

@Injectable()
export class AuditReadsService {
  constructor(
    private readonly store: EventStore,
    private readonly projects: ProjectReadsService,
  ) {}

  /**
   * The check of the project's hash chain, for those who may read the project (anyone else
   * is told it is not found); the resolver's verifyAuditTrail and the audit page share it.
   */
  async verify(actor: Actor, projectId: string) {
    await this.projects.readableState(projectId, actor);
    return this.store.verify(projectId);
  }

  /** One project's events by ascending sequence (the caller's right to read it is checked before). */
  projectTrail(projectId: string, first: number, after?: string | null): Promise<AuditEventConnection> {
    return this.trail({ projectId }, first, after);
  }

  /**
   * Events across every project the caller may read, in the order they were appended. Which
   * projects those are is decided by the store inside the query, not listed here first.
   */
  readableTrail(actor: Actor, filter: AuditFilter, first: number, after?: string | null) {
    return this.trail({ ...eventFilter(filter), readableBy: readScopeOf(actor) }, first, after);
  }

  /** One project's events, with the other filters (the caller's right to read it is checked before). */
  filteredProjectTrail(
    actor: Actor,
    projectId: string,
    filter: AuditFilter,
    first: number,
    after?: string | null,
  ) {
    return this.trail({ ...eventFilter(filter), projectId, readableBy: readScopeOf(actor) }, first, after);
  }

  private async trail(
    filter: AuditTrailFilter,
    first: number,
    after?: string | null,
  ): Promise<AuditEventConnection> {
    const page = await this.store.readAuditTrail(filter, { first, after: after ?? undefined });
    return {
      edges: page.events.map((e, i) => ({ cursor: page.cursors[i], node: toAuditEvent(e) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
