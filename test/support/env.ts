// The servers the suite runs against are started by `npm test` (scripts/test.mjs).
import { encryptingDataConverter, keyRingFromEnv } from '../../libs/payload-codec/src';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the suite with \`npm test\`, which starts PostgreSQL and Temporal.`,
    );
  return value;
}

/** The payload encryption every client and worker of the suite uses (the key `npm test` made). */
export const testDataConverter = () => encryptingDataConverter(keyRingFromEnv());
/**
 * The URL gateways and workers connect with: the runtime role of APP_DATABASE_URL (which can
 * only append events), on the server and database of DATABASE_URL, so a test that points
 * DATABASE_URL at a database of its own gets the runtime role there too.
 */
export function appDatabaseUrl(ownerUrl = requiredEnv('DATABASE_URL')): string {
  const app = new URL(requiredEnv('APP_DATABASE_URL'));
  const url = new URL(ownerUrl);
  url.username = app.username;
  url.password = app.password;
  return url.toString();
}

export const testEnv = () => ({
  databaseUrl: requiredEnv('DATABASE_URL'),
  appDatabaseUrl: appDatabaseUrl(),
  temporalAddress: requiredEnv('TEMPORAL_ADDRESS'),
  jwtSecret: process.env.AUTH_JWT_SECRET ?? 'test-secret',
});
