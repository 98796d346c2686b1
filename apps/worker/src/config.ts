// The worker's settings, from the environment (see README "Configuration").
import { existsSync } from 'node:fs';
import { keyRingFromEnv, type KeyRing } from '../../../libs/payload-codec/src';
import { DEFAULT_TASK_QUEUE } from '../../../workflows/src/definitions';
import {
  checkpointDir,
  intervalMs,
  loadSigner,
  signingKeyFile,
} from '../../../libs/event-store/src/transparency/settings';
import type { NoteSigner } from '../../../libs/event-store/src/transparency/signed-note';
import { messagesConfigFromEnv, type MessagesConfig } from '../../../libs/messages/src';

export interface WorkerConfig {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** Encrypts every payload the worker sends to Temporal (PAYLOAD_ENCRYPTION_KEY). */
  payloadKeys: KeyRing;
  /** Signed checkpoints of the audit log; null only in development without a key. */
  checkpoints?: { signer: NoteSigner; dir: string; intervalMs: number } | null;
  /**
   * How messages are sent; read from the environment when left out, null when none is set up,
   * 'off' when sending is switched off (MESSAGES=off: nothing is sent or recorded).
   */
  messages?: MessagesConfig | null | 'off';
}

/**
 * The checkpoint key is required outside development: a production log whose checkpoints
 * silently stopped would lose its evidence against rewriting.
 */
function checkpointsFromEnv(env: NodeJS.ProcessEnv): WorkerConfig['checkpoints'] {
  const file = signingKeyFile(env);
  if (!existsSync(file) && env.NODE_ENV === 'development' && !env.CHECKPOINT_KEY_FILE) return null;
  try {
    return { signer: loadSigner(env), dir: checkpointDir(env), intervalMs: intervalMs(env) };
  } catch (err) {
    throw new Error(
      `${(err as Error).message} The worker signs audit checkpoints with it: set CHECKPOINT_KEY_FILE ` +
        'to a key made by `npm run checkpoint -- --new-key <origin>` (npm start makes one in DATA_DIR).',
    );
  }
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
    checkpoints: checkpointsFromEnv(env),
    messages: env.MESSAGES === 'off' ? 'off' : messagesConfigFromEnv(env),
  };
}
