// Builds the Temporal worker that runs project workflows and their activities.
import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createDataSource, EventStore } from '../../../libs/event-store/src';
import { createProjectActivities } from './activities/project.activities';
import type { WorkerConfig } from './config';
import { PREBUILT_BUNDLE_PATH } from './workflow-bundle';

export interface ProjectWorker {
  worker: Worker;
  /** Runs until shutdown() is called; then closes the database and Temporal connections. */
  run(): Promise<void>;
  shutdown(): void;
}

/** The workflow code: a prebuilt bundle, or the source folder, bundled at start. */
export type WorkflowCode = Pick<WorkerOptions, 'workflowBundle'> | Pick<WorkerOptions, 'workflowsPath'>;

/** The bundle `npm run build` wrote (npm start, production); the source only when there is none. */
export const defaultWorkflowCode = (): WorkflowCode =>
  existsSync(PREBUILT_BUNDLE_PATH)
    ? { workflowBundle: { codePath: PREBUILT_BUNDLE_PATH } }
    : { workflowsPath: require.resolve('../../../workflows/src') };

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
