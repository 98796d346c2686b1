// Who acts: the person behind a token, or the system (timers).

/** The caller as the token describes them. */
export interface Actor {
  id: string;
  displayName: string;
  roles: string[];
  charters: string[];
}

/** The actor as the audit trail records it (charters are not part of the record). */
export interface AuditActor {
  id: string;
  displayName: string;
  roles: string[];
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system', displayName: 'System (deadline timer)', roles: [] };

export function toAuditActor(actor: Actor | AuditActor): AuditActor {
  return { id: actor.id, displayName: actor.displayName, roles: [...actor.roles] };
}

export function actsInCharter(actor: Actor, charterId: string, role?: string): boolean {
  return actor.charters.includes(charterId) && (role === undefined || actor.roles.includes(role));
}
