// Temporal: the CLI's dev server (`temporal server start-dev`), or an existing cluster when
// TEMPORAL_ADDRESS is set.
//
// The dev server runs in its own process group so that Ctrl-C in the terminal reaches the
// worker and gateway first; it is stopped after them. Its log goes to a file.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOOLS_DIR } from './paths.mjs';
import { assertPortFree, freePort } from './ports.mjs';
import { addKiller, isAlive, isLeftover, stopLeftover, stopProcess } from './processes.mjs';
import { NO_CLI_ADVICE } from './temporal-cli.mjs';
import { fail, shortPath, step, warn } from './ui.mjs';

export const NAMESPACE_DEFAULT = 'default';

// Temporal admits at most 10 Updates in flight per workflow by default and refuses more with
// RESOURCE_EXHAUSTED; many people acting on one project at once (a survey closing) is normal
// here, so the dev server allows more. Keys from the server's dynamicconfig/constants.go
// (unknown keys are silently ignored, so these were checked by measuring: 40 concurrent
// Updates were all in flight with the setting, 10 without).
export const DYNAMIC_CONFIG = {
  'history.maxInFlightUpdates': 200,
  'history.maxTotalUpdates': 100000, // default 2000 per workflow run
};

function dynamicConfigArgs() {
  return Object.entries(DYNAMIC_CONFIG).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

/** Connect to a frontend and make sure the namespace exists. Throws on failure. */
async function probe(address, namespace, timeoutMs) {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: timeoutMs });
  try {
    await connection.withDeadline(Date.now() + timeoutMs, () =>
      connection.workflowService.describeNamespace({ namespace }),
    );
  } finally {
    await connection.close();
  }
}

/** Stop a dev server that an earlier run, killed before it could clean up, left running. */
export async function stopLeftoverTemporal(dataDir) {
  const pidFile = path.join(dataDir, 'temporal.pid');
  let pid;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8'));
  } catch {
    return;
  }
  if (isLeftover(pid, 'start-dev')) {
    await step(`Stopping the Temporal server an earlier run left running (process ${pid})`, () =>
      stopLeftover(pid, { group: true, graceMs: 10000 }),
    );
  }
  if (!isAlive(pid)) fs.rmSync(pidFile, { force: true });
}

/** Fail plainly when the dev server's port (or its Web UI's port, unless null) is taken. */
export async function assertTemporalPortsFree(port, uiPort) {
  await assertPortFree(
    port,
    'Temporal server',
    `Stop the other program or set TEMPORAL_PORT=${port + 1}; if it is a Temporal server you want to use, ` +
      `set TEMPORAL_ADDRESS=127.0.0.1:${port} instead.`,
  );
  if (uiPort !== null) {
    await assertPortFree(
      uiPort,
      'Temporal Web UI',
      `Stop the other program or set TEMPORAL_UI_PORT=${uiPort + 1}.`,
    );
  }
}

/**
 * Start the dev server (or check TEMPORAL_ADDRESS). `persistent`: keep state in
 * `<dataDir>/temporal.db` and serve the Web UI on `uiPort`; otherwise in memory and headless
 * (for tests). `cliPath` null: let @temporalio/testing download the CLI.
 * Returns `{ address, uiUrl, stop, exited?, logFile? }`.
 */
