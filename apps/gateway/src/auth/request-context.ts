// The GraphQL context of one request: who is asking, if the token checked out.
import type { Actor } from '../../../../libs/domain/src/actor';

export interface RequestContext {
  actor: Actor | null;
  /** Why there is no actor, in words the caller can act on (null when there is one). */
  authProblem?: string | null;
  /** What the caller should know about their token (e.g. a charter the service does not know). */
  tokenNotice?: string | null;
}
