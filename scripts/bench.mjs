#!/usr/bin/env node
// `npm run bench`: the benchmark. Prints figures, each next to its limit measured in the same
// run on the same servers; it is not a timed test and passes or fails nothing.
//
//   build (apps, libs, workflows and bench/ → dist-bench/) → PostgreSQL in a fresh folder on
//   a free port → Temporal dev server in memory on a free port (the tests' dynamic config) →
//   migrations (two databases) → project worker, no-op worker and two gateway processes →
//   the cases (dist-bench/bench/run.js) → stop everything, remove the folder.
//
// `npm run bench -- --quick` is a smoke run (about a minute of cases, smaller sizes).
// `--json FILE` also writes the figures as JSON. All load goes to 127.0.0.1; every loop is
// bounded in count and time. DATABASE_URL and TEMPORAL_ADDRESS are ignored: the benchmark
// writes a million events, so it always starts its own servers. See docs/benchmarks.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ROOT, builtPrograms, dataDir } from './lib/paths.mjs';
import { copyWebFiles } from './lib/web-files.mjs';
import { freePort } from './lib/ports.mjs';
import { runCheckpointEnv } from './lib/checkpoint-key.mjs';
import { removeLeftoverRunDirs, runtimeDatabaseUrl, startPostgres } from './lib/postgres.mjs';
import { installShutdownHandlers, runCommand, startProcess, stopAll, track } from './lib/processes.mjs';
import { findTemporalCli } from './lib/temporal-cli.mjs';
import { startEphemeralTemporal, waitForWorker } from './lib/temporal-server.mjs';
import { fail, main, passThrough, say, step, warn } from './lib/ui.mjs';
import { localClaims, mintToken } from './token.mjs';
import { applyMigrations, waitForGatewayHealth } from './lib/app.mjs';

// Everything runs from the benchmark's own build: `npm test` and `npm start` rebuild dist/
// from scratch, and a benchmark running from dist/ (or rebuilding it) would break them or be
// broken by them when they run at the same time.
const BUILT = {
  ...builtPrograms('dist-bench'),
  noopWorker: 'dist-bench/bench/noop-worker.js',
  cases: 'dist-bench/bench/run.js',
};
const PROJECT_QUEUE = 'bench-projects';
const NOOP_QUEUE = 'bench-noop';
const SEEDED_DATABASE = 'coproduction_seeded';

const USAGE = `Usage: npm run bench [-- --quick] [-- --only NAMES] [-- --json FILE]
  --quick      a smoke run: short cases, audit pages at 10k and 100k events only
  --only NAMES only these sections, comma-separated: steps, reads, appends, verification,
               audit, board (e.g. --only board,appends); the default is all of them
  --json FILE  also write the figures as JSON to FILE`;

