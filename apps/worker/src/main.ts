// Worker process: runs project workflows until SIGINT/SIGTERM (the SDK handles both).
import { workerConfigFromEnv } from './config';
import { createProjectWorker } from './project-worker';

async function main() {
  const config = workerConfigFromEnv();
  const { run } = await createProjectWorker(config);
  console.log(`Worker ready on task queue "${config.taskQueue}" at ${config.temporalAddress}`);
  await run();
}

main().catch((err: Error) => {
  console.error(`The worker stopped: ${err.message}`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
