// A worker (in this process) and a gateway (its own process, from the build in dist/) for
// one test file, on its own task queue, against the real PostgreSQL and Temporal that
// `npm test` started.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { EventStore } from '../../libs/event-store/src';
import { createProjectWorker, type ProjectWorker } from '../../apps/worker/src/project-worker';
import { requiredEnv, testEnv } from './env';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface Stack {
  url: string;
  taskQueue: string;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  startWorker(activities?: (store: EventStore) => object): Promise<void>;
  stopWorker(): Promise<void>;
  startGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  /** Another gateway process on the same task queue and database (stopped by `stop` too). */
  startExtraGateway(): Promise<ExtraGateway>;
  stop(): Promise<void>;
}

export interface ExtraGateway {
  url: string;
  stop(): Promise<void>;
}

const GATEWAY_MAIN = join(__dirname, '../../dist/apps/gateway/src/main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, gateway: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000; // generous: a busy machine starts it slowly
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) throw new Error(`The gateway exited while starting:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The gateway did not start within 120 s:\n${output()}`);
}

/** A gateway process from dist/ on a free port, serving once this resolves. */
async function launchGateway(
  env: ReturnType<typeof testEnv>,
  taskQueue: string,
): Promise<{ process: ChildProcess; baseUrl: string }> {
  if (!existsSync(GATEWAY_MAIN))
    throw new Error('dist/ has no gateway: run the suite with `npm test`, which builds it.');
  const port = await freePort();
  let output = '';
  const gateway = spawn(process.execPath, [GATEWAY_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      AUTH_JWT_SECRET: env.jwtSecret,
      DATABASE_URL: env.databaseUrl,
      TEMPORAL_ADDRESS: env.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (chunk) => (output += chunk));
  gateway.stderr?.on('data', (chunk) => (output += chunk));
  // GATEWAY_LOG=1 shows the gateway's own log while debugging a test.
  if (process.env.GATEWAY_LOG) gateway.stderr?.pipe(process.stderr);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilServing(`${baseUrl}/health`, gateway, () => output);
  return { process: gateway, baseUrl };
}

async function stopProcess(running: ChildProcess | null): Promise<void> {
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  await exited;
}

export async function startStack(
  options: { activities?: (store: EventStore) => object } = {},
): Promise<Stack> {
  const env = testEnv();
  const taskQueue = `test-${randomUUID()}`;
  const workerConfig = {
    databaseUrl: env.databaseUrl,
    temporalAddress: env.temporalAddress,
    namespace: 'default',
    taskQueue,
  };
  let worker: { handle: ProjectWorker; running: Promise<void> } | null = null;
  let gateway: ChildProcess | null = null;
  const extras = new Set<ChildProcess>();
  let baseUrl = '';

  const stack: Stack = {
    taskQueue,
    get url() {
      return `${baseUrl}/graphql`;
    },
    async gql(query, variables = {}, token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(stack.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<any>;
    },
    async startWorker(activities = options.activities) {
      const handle = await createProjectWorker(
        workerConfig,
        { workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') } },
        activities,
      );
      worker = { handle, running: handle.run() };
    },
    async stopWorker() {
      if (!worker) return;
      worker.handle.shutdown();
      await worker.running;
      worker = null;
    },
    async startGateway() {
      const started = await launchGateway(env, taskQueue);
      gateway = started.process;
      baseUrl = started.baseUrl;
    },
    async stopGateway() {
      const running = gateway;
      gateway = null;
      await stopProcess(running);
    },
    async startExtraGateway() {
      const started = await launchGateway(env, taskQueue);
      extras.add(started.process);
      return {
        url: `${started.baseUrl}/graphql`,
        stop: async () => {
          extras.delete(started.process);
          await stopProcess(started.process);
        },
      };
    },
    async stop() {
      await Promise.all([...extras].map(stopProcess));
      extras.clear();
      await stack.stopGateway();
      await stack.stopWorker();
    },
  };
  await stack.startWorker();
  await stack.startGateway();
  return stack;
}
