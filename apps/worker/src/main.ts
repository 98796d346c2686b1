// Worker process: runs project workflows until SIGINT/SIGTERM (the SDK handles both).
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { workerConfigFromEnv } from './config';
import { createProjectWorker } from './project-worker';

async function main() {
  // Warnings and errors only: the SDK's info lines (and the workflow bundler's report) drown
  // out what a person starting the engine needs to see. LOG_LEVEL=INFO brings them back.
  Runtime.install({ logger: new DefaultLogger((process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN') });
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
