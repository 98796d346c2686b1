// The contract's audit hash, recomputed from an AuditEvent as the API returns it, without
// the store's code: what any client could do to check the chain.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function contractHash(prevHash: string, e: any): string {
  const body = canonicalize({
    actorId: e.actor.id,
    data: e.data,
    occurredAt: e.occurredAt,
    projectId: e.projectId,
    reason: e.reason,
    sequence: e.sequence,
    type: e.type,
  });
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
}
