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

export const testEnv = () => ({
  databaseUrl: requiredEnv('DATABASE_URL'),
  temporalAddress: requiredEnv('TEMPORAL_ADDRESS'),
  jwtSecret: process.env.AUTH_JWT_SECRET ?? 'test-secret',
});
