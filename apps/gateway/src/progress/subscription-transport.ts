// GraphQL subscriptions over WebSocket at /graphql (Mercurius): the `graphql-transport-ws`
// protocol of the graphql-ws package (Mercurius also still accepts the legacy `graphql-ws`).
//
// Authentication happens on `connection_init`: `connectionParams.authorization` is checked
// like the Authorization header. graphql-transport-ws has no message that carries an error
// for `connection_init` (a refusal can only close the socket with 4403, which carries no
// `extensions.code`), so a connection without a valid token is accepted with no actor, and
// each `subscribe` on it is answered with an `error` message holding a GraphQL error whose
// `extensions.code` is UNAUTHENTICATED, as the HTTP endpoint answers.
//
// Mercurius sends subscribe failures (parse errors, refused subscriptions) through its own
// `toGraphQLError`, not the errorFormatter; `formatErrorsSentOn` passes them through the same
// formatError as HTTP, so codes and shape are the same. Mercurius does not validate a
// subscription's document either: the `preSubscriptionExecution` hook runs the same
// validation rules (and depth, alias and cost limits) as HTTP.
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { GraphQLError, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import jwt from 'jsonwebtoken';
import type { Actor } from '../../../../libs/domain/src/actor';
import { actorFromAuthorization } from '../auth/jwt';
import type { RequestContext } from '../auth/request-context';
import { formatError } from '../common/graphql-errors';
import type { GatewayConfig } from '../config';

type ValidationRules = NonNullable<Parameters<typeof validate>[2]>;

/** The GraphQL context of a subscription: who connected, and until when their token holds. */
export interface SubscriptionContext extends RequestContext {
  /** When the token expires (ms since the epoch), or null if it has no `exp`. */
  tokenExpiresAt: number | null;
}

/** Sends a ping this often, so idle connections stay open through proxies. */
const KEEP_ALIVE_MS = 20_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The token's expiry, from a header that has already been verified. */
function expiryOf(authorization: string): number | null {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  const claims = token ? jwt.decode(token) : null;
  return isRecord(claims) && typeof claims.exp === 'number' ? claims.exp * 1000 : null;
}

/** The context for `connection_init`'s payload: the actor its `authorization` names, or none. */
export function authenticateConnection(payload: unknown, secret: string): SubscriptionContext {
  const params = isRecord(payload) ? payload : {};
  const raw = params.authorization ?? params.Authorization;
  const authorization = typeof raw === 'string' ? raw : undefined;
  const check = actorFromAuthorization(authorization, secret);
  if (!('actor' in check) || !authorization) return { actor: null, tokenExpiresAt: null };
  const actor: Actor = check.actor;
  return { actor, tokenExpiresAt: expiryOf(authorization) };
}

interface SendingSocket {
  send(data: unknown, ...rest: unknown[]): unknown;
}

/** An `error` message (mercurius writes `{"type":"error","id":…,"payload":[…]}`) with formatted errors. */
export function formatErrorMessage(text: string, log?: (err: unknown) => void): string {
  if (!text.startsWith('{"type":"error"')) return text;
  try {
    const message = JSON.parse(text) as { type?: unknown; payload?: unknown };
    if (message.type !== 'error' || !Array.isArray(message.payload)) return text;
    message.payload = message.payload.map((raw: unknown) => {
      const e = isRecord(raw) ? raw : {};
      const error = new GraphQLError(typeof e.message === 'string' ? e.message : 'Error', {
        path: Array.isArray(e.path) ? (e.path as (string | number)[]) : undefined,
        extensions: isRecord(e.extensions) ? e.extensions : undefined,
      });
      return formatError(error, log).toJSON();
    });
    return JSON.stringify(message);
  } catch {
    return text;
  }
}

/** Makes every `error` message sent on this socket carry the contract's codes and shape. */
export function formatErrorsSentOn(socket: SendingSocket): void {
  const send = socket.send.bind(socket);
  socket.send = (data: unknown, ...rest: unknown[]) =>
    send(typeof data === 'string' ? formatErrorMessage(data) : data, ...rest);
}

/** Mercurius's `subscription` option. */
export function subscriptionOptions(config: GatewayConfig): MercuriusDriverConfig['subscription'] {
  return {
    keepAlive: KEEP_ALIVE_MS,
    context: (socket: unknown) => {
      formatErrorsSentOn(socket as SendingSocket);
      return {};
    },
    onConnect: ({ payload }: { payload: unknown }) => authenticateConnection(payload, config.jwtSecret),
  };
}

/** Refuses a subscription document that HTTP would refuse: the same rules and limits. */
export function validateSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: ValidationRules,
): void {
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) {
    throw new GraphQLError(errors[0].message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/** Mercurius hooks for subscriptions. */
export function subscriptionHooks(rules: ValidationRules): MercuriusDriverConfig['hooks'] {
  return {
    preSubscriptionExecution: (schema: GraphQLSchema, document: DocumentNode) =>
      validateSubscription(schema, document, rules),
  };
}
