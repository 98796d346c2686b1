// Worker process: runs project workflows until SIGINT/SIGTERM (the SDK handles both), and
// signs checkpoints of the audit log meanwhile.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startCheckpointing } from './checkpoints';
import { workerConfigFromEnv } from './config';
import { Client, Connection } from '@temporalio/client';
import { encryptingDataConverter } from '../../../libs/payload-codec/src';
import { ensureCharterSchedules } from './charter-schedules';
import { createProjectWorker } from './project-worker';

/** The charters' reminder Schedules, made or updated at start; a failure is a warning, not a stop. */
async function scheduleCharterReminders(config: ReturnType<typeof workerConfigFromEnv>) {
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({
      connection,
      namespace: config.namespace,
      dataConverter: encryptingDataConverter(config.payloadKeys),
    });
    await ensureCharterSchedules(client, config.taskQueue);
  } catch (err) {
    console.warn(`The charters' reminder schedules could not be set up: ${(err as Error).message}`);
  } finally {
    await connection.close();
  }
}

async function main() {
  // Warnings and errors only: the SDK's info lines (and the workflow bundler's report) drown
  // out what a person starting the engine needs to see. LOG_LEVEL=INFO brings them back.
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN') });
  const config = workerConfigFromEnv();
  const { run } = await createProjectWorker(config);
  await scheduleCharterReminders(config);
  const checkpoints = config.checkpoints
    ? await startCheckpointing({ databaseUrl: config.databaseUrl, ...config.checkpoints, log: console.log })
    : null;
  if (!checkpoints) console.log('Audit checkpoints are off: there is no signing key (CHECKPOINT_KEY_FILE).');
  console.log(`Worker ready on task queue "${config.taskQueue}" at ${config.temporalAddress}`);
  try {
    await run();
  } finally {
    await checkpoints?.stop();
  }
}

main().catch((err: Error) => {
  console.error(`The worker stopped: ${err.message}`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
