// `npm test`: the whole suite, with what it needs started and stopped again.
//
//   npm packages → typecheck, build, lint, format (one test each) → Temporal binaries →
//   poppler-utils for the PDF tests and Chromium for the browser tests (apt-get when missing) →
//   PostgreSQL in a fresh folder on a free port → Temporal dev server in memory on a free
//   port → the local OpenID provider on a free port → jest → stop everything →
//   "N passed, N failed".
//
// Arguments after `npm test --` go to jest, e.g. `npm test -- libs/domain`.
// DATABASE_URL / TEMPORAL_ADDRESS use servers that are already running instead.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from './lib/chromium.mjs';
import { ensureDebianPackage } from './lib/debian-package.mjs';
import { runCheckpointEnv } from './lib/checkpoint-key.mjs';
import { startOidcProvider } from './lib/oidc.mjs';
import { ensureDependencies } from './lib/deps.mjs';
import { ROOT, dataDir } from './lib/paths.mjs';
import { freePort } from './lib/ports.mjs';
import { removeLeftoverRunDirs, runtimeDatabaseUrl, startPostgres } from './lib/postgres.mjs';
import { installShutdownHandlers, runCommand, startProcess, stopAll, track } from './lib/processes.mjs';
import { findTemporalCli, findTimeSkippingServer } from './lib/temporal-cli.mjs';
import { startEphemeralTemporal } from './lib/temporal-server.mjs';
import { main, passThrough, say, step, wasInterrupted, warn } from './lib/ui.mjs';
import { startMailSink } from './lib/mail.mjs';

const RESULTS_FILE = '.test-results.json';
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);

const CHECKS = [
  {
    name: 'typecheck',
    shows: 'tsc --noEmit -p tsconfig.json',
    args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json'],
  },
  {
    // The integration tests run the gateway as its own process, from this build.
    name: 'build',
    shows: 'scripts/build.mjs: tsc -p tsconfig.build.json into a fresh dist/',
    args: [path.join(ROOT, 'scripts', 'build.mjs')],
  },
  { name: 'lint', shows: 'eslint .', args: [bin('eslint', 'bin/eslint.js'), '.'] },
  {
    name: 'format',
    shows: 'prettier --check .',
    args: [bin('prettier', 'bin/prettier.cjs'), '--check', '.'],
  },
];

main(async () => {
  installShutdownHandlers();
  process.chdir(ROOT);
  const jestArgs = process.argv.slice(2);
  const tally = { passed: 0, failed: 0 };

  await ensureDependencies();

  for (const check of CHECKS) {
    const ok = await runCheck(check);
    tally[ok ? 'passed' : 'failed'] += 1;
  }

  const cliPath = await findTemporalCli();
  const testServerPath = await findTimeSkippingServer();
  // The board report tests read the PDF download as a reader's tools would (pdfinfo, pdftotext).
  await ensureDebianPackage({
    pkg: 'poppler-utils',
    programs: ['pdfinfo', 'pdftotext'],
    neededFor: 'the board report PDF tests',
  });
  const chromiumPath = await findChromium();

  // A fresh folder for this run's PostgreSQL and logs, removed at the end.
  const runDir = path.join(dataDir(), `test-${process.pid}`);
  await removeLeftoverRunDirs(dataDir(), 'test');
  fs.mkdirSync(runDir, { recursive: true });
  track('the test data folder', { stop: async () => fs.rmSync(runDir, { recursive: true, force: true }) });

  if (process.env.DATABASE_URL) warn('Note: the tests use the PostgreSQL in DATABASE_URL and write to it.');
  const postgres = track('PostgreSQL', await startPostgres({ dataDir: runDir, port: await freePort() }));
  const temporal = track('The Temporal server', await startEphemeralTemporal({ cliPath, runDir }));
  // The tests migrate and tamper as the owner (DATABASE_URL); gateways and workers they start
  // connect as the runtime role (APP_DATABASE_URL), as npm start runs them.
  const appDatabaseUrl = await runtimeDatabaseUrl({
    ownerUrl: postgres.url,
    passwordFile: path.join(runDir, 'app-database-password'),
  });

  // The run's own checkpoint signing key and folder (the worker requires a key outside development).
  const checkpoints = await runCheckpointEnv(runDir, 'test.localhost/coproduction-audit');

  // Workers of tests that do not read messages send them here; tests that do start their own.
  const mailSink = track('The test mail server', await startMailSink());
  const oidc = track(
    'The local OpenID provider',
    await startOidcProvider({ port: await freePort(), quiet: true }),
  );

  const env = {
    ...process.env,
    ...checkpoints,
    SMTP_URL: mailSink.smtpUrl,
    NOTIFY_API_KEY: '',
    NODE_ENV: 'test',
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET || 'test-secret',
    // A fresh key per run: every test client and worker encrypts what it sends to Temporal.
    PAYLOAD_ENCRYPTION_KEY: process.env.PAYLOAD_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    DATABASE_URL: postgres.url,
    APP_DATABASE_URL: appDatabaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE || 'default',
    ...oidc.env,
  };
  if (cliPath) env.TEMPORAL_CLI_PATH = cliPath;
  if (testServerPath) env.TEMPORAL_TEST_SERVER_PATH = testServerPath;
  if (chromiumPath) env.CHROMIUM_PATH = chromiumPath;

  const jest = await runJest(env, jestArgs);
  tally.passed += jest.passed;
  tally.failed += jest.failed;

  await stopAll();
  say('');
  say(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
});

/** Run one check as a step; show its output when it fails. */
async function runCheck({ name, shows, args }) {
  let output = '';
  try {
    await step(
      `${name} (${shows})`,
      async () => {
        const result = await runCommand(process.execPath, args, { what: name });
        output = result.output;
        if (result.code !== 0) throw new Error(`${name} failed`);
      },
      { ok: 'passed', failed: 'failed' },
    );
    return true;
  } catch {
    passThrough(process.stdout, output.endsWith('\n') ? output : `${output}\n`);
    return false;
  }
}

/** Run jest with its output streamed; count its tests from the JSON results. */
async function runJest(env, jestArgs) {
  fs.rmSync(RESULTS_FILE, { force: true });
  say(`▸ jest${jestArgs.length ? ` ${jestArgs.join(' ')}` : ''}`);
  const args = [
    bin('jest', 'bin/jest.js'),
    '--json',
    `--outputFile=${RESULTS_FILE}`,
    '--passWithNoTests',
    ...jestArgs,
  ];
  const run = track('jest', startProcess(process.execPath, args, { env }), { kind: 'app', watchExit: false });
  const { code, signal } = await run.exited;
  if (wasInterrupted()) await new Promise(() => {}); // Ctrl-C: the shutdown handler exits

  let results = null;
  try {
    results = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    // no results: jest crashed before writing them
  }
  if (!results) {
    warn(
      `jest stopped without results (${code !== null ? `exit code ${code}` : `signal ${signal}`}); counted as 1 failed.`,
    );
    return { passed: 0, failed: 1 };
  }
  // Test files that could not run at all (e.g. a syntax error) count as one failed test each.
  const brokenFiles = results.numRuntimeErrorTestSuites ?? 0;
  let failed = results.numFailedTests + brokenFiles;
  if (results.numTotalTests === 0 && brokenFiles === 0) say('jest found no tests.');
  if (code !== 0 && failed === 0) {
    warn(`jest exited with code ${code} although no test failed; counted as 1 failed.`);
    failed = 1;
  }
  return { passed: results.numPassedTests, failed };
}
