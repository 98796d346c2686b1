// Reads of the audit trail, within what the caller may read.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../../libs/domain/src/actor';
import type { RecordedEvent } from '../../../../libs/domain/src/events';
import { BadCursorError, EventStore } from '../../../../libs/event-store/src';
import { appError } from '../common/app-error';
import { readScopeOf } from '../projects/project-reads.service';
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

async function withCursorCheck<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof BadCursorError) throw appError('BAD_USER_INPUT', err.message, { field: 'after' });
    throw err;
  }
}

@Injectable()
export class AuditReadsService {
  constructor(private readonly store: EventStore) {}

  /** One project's events by ascending sequence (the caller's right to read it is checked before). */
  projectTrail(projectId: string, first: number, after?: string | null): Promise<AuditEventConnection> {
    return this.trail({ projectId }, first, after);
  }

  /** Events across every project the caller may read, in the order they were appended. */
  async readableTrail(actor: Actor, filter: AuditFilter, first: number, after?: string | null) {
    const projectIds = await this.readableProjectIds(actor);
    return this.trail(
      {
        projectIds,
        actorId: filter.actorId ?? undefined,
        types: filter.types ?? undefined,
        from: filter.from ?? undefined,
        to: filter.to ?? undefined,
      },
      first,
      after,
    );
  }

  /** One project's events, with the other filters. */
  filteredProjectTrail(projectId: string, filter: AuditFilter, first: number, after?: string | null) {
    return this.trail(
      {
        projectId,
        actorId: filter.actorId ?? undefined,
        types: filter.types ?? undefined,
        from: filter.from ?? undefined,
        to: filter.to ?? undefined,
      },
      first,
      after,
    );
  }

  private async trail(
    filter: Parameters<EventStore['readAuditTrail']>[0],
    first: number,
    after?: string | null,
  ) {
    const page = await withCursorCheck(() =>
      this.store.readAuditTrail(filter, { first, after: after ?? undefined }),
    );
    return {
      edges: page.events.map((e, i) => ({ cursor: page.cursors[i], node: toAuditEvent(e) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  private async readableProjectIds(actor: Actor): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.store.listProjects({ readableBy: readScopeOf(actor) }, { first: 100, after });
      ids.push(...page.projects.map((p) => p.id));
      if (!page.hasNextPage || !page.endCursor) return ids;
      after = page.endCursor;
    }
  }
}
