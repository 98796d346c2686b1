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
  /** The Temporal UI's origins: the only pages whose browser may call /codec (CORS). */
  temporalUiOrigins: string[];
  /** development, test or production: cookies are Secure outside development. */
  nodeEnv: string;
  /** The address people open (PUBLIC_BASE_URL, as for messages): links in emails and the sign-in callback. */
  publicUrl: string;
  /** The organisation's OpenID provider for staff sign-in; null when not configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
}

/** The local dev server's UI (`temporal server start-dev`), under both names of loopback. */
const DEFAULT_UI_PORT = 8233;
const localUiOrigins = (port: number) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

/** TEMPORAL_UI_ORIGIN (comma-separated), else the local dev server's UI on TEMPORAL_UI_PORT. */
function temporalUiOriginsOf(env: NodeJS.ProcessEnv): string[] {
  if (env.TEMPORAL_UI_ORIGIN) {
    const origins = env.TEMPORAL_UI_ORIGIN.split(',').map((o) => o.trim().replace(/\/+$/, ''));
    for (const origin of origins)
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        throw new Error(
          `TEMPORAL_UI_ORIGIN "${origin}" is not an origin: give scheme, host and port only, e.g. http://127.0.0.1:8233.`,
        );
    return origins;
  }
  const port = Number(env.TEMPORAL_UI_PORT ?? DEFAULT_UI_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`TEMPORAL_UI_PORT "${env.TEMPORAL_UI_PORT}" is not a port number.`);
  return localUiOrigins(port);
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
    temporalUiOrigins: temporalUiOriginsOf(env),
    nodeEnv: env.NODE_ENV || 'production',
    publicUrl: (env.PUBLIC_BASE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    oidc: oidcFromEnv(env),
  };
}

function oidcFromEnv(env: NodeJS.ProcessEnv): GatewayConfig['oidc'] {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer) return null;
  if (!clientId || !clientSecret)
    throw new Error('OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too.');
  return { issuer, clientId, clientSecret };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
