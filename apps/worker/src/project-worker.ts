// Builds the Temporal worker that runs project workflows and their activities.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createDataSource, EventStore } from '../../../libs/event-store/src';
import { createProjectActivities } from './activities/project.activities';
import { encryptingDataConverter } from '../../../libs/payload-codec/src';
import type { WorkerConfig } from './config';

export interface ProjectWorker {
  worker: Worker;
  /** Runs until shutdown() is called; then closes the database and Temporal connections. */
  run(): Promise<void>;
  shutdown(): void;
}

/** The workflow code: a prebuilt bundle (tests) or the source folder, bundled at start. */
export type WorkflowCode = Pick<WorkerOptions, 'workflowBundle'> | Pick<WorkerOptions, 'workflowsPath'>;

export const defaultWorkflowCode = (): WorkflowCode => ({
  workflowsPath: require.resolve('../../../workflows/src'),
});

export async function createProjectWorker(
  config: WorkerConfig,
  code: WorkflowCode = defaultWorkflowCode(),
  activities?: (store: EventStore) => object,
): Promise<ProjectWorker> {
  const dataSource = await createDataSource(config.databaseUrl).initialize();
  const store = new EventStore(dataSource);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    dataConverter: encryptingDataConverter(config.payloadKeys),
    ...code,
    activities: activities ? activities(store) : createProjectActivities(store),
  });
  return {
    worker,
    async run() {
      try {
        await worker.run();
      } finally {
        await connection.close();
        await dataSource.destroy();
      }
    },
    shutdown: () => worker.shutdown(),
  };
}
