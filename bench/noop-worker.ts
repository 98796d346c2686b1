// The bench's second worker process: runs only the no-op workflow (bench/noop.workflow.ts) and
// a no-op activity, on its own task queue, against the same Temporal server as the project
// worker. Started by scripts/bench.mjs; stops on SIGINT/SIGTERM (the SDK handles both).
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { encryptingDataConverter } from '../libs/payload-codec/src';
import type { NoopActivities } from './noop.workflow';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.BENCH_NOOP_TASK_QUEUE ?? 'bench-noop';
  const connection = await NativeConnection.connect({ address });
  const activities: NoopActivities = { noop: async (n) => n };
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./noop.workflow'),
    dataConverter: encryptingDataConverter(),
    activities,
  });
  console.log(`No-op worker ready on task queue "${taskQueue}" at ${address}`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: Error) => {
  console.error(`The no-op worker stopped: ${err.message}`);
  process.exit(1);
});
