// The gateway's settings, from the environment (README "Configuration").
import { keyRingFromEnv, type KeyRing } from '../../../libs/payload-codec/src';
import { DEFAULT_TASK_QUEUE } from '../../../workflows/src/definitions';

export interface GatewayConfig {
  port: number;
  /** The address to listen on: loopback unless HOST says otherwise (the compose file sets 0.0.0.0). */
  host: string;
  jwtSecret: string;
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Encrypts what the gateway sends to Temporal, and decodes for the codec endpoint. */
  payloadKeys: KeyRing;
  /** GraphiQL in the browser at /graphiql (and /graphql opened in a browser): NODE_ENV=development only. */
  graphiql?: boolean;
}

export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the gateway reads projects from PostgreSQL.');
  // `npm start` passes its local development secret (scripts/lib/local-secret.mjs) under
  // NODE_ENV=development; the gateway itself has no default.
  const jwtSecret = env.AUTH_JWT_SECRET;
  if (!jwtSecret)
    throw new Error(
      'AUTH_JWT_SECRET is not set: the gateway refuses to start without a secret to check tokens.',
    );
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${env.PORT}" is not a port number.`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    jwtSecret,
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    payloadKeys: keyRingFromEnv(env),
    graphiql: env.NODE_ENV === 'development',
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