export async function startTemporal({ cliPath, dataDir, port, uiPort, persistent, logFile, codecEndpoint }) {
  const namespace = process.env.TEMPORAL_NAMESPACE || NAMESPACE_DEFAULT;
  if (process.env.TEMPORAL_ADDRESS) return checkExternal(process.env.TEMPORAL_ADDRESS, namespace);

  await assertTemporalPortsFree(port, persistent ? uiPort : null);

  fs.mkdirSync(dataDir, { recursive: true });
  const address = `127.0.0.1:${port}`;
  const uiUrl = persistent ? `http://127.0.0.1:${uiPort}` : null;
  const dbFile = path.join(dataDir, 'temporal.db');
  const where = persistent ? `data in ${shortPath(dbFile)}` : 'in memory';

  if (!cliPath) {
    return step(`Starting Temporal on port ${port} (CLI downloaded by @temporalio/testing, ${where})`, () =>
      startWithTestingDownload({ port, uiPort, persistent, dbFile, address, uiUrl }),
    );
  }

  return step(`Starting Temporal on port ${port} (${where})`, async () => {
    const args = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--namespace',
      NAMESPACE_DEFAULT,
    ];
    if (namespace !== NAMESPACE_DEFAULT) args.push('--namespace', namespace);
    args.push('--log-level', 'warn', ...dynamicConfigArgs());
    if (persistent) args.push('--db-filename', dbFile, '--ui-port', String(uiPort), '--ui-ip', '127.0.0.1');
    if (persistent && codecEndpoint) args.push('--ui-codec-endpoint', codecEndpoint);
    else args.push('--headless');

    const out = fs.openSync(logFile, 'a');
    const child = spawn(cliPath, args, { detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    // Remembered so that a run killed before it could stop the server can be cleaned up after.
    const pidFile = path.join(dataDir, 'temporal.pid');
    if (child.pid) fs.writeFileSync(pidFile, String(child.pid));
    exited.then(() => fs.rmSync(pidFile, { force: true }));
    const forget = addKiller(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    });
    exited.then(forget);
    const stop = () => stopProcess(child, exited, { signal: 'SIGTERM', graceMs: 10000, group: true });

    let gone = null;
    exited.then((how) => (gone = how));
    const deadline = Date.now() + 30000;
    while (!gone) {
      try {
        await probe(address, namespace, 2000);
        return { address, uiUrl, stop, exited, logFile: shortPath(logFile) };
      } catch (err) {
        if (Date.now() > deadline) {
          await stop();
          fail(`Temporal did not answer within 30 s (${err.message}). Its log is in ${shortPath(logFile)}.`);
        }
        await sleep(200);
      }
    }
    const why = gone.error ? gone.error.message : lastLines(logFile);
    fail(`The Temporal server stopped while starting: ${why}. Its log is in ${shortPath(logFile)}.`);
  });
}

async function checkExternal(address, namespace) {
  return step(`Checking Temporal at ${address} (TEMPORAL_ADDRESS)`, async () => {
    try {
      await probe(address, namespace, 5000);
    } catch (err) {
      const missing = /namespace.*not found/i.test(err.message);
      fail(
        missing
          ? `Temporal at ${address} has no namespace "${namespace}". Create it (temporal operator namespace create ` +
              `--namespace ${namespace} --address ${address}) or set TEMPORAL_NAMESPACE.`
          : `Cannot reach Temporal at ${address} (${err.message}). Check TEMPORAL_ADDRESS, or unset it to use the built-in dev server.`,
      );
    }
    return { address, uiUrl: null, stop: async () => {}, external: true };
  });
}

// Last resort when no CLI binary was found: @temporalio/testing downloads one (needs internet).
async function startWithTestingDownload({ port, uiPort, persistent, dbFile, address, uiUrl }) {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  let env;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: path.join(TOOLS_DIR, 'temporal-download') },
        ip: '127.0.0.1',
        port,
        namespace: process.env.TEMPORAL_NAMESPACE || NAMESPACE_DEFAULT,
        ui: persistent,
        uiPort: persistent ? uiPort : undefined,
        dbFilename: persistent ? dbFile : undefined,
        log: { format: 'pretty', level: 'warn' },
        extraArgs: dynamicConfigArgs(),
      },
    });
  } catch (err) {
    const reason = String(err.message).split('\n')[0].split(': ').pop();
    fail(`${NO_CLI_ADVICE} (Downloading it failed: ${reason}.)`);
  }
  return { address, uiUrl, stop: () => env.teardown() };
}

function lastLines(logFile) {
  try {
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    return lines.slice(-3).join(' | ') || 'no output';
  } catch {
    return 'no output';
  }
}

/** Wait until some worker polls `taskQueue` for workflow tasks (up to `timeoutMs`). */
export async function waitForWorker({ address, namespace, taskQueue, timeoutMs = 60000 }) {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: 1 }, // TASK_QUEUE_KIND_NORMAL
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      });
      if (pollers.length > 0) return;
      await sleep(250);
    }
    fail(
      `No worker polled the task queue "${taskQueue}" within ${timeoutMs / 1000} s. See the [worker] lines above.`,
    );
  } finally {
    await connection.close();
  }
}

/**
 * An in-memory dev server on a free port (tests, benchmarks). The dev server also binds
 * ports of its own choosing next to the one we pick; on a busy machine one can be taken in
 * between, so another free port on a second or third try is enough.
 */
export async function startEphemeralTemporal({ cliPath, runDir }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTemporal({
        cliPath,
        dataDir: runDir,
        port: await freePort(),
        persistent: false,
        logFile: path.join(runDir, `temporal-${attempt}.log`),
      });
    } catch (err) {
      if (attempt >= 3) throw err;
      warn(`Trying again on another port (attempt ${attempt + 1} of 3).`);
    }
  }
}