main(async () => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    say(USAGE);
    return;
  }
  installShutdownHandlers();
  process.chdir(ROOT);
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) {
    if (process.env[name]) {
      warn(`Note: ${name} is ignored: the benchmark writes a million events, so it starts its own servers.`);
      delete process.env[name];
    }
  }

  const before = { load: os.loadavg(), others: otherStacks() };
  // No installing here: a benchmark should measure, not change node_modules under other runs.
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.package-lock.json')))
    fail(
      'node_modules is missing: run `npm start` or `npm test` once (they install the packages), then run again.',
    );
  await build();
  const cliPath = await findTemporalCli();
  const temporalVersion = cliPath ? await versionOf(cliPath) : 'the CLI @temporalio/testing downloads';

  const runDir = path.join(dataDir(), `bench-${process.pid}`);
  await removeLeftoverRunDirs(dataDir(), 'bench');
  fs.mkdirSync(runDir, { recursive: true });
  track('the benchmark data folder', {
    stop: async () => fs.rmSync(runDir, { recursive: true, force: true }),
  });

  const postgres = track('PostgreSQL', await startPostgres({ dataDir: runDir, port: await freePort() }));
  const temporal = track('The Temporal server', await startEphemeralTemporal({ cliPath, runDir }));

  const secret = `bench-${randomBytes(16).toString('hex')}`;
  const env = {
    ...process.env,
    // As in production: the worker signs checkpoints (with this run's own key) and sends no
    // mail here (the bench measures steps, not a mail server).
    ...(await runCheckpointEnv(runDir, 'bench.localhost/coproduction-audit', 'dist-bench')),
    MESSAGES: 'off',
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: secret,
    PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: PROJECT_QUEUE,
    BENCH_NOOP_TASK_QUEUE: NOOP_QUEUE,
  };
  await applyMigrations(BUILT.migrate, env, 'Running database migrations (coproduction)');
  // The audit pages and the board report read a second database, seeded to exact sizes
  // whatever the other cases wrote, through their own gateway.
  const seededUrl = await createDatabase(postgres.url, SEEDED_DATABASE);
  const seededEnv = { ...env, DATABASE_URL: seededUrl };
  await applyMigrations(BUILT.migrate, seededEnv, `Running database migrations (${SEEDED_DATABASE})`);
  // Migrations (and the cases' own seeding) as the owner; the gateways and worker as the
  // role that can only append events, as npm start and production run them.
  const appUrl = await runtimeDatabaseUrl({
    ownerUrl: postgres.url,
    passwordFile: path.join(runDir, 'app-password'),
  });
  const asApp = (url) => {
    const app = new URL(appUrl);
    const target = new URL(url);
    target.username = app.username;
    target.password = app.password;
    return target.toString();
  };
  const appEnv = { ...env, DATABASE_URL: asApp(env.DATABASE_URL) };
  const seededAppEnv = { ...seededEnv, DATABASE_URL: asApp(seededUrl) };

  const gatewayPort = await freePort();
  const seededGatewayPort = await freePort();
  // BENCH_PROFILE_DIR=/some/dir writes a V8 profile log of the worker and each gateway there
  // (`node --prof-process DIR/<pid>.log`), to see where a figure's time goes. A log, not
  // --cpu-prof, because it is written as it goes and the processes are stopped by a signal.
  const profiled = (file) => {
    const dir = process.env.BENCH_PROFILE_DIR;
    if (!dir) return [file];
    fs.mkdirSync(dir, { recursive: true });
    return ['--prof', '--no-logfile-per-isolate', `--logfile=${path.resolve(dir)}/%p.log`, file];
  };
  track(
    'The worker',
    startProcess(process.execPath, profiled(BUILT.worker), { prefix: '[worker] ', env: appEnv }),
    {
      kind: 'app',
    },
  );
  track(
    'The no-op worker',
    startProcess(process.execPath, [BUILT.noopWorker], { prefix: '[noop-worker] ', env }),
    {
      kind: 'app',
    },
  );
  track(
    'The gateway',
    startProcess(process.execPath, profiled(BUILT.gateway), {
      prefix: '[gateway] ',
      env: { ...appEnv, PORT: String(gatewayPort) },
    }),
    { kind: 'app' },
  );
  track(
    'The gateway on the seeded database',
    startProcess(process.execPath, profiled(BUILT.gateway), {
      prefix: '[gateway-seeded] ',
      env: { ...seededAppEnv, PORT: String(seededGatewayPort) },
    }),
    { kind: 'app' },
  );
  for (const taskQueue of [PROJECT_QUEUE, NOOP_QUEUE]) {
    await step(`Waiting for a worker to poll the task queue "${taskQueue}"`, () =>
      waitForWorker({ address: temporal.address, namespace: 'default', taskQueue }),
    );
  }
  for (const port of [gatewayPort, seededGatewayPort]) {
    await waitForGatewayHealth(port);
  }

  say('');
  say('Machine');
  for (const line of machine(temporalVersion)) say(`  ${line}`);
  say(`  Load average before the run (1, 5, 15 min): ${before.load.map((l) => l.toFixed(2)).join(', ')}`);
  if (before.others.length) say(`  Other stacks running when it started: ${before.others.join('; ')}`);
  say('');

  const run = track(
    'the benchmark',
    startProcess(process.execPath, [BUILT.cases], {
      env: {
        ...env,
        BENCH_QUICK: values.quick ? '1' : '0',
        BENCH_ONLY: values.only ?? '',
        BENCH_GRAPHQL_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
        BENCH_SEEDED_DATABASE_URL: seededUrl,
        BENCH_SEEDED_GRAPHQL_URL: `http://127.0.0.1:${seededGatewayPort}/graphql`,
        BENCH_PEOPLE: JSON.stringify(people(secret)),
        ...(values.json ? { BENCH_RESULTS_FILE: path.resolve(values.json) } : {}),
      },
    }),
    { kind: 'app', watchExit: false },
  );
  const { code } = await run.exited;

  const after = { load: os.loadavg(), others: otherStacks() };
  say('');
  say(`Load average after the run (1, 5, 15 min): ${after.load.map((l) => l.toFixed(2)).join(', ')}`);
  if (after.others.length) say(`Other stacks running when it ended: ${after.others.join('; ')}`);
  await stopAll();
  if (code !== 0) fail('The benchmark cases stopped with an error (see above).');
  process.exit(0);
});

