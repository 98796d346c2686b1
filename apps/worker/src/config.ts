// The worker's settings, from the environment (see README "Configuration").
import { keyRingFromEnv, type KeyRing } from '../../../libs/payload-codec/src';
import { DEFAULT_TASK_QUEUE } from '../../../workflows/src/definitions';

export interface WorkerConfig {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Encrypts every payload the worker sends to Temporal (PAYLOAD_ENCRYPTION_KEY). */
  payloadKeys: KeyRing;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the worker needs PostgreSQL to record events.');
  return {
    databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
    payloadKeys: keyRingFromEnv(env),
  };
}
