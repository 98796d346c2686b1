// The Idempotency-Key request header (CONTRACT.md "Retries"): a client that did not hear
// back from a mutation sends it again with the same key, and gets the first result while
// nothing new is recorded. The key is read once per mutation here and kept for the
// duration of its resolver (AsyncLocalStorage), so every step honours it without each
// resolver passing it along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Observable } from 'rxjs';
import type { Actor } from '../../../../libs/domain/src/actor';
import { badInput } from '../../../../libs/domain/src/errors';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,200}$/;

/** The header's key, null when absent; BAD_USER_INPUT unless it is 1 to 200 printable ASCII characters. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (typeof header !== 'string' || !PRINTABLE_ASCII.test(header))
    throw badInput(
      'Idempotency-Key',
      'The Idempotency-Key header must be 1 to 200 printable ASCII characters (letters, digits, punctuation), once.',
    );
  return header;
}

const mutationKey = new AsyncLocalStorage<{ key: string | null; selectsEmail: boolean }>();

/** The Idempotency-Key of the mutation being resolved, or null. */
export const currentIdempotencyKey = (): string | null => mutationKey.getStore()?.key ?? null;

/**
 * True while resolving a mutation whose selection asks for no `email` field anywhere: its
 * answer shows no participant's address, so they need not be read. (False outside mutations.)
 */
export const mutationShowsNoEmail = (): boolean => mutationKey.getStore()?.selectsEmail === false;

/** Whether the selection, through its fragments, names a field `name`. */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name || within(s.selectionSet);
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return within(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * The Temporal Update id of a step: the same person's same key on the same project names the
 * same Update, so Temporal runs it once and answers every repeat with its first result,
 * whichever gateway asks and across worker restarts.
 */
export function stepUpdateId(actor: Actor, key: string): string {
  return `step-${createHash('sha256').update(`${actor.id}\n${key}`).digest('hex')}`;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo<GraphQLResolveInfo>().operation.operation !== 'mutation') return next.handle();
    const request = gql.getContext<{
      reply?: { request?: { headers?: Record<string, string | string[]> } };
    }>().reply?.request;
    const key = idempotencyKeyOf(request?.headers?.[IDEMPOTENCY_HEADER]);
    const selectsEmail = selects(gql.getInfo<GraphQLResolveInfo>(), 'email');
    // Subscribing inside run() starts the resolver there, so its awaits keep the key.
    return new Observable((subscriber) =>
      mutationKey.run({ key, selectsEmail }, () => next.handle().subscribe(subscriber)),
    );
  }
}
