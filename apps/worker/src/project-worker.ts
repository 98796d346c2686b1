// Builds the Temporal worker that runs project workflows and their activities.
import { existsSync } from 'node:fs';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createDataSource, EventStore } from '../../../libs/event-store/src';
import { Messenger, messagesConfigFromEnv } from '../../../libs/messages/src';
import { createCharterActivities } from './activities/charter.activities';
import { createMessageActivities } from './activities/message.activities';
import { createProjectActivities } from './activities/project.activities';
import { encryptingDataConverter } from '../../../libs/payload-codec/src';
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

/**
 * WORKFLOW_BUNDLE_PATH (a bundle the tests make once), else the bundle `npm run build` wrote
 * (npm start, production); the source only when there is neither.
 */
export const defaultWorkflowCode = (env: NodeJS.ProcessEnv = process.env): WorkflowCode =>
  env.WORKFLOW_BUNDLE_PATH
    ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } }
    : existsSync(PREBUILT_BUNDLE_PATH)
      ? { workflowBundle: { codePath: PREBUILT_BUNDLE_PATH } }
      : { workflowsPath: require.resolve('../../../workflows/src') };

export async function createProjectWorker(
  config: WorkerConfig,
  code: WorkflowCode = defaultWorkflowCode(),
  /** Activities to use instead of (or beside) the real ones, by name (tests). */
  activities?: (store: EventStore) => object,
): Promise<ProjectWorker> {
  const dataSource = await createDataSource(config.databaseUrl).initialize();
  const store = new EventStore(dataSource);
  const messagesConfig = config.messages === undefined ? messagesConfigFromEnv() : config.messages;
  if (!messagesConfig)
    console.warn('No SMTP_URL or NOTIFY_API_KEY is set: messages wait, and are retried, until one is.');
  const messenger =
    messagesConfig && messagesConfig !== 'off' ? new Messenger(dataSource, messagesConfig) : messagesConfig;
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    // If this worker dies, its projects' next workflow tasks go to another worker after this
    // long (the default, 10 s, would make a crash cost that much on every running step).
    stickyQueueScheduleToStartTimeout: '2 seconds',
    dataConverter: encryptingDataConverter(config.payloadKeys),
    ...code,
    activities: {
      ...createProjectActivities(store),
      ...createMessageActivities(messenger),
      ...createCharterActivities(dataSource),
      ...(activities ? activities(store) : {}),
    },
  });
  return {
    worker,
    async run() {
      try {
        await worker.run();
      } finally {
        await connection.close();
        if (messenger && messenger !== 'off') await messenger.close();
        await dataSource.destroy();
      }
    },
    shutdown: () => worker.shutdown(),
  };
}
