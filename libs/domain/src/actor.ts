// Who acts: the person behind a token, or the system (timers).

/** A role held in one charter (the product's memberships table). */
export interface Membership {
  charterId: string;
  role: string;
}

/** The caller as the token (or the product's own memberships) describes them. */
export interface Actor {
  id: string;
  displayName: string;
  roles: string[];
  charters: string[];
  /**
   * Roles charter by charter, when known (signed-in people): then a role counts only in the
   * charter it was given in. A token's flat lists mean every role in every charter.
   */
  memberships?: Membership[];
}

/** The actor as the audit trail records it (charters are not part of the record). */
export interface AuditActor {
  id: string;
  displayName: string;
  roles: string[];
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system', displayName: 'System (deadline timer)', roles: [] };

/**
 * Who sends an anonymous feedback item to the workflow: the gateway has checked that the
 * real author is a participant, then sends this instead, so nothing of theirs travels with
 * the item (not even encrypted in Temporal's history). Its role is no token role, so no
 * token can claim it.
 */
export const ANONYMOUS_PARTICIPANT: Actor = {
  id: 'anonymous',
  displayName: 'Anonymous',
  roles: ['ANONYMOUS_PARTICIPANT'],
  charters: [],
};

/**
 * Someone answering a project's public feedback link without signing in. Only the gateway's
 * public feedback page acts as it, and only with the link's id; no token can claim the role.
 */
export const PUBLIC_RESPONDENT: Actor = {
  id: 'public',
  displayName: 'A member of the public',
  roles: ['PUBLIC_RESPONDENT'],
  charters: [],
};

export const isPublicRespondent = (actor: Actor) =>
  actor.id === PUBLIC_RESPONDENT.id && actor.roles.length === 1 && actor.roles[0] === 'PUBLIC_RESPONDENT';

export const isAnonymousParticipant = (actor: Actor) =>
  actor.id === ANONYMOUS_PARTICIPANT.id &&
  actor.roles.length === 1 &&
  actor.roles[0] === 'ANONYMOUS_PARTICIPANT';

export function toAuditActor(actor: Actor | AuditActor): AuditActor {
  return { id: actor.id, displayName: actor.displayName, roles: [...actor.roles] };
}

export function actsInCharter(actor: Actor, charterId: string, role?: string): boolean {
  if (actor.memberships)
    return actor.memberships.some(
      (m) => m.charterId === charterId && (role === undefined || m.role === role),
    );
  return actor.charters.includes(charterId) && (role === undefined || actor.roles.includes(role));
}

/** The charters in which the actor holds any of these roles. */
export function chartersWithRole(actor: Actor, ...roles: string[]): string[] {
  return actor.charters.filter((c) => roles.some((r) => actsInCharter(actor, c, r)));
}
