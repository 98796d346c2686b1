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
import { keyRingFromEnv } from '../../libs/payload-codec/src';
import { messagesConfigFromEnv } from '../../libs/messages/src';
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
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  startWorker(activities?: (store: EventStore) => object): Promise<void>;
  stopWorker(): Promise<void>;
  /** Ends the oldest worker process at once (SIGKILL), as a crash would; only with `workerProcess`
   * (where `startWorker` adds one more process and `stopWorker` stops them all). */
  killWorker(): Promise<void>;
  startGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  /** Ends the gateway process at once (SIGKILL), as a crash would. */
  killGateway(): Promise<void>;
  /** Another gateway process on the same task queue (stopped by `stop` too); `env` overrides its settings. */
  startExtraGateway(env?: Record<string, string>): Promise<ExtraGateway>;
  stop(): Promise<void>;
}

/** POSTs a GraphQL request to `url`, as a client would. */
export async function gqlAt<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GraphQLResponse<T>;
}

export interface ExtraGateway {
  url: string;
  stop(): Promise<void>;
}

const GATEWAY_MAIN = join(__dirname, '../../dist/apps/gateway/src/main.js');
const WORKER_MAIN = join(__dirname, '../../dist/apps/worker/src/main.js');

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

/** Generous: eight of us share two cores, and a loaded machine starts Node slowly. */
const GATEWAY_START_MS = 120_000;

async function waitUntilServing(url: string, gateway: ChildProcess, output: () => string) {
  const deadline = Date.now() + GATEWAY_START_MS;
  while (Date.now() < deadline) {
    if (gateway.exitCode !== null) throw new Error(`The gateway exited while starting:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The gateway did not start within ${GATEWAY_START_MS / 1000} s:\n${output()}`);
}

/** A gateway process from dist/ on a free port, serving once this resolves. */
/** The settings a gateway or worker process of this stack runs with. */
function processEnv(
  env: ReturnType<typeof testEnv>,
  taskQueue: string,
  overrides: Record<string, string> = {},
) {
  return {
    ...process.env,
    AUTH_JWT_SECRET: env.jwtSecret,
    DATABASE_URL: env.appDatabaseUrl,
    TEMPORAL_ADDRESS: env.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    ...overrides,
  };
}

async function launchGateway(
  env: ReturnType<typeof testEnv>,
  taskQueue: string,
  overrides: Record<string, string> = {},
): Promise<{ process: ChildProcess; baseUrl: string }> {
  if (!existsSync(GATEWAY_MAIN))
    throw new Error('dist/ has no gateway: run the suite with `npm test`, which builds it.');
  const port = await freePort();
  let output = '';
  const gateway = spawn(process.execPath, [GATEWAY_MAIN], {
    env: processEnv(env, taskQueue, {
      PORT: String(port),
      // Links and the sign-in callback use the address the tests' browser opens.
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...overrides,
    }),
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

/** A worker process from dist/ (the prebuilt workflow bundle), polling once this resolves. */
async function launchWorker(
  env: ReturnType<typeof testEnv>,
  taskQueue: string,
  smtpUrl?: string,
): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN))
    throw new Error('dist/ has no worker: run the suite with `npm test`, which builds it.');
  let output = '';
  const worker = spawn(process.execPath, [WORKER_MAIN], {
    env: processEnv(env, taskQueue, {
      WORKFLOW_BUNDLE_PATH: requiredEnv('WORKFLOW_BUNDLE_PATH'),
      // As in this process: sending only to a test's own mailbox, else off.
      ...(smtpUrl ? { SMTP_URL: smtpUrl } : { MESSAGES: 'off' }),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (process.env.WORKER_LOG) worker.stderr?.pipe(process.stderr);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The worker did not start within 120 s:\n${output}`)),
      120_000,
    );
    const seen = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    worker.stdout?.on('data', seen);
    worker.stderr?.on('data', (chunk) => (output += chunk));
    worker.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`The worker exited while starting:\n${output}`));
    });
  });
  return worker;
}

async function stopProcess(running: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill(signal);
  await exited;
}

export async function startStack(
  options: {
    activities?: (store: EventStore) => object;
    /** Run the worker as its own process from dist/ (to kill it as a crash would), not in this one. */
    workerProcess?: boolean;
    /**
     * Where the worker sends messages (a test's own mailbox). Without it, sending is off, so
     * tests of other things see no MessageSent events in their projects' trails.
     */
    smtpUrl?: string;
  } = {},
): Promise<Stack> {
  const env = testEnv();
  const taskQueue = `test-${randomUUID()}`;
  const workerConfig = {
    databaseUrl: env.appDatabaseUrl,
    temporalAddress: env.temporalAddress,
    namespace: 'default',
    taskQueue,
    payloadKeys: keyRingFromEnv(),
    messages: options.smtpUrl
      ? messagesConfigFromEnv({ ...process.env, SMTP_URL: options.smtpUrl })
      : ('off' as const),
  };
  let worker: { handle: ProjectWorker; running: Promise<void> } | null = null;
  /** Worker processes (with `workerProcess`), oldest first. */
  const workerProcesses: ChildProcess[] = [];
  let gateway: ChildProcess | null = null;
  const extras = new Set<ChildProcess>();
  let baseUrl = '';

  const stack: Stack = {
    taskQueue,
    get url() {
      return `${baseUrl}/graphql`;
    },
    gql: (query, variables = {}, token, headers = {}) => gqlAt(stack.url, query, variables, token, headers),
    async startWorker(activities = options.activities) {
      if (options.workerProcess) {
        workerProcesses.push(await launchWorker(env, taskQueue, options.smtpUrl));
        return;
      }
      const handle = await createProjectWorker(
        workerConfig,
        { workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') } },
        activities,
      );
      worker = { handle, running: handle.run() };
    },
    async stopWorker() {
      await Promise.all(workerProcesses.splice(0).map((p) => stopProcess(p)));
      if (!worker) return;
      worker.handle.shutdown();
      await worker.running;
      worker = null;
    },
    async killWorker() {
      await stopProcess(workerProcesses.shift() ?? null, 'SIGKILL');
    },
    async startGateway() {
      // Sign-in links go from the gateway: to the test's own mailbox, as the worker's messages.
      const started = await launchGateway(
        env,
        taskQueue,
        options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {},
      );
      gateway = started.process;
      baseUrl = started.baseUrl;
    },
    async stopGateway() {
      const running = gateway;
      gateway = null;
      await stopProcess(running);
    },
    async killGateway() {
      const running = gateway;
      gateway = null;
      await stopProcess(running, 'SIGKILL');
    },
    async startExtraGateway(overrides = {}) {
      const started = await launchGateway(env, taskQueue, overrides);
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
      await Promise.all([...extras].map((p) => stopProcess(p)));
      extras.clear();
      await stack.stopGateway();
      await stack.stopWorker();
    },
  };
  await stack.startWorker();
  await stack.startGateway();
  return stack;
}
