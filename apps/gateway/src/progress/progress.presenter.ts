// What one subscriber is sent for one event: the event as the audit trail shows it, and the
// phase it led to.
//
// Event data never holds contact details (the domain keeps emails apart and strips emails and
// phone numbers from free text), and a MEETING_GROUP project's minutes, decisions and feedback
// bodies are recorded as "sha256:<hex>" of the text. Events recorded before that sealing may
// still hold the text itself: for a reader who is not a participant such text is shown as
// "[confidential]" here, as the project reads show it. Sealed values are passed on unchanged,
// so the payload's hash chain can be recomputed, as from `auditTrail`.
import { isParticipant } from '../../../../libs/domain/src/access';
import type { Actor } from '../../../../libs/domain/src/actor';
import { isSealed } from '../../../../libs/domain/src/confidential';
import type { RecordedEvent } from '../../../../libs/domain/src/events';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import type { AuditEvent } from '../audit/audit.models';
import type { ProjectProgress } from './progress.models';

export const CONFIDENTIAL = '[confidential]';

/** The fields of event data that hold MEETING_GROUP confidential text. */
const CONFIDENTIAL_FIELDS = new Set(['minutes', 'decisions', 'actions', 'body', 'message', 'youSaid']);

const hide = (value: unknown): unknown => {
  if (typeof value === 'string') return isSealed(value) ? value : CONFIDENTIAL;
  if (Array.isArray(value)) return value.map(hide);
  return value === null ? null : CONFIDENTIAL;
};

/** `data` with every confidential field's text replaced (at any depth); sealed values are kept. */
export function redactConfidential(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(redactConfidential);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      CONFIDENTIAL_FIELDS.has(key) ? hide(value) : redactConfidential(value),
    ]),
  );
}

/** True when this reader must not see the project's confidential texts. */
export const mustRedact = (state: ProjectState, actor: Actor) =>
  state.confidentiality === 'MEETING_GROUP' && !isParticipant(state, actor);

export function presentProgress(
  event: RecordedEvent,
  stateAfter: ProjectState,
  actor: Actor,
): ProjectProgress {
  const auditEvent: AuditEvent = {
    id: event.id,
    projectId: event.projectId,
    sequence: event.sequence,
    type: event.type,
    actor: { id: event.actor.id, displayName: event.actor.displayName, roles: [...event.actor.roles] },
    occurredAt: event.occurredAt,
    data: mustRedact(stateAfter, actor) ? redactConfidential(event.data) : event.data,
    reason: event.reason,
    hash: event.hash,
    prevHash: event.prevHash,
  };
  return { projectId: event.projectId, phase: stateAfter.phase, event: auditEvent };
}