// The same sources and compiler options as scripts/build.mjs (tsconfig.build.json), plus
// bench/, into a fresh dist-bench/.
async function build() {
  await step('Building TypeScript (bench/tsconfig.json → dist-bench/)', async () => {
    fs.rmSync(path.join(ROOT, 'dist-bench'), { recursive: true, force: true });
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const { code, output } = await runCommand(process.execPath, [tsc, '-p', 'bench/tsconfig.json'], {
      what: 'the build',
    });
    if (code !== 0) {
      passThrough(process.stdout, output);
      fail('The TypeScript build failed (the errors are above).');
    }
    copyWebFiles('dist-bench');
  });
  for (const file of Object.values(BUILT)) {
    if (!fs.existsSync(file)) fail(`The build did not produce ${file}.`);
  }
}

async function versionOf(cliPath) {
  const { code, output } = await runCommand(cliPath, ['--version'], { what: 'the Temporal CLI' });
  return code === 0 ? output.trim().replace(/^temporal version /, 'CLI ') : 'unknown';
}

/** Creates `name` next to the database of `url` (the same server); returns its URL. */
async function createDatabase(url, name) {
  return step(`Creating the database "${name}"`, async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    const seeded = new URL(url);
    seeded.pathname = `/${name}`;
    return seeded.toString();
  });
}

/** The people the cases act as: tokens minted here, and the actors the gateway makes of them. */
function people(secret) {
  const person = (sub, name, role) => {
    const claims = localClaims({ roles: [role], charters: ['worcestershire'], sub, name, hours: 2 });
    return {
      token: mintToken(claims, secret),
      actor: { id: sub, displayName: name, roles: [role], charters: ['worcestershire'] },
    };
  };
  return {
    lead: person('bench-lead', 'Bench Lead', 'LEAD'),
    keyContact: person('bench-key-contact', 'Bench Key Contact', 'KEY_CONTACT'),
    rep: person('bench-rep', 'Bench Parent Rep', 'PARENT_REP'),
    board: person('bench-board', 'Bench Board Member', 'BOARD'),
  };
}

function machine(temporalVersion) {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return [
    `CPU: ${cpu}, ${os.availableParallelism()} logical CPUs available (nproc)`,
    `Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `OS: ${os.type()} ${os.release()}`,
    `Node ${process.version}; Temporal ${temporalVersion}, dev server in memory; PostgreSQL: see the notes below`,
  ];
}

// Processes of other runs on this machine (someone's `npm test` or `npm start`): the
// servers and test runners that would load it, outside this script's own process tree.
function otherStacks() {
  if (!fs.existsSync('/proc')) return [];
  const read = (pid, file) => {
    try {
      return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return null;
    }
  };
  const parentOf = (pid) => {
    const stat = read(pid, 'stat');
    return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : 0;
  };
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; p = parentOf(p), hops++)
      if (p === process.pid) return true;
    return false;
  };
  const kinds = [
    [/jest/, 'jest'],
    [/server\0start-dev/, 'Temporal dev server'],
    [/(^|\/)postgres\0-D/, 'PostgreSQL'],
    [/dist\/apps\/(gateway|worker)\/src\/main\.js/, 'gateway or worker'],
  ];
  const counts = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = read(pid, 'cmdline');
    if (!cmdline) continue;
    const kind = kinds.find(([re]) => re.test(cmdline))?.[1];
    if (kind && !ours(pid)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} × ${kind}`);
}
