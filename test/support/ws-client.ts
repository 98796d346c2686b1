// A GraphQL subscription client for tests, as a browser or app would use one: graphql-ws
// (protocol graphql-transport-ws) over the `ws` package, the token in connectionParams.
import { createClient, type Client } from 'graphql-ws';

// `ws` ships no type declarations (and the project has no @types/ws); graphql-ws only needs
// a WebSocket constructor.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WebSocketImpl: unknown = require('ws');

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  locations?: unknown;
  extensions?: Record<string, any>;
}

/** One subscription's results, as they arrive. */
export interface Recording<T = any> {
  /** `data` of every `next` message, in the order received. */
  readonly values: T[];
  /** Errors of `next` messages that carried any. */
  readonly nextErrors: GraphQLErrorJson[][];
  /** What ended the subscription with an error: GraphQL errors, or a close event. */
  readonly error: unknown;
  readonly completed: boolean;
  /** Resolves once `count` values arrived (rejects if the subscription ends first, or on timeout). */
  waitForValues(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves with the GraphQL errors the subscription ended with (rejects on timeout or values). */
  waitForErrors(timeoutMs?: number): Promise<GraphQLErrorJson[]>;
  unsubscribe(): void;
}

export interface WsClient {
  client: Client;
  /** Resolves once the server acknowledged `connection_init`. */
  connected: Promise<void>;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Recording<T>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client of the gateway at `httpUrl` (http://…/graphql), signed in with `token` if given. */
export function wsClient(httpUrl: string, token?: string): WsClient {
  let onConnected: () => void = () => undefined;
  let onClosedEarly: (reason: unknown) => void = () => undefined;
  const connected = new Promise<void>((resolve, reject) => {
    onConnected = resolve;
    onClosedEarly = reject;
  });
  connected.catch(() => undefined);
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocketImpl,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    on: {
      connected: () => onConnected(),
      closed: (event) => onClosedEarly(event),
    },
  });

  return {
    client,
    connected,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): Recording<T> {
      const values: T[] = [];
      const nextErrors: GraphQLErrorJson[][] = [];
      const state = { error: undefined as unknown, completed: false, ended: false };
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) nextErrors.push(result.errors as unknown as GraphQLErrorJson[]);
            if (result.data !== undefined && result.data !== null) values.push(result.data);
          },
          error: (err) => {
            state.error = err;
            state.ended = true;
          },
          complete: () => {
            state.completed = true;
            state.ended = true;
          },
        },
      );
      const until = async (done: () => boolean, what: string, timeoutMs: number) => {
        const deadline = Date.now() + timeoutMs;
        while (!done()) {
          if (Date.now() > deadline) {
            throw new Error(
              `Timed out waiting for ${what}; got ${values.length} value(s)` +
                `${state.ended ? `, ended with ${JSON.stringify(state.error ?? 'complete')}` : ''}: ` +
                JSON.stringify(values).slice(0, 2000),
            );
          }
          await sleep(20);
        }
      };
      return {
        values,
        nextErrors,
        get error() {
          return state.error;
        },
        get completed() {
          return state.completed;
        },
        async waitForValues(count, timeoutMs = 20_000) {
          await until(() => values.length >= count || state.ended, `${count} value(s)`, timeoutMs);
          if (values.length < count) {
            throw new Error(
              `The subscription ended after ${values.length} value(s): ${JSON.stringify(state.error ?? 'complete')}`,
            );
          }
          return values;
        },
        async waitForErrors(timeoutMs = 20_000) {
          await until(() => state.ended || values.length > 0, 'an error', timeoutMs);
          if (!Array.isArray(state.error)) {
            throw new Error(
              `Expected GraphQL errors, got ${values.length} value(s) and ${JSON.stringify(state.error ?? 'complete')}`,
            );
          }
          return state.error as GraphQLErrorJson[];
        },
        unsubscribe,
      };
    },
    async close() {
      await client.dispose();
    },
  };
}
