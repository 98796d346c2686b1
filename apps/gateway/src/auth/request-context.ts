// The GraphQL context of one request: who is asking, if the token checked out.
import type { Actor } from '../../../../libs/domain/src/actor';

export interface RequestContext {
  actor: Actor | null;
}
