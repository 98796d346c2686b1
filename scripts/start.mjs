// `npm start`: everything on this machine, in the foreground, until Ctrl-C.
//
//   npm packages → TypeScript build → Temporal CLI → PostgreSQL → Temporal dev server →
//   migrations → worker → gateway → wait for /health → print URLs and a local token.
//
// Data stays in DATA_DIR (default .data) between runs. DATABASE_URL / TEMPORAL_ADDRESS use
// servers that are already running instead of starting them. See README.md.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureDependencies } from './lib/deps.mjs';
import { LOCAL_DEVELOPMENT_SECRET } from './lib/local-secret.mjs';
import { payloadKeyFor } from './lib/payload-key.mjs';
import { ROOT, builtPrograms, dataDir as getDataDir } from './lib/paths.mjs';
import { assertPortFree, freePort, isPortFree, portFromEnv } from './lib/ports.mjs';
import { describeUrl, runtimeDatabaseUrl, startPostgres, stopLeftoverPostgres } from './lib/postgres.mjs';
import { installShutdownHandlers, runCommand, startProcess, supervise, track } from './lib/processes.mjs';
import { findTemporalCli } from './lib/temporal-cli.mjs';
import {
  assertTemporalPortsFree,
  startTemporal,
  stopLeftoverTemporal,
  waitForWorker,
} from './lib/temporal-server.mjs';
import { localClaims, mintToken } from './token.mjs';
import { fail, main, passThrough, say, shortPath, step } from './lib/ui.mjs';
import { applyMigrations, waitForGatewayHealth } from './lib/app.mjs';
import { startMailCatcher } from './lib/mail.mjs';
import { EXAMPLE_PEOPLE } from './lib/example-people.mjs';
import { startOidcProvider } from './lib/oidc.mjs';

const { migrate: MIGRATE, worker: WORKER, gateway: GATEWAY } = builtPrograms('dist');
const DEFINITIONS = '../dist/workflows/src/definitions.js';
const PEOPLE_CLI = 'dist/apps/gateway/src/identity/people-cli.js';

main(async () => {
  installShutdownHandlers();
  process.chdir(ROOT);

  const port = portFromEnv('PORT', 3000);
  const temporalPort = portFromEnv('TEMPORAL_PORT', 7233);
  const temporalUiPort = portFromEnv('TEMPORAL_UI_PORT', 8233);
  const mailPort = portFromEnv('MAIL_SMTP_PORT', 1025);
  const mailWebPort = portFromEnv('MAIL_WEB_PORT', 1080);
  // Messages go to SMTP_URL or GOV.UK Notify when set; otherwise to the local inbox.
  const localMail = !process.env.SMTP_URL && !process.env.NOTIFY_API_KEY;
  const oidcPort = portFromEnv('OIDC_PORT', 9090);
  const nodeEnv = process.env.NODE_ENV || 'development';
  if (!process.env.AUTH_JWT_SECRET && nodeEnv !== 'development') {
    fail(`Set AUTH_JWT_SECRET: with NODE_ENV=${nodeEnv} there is no default secret (only for development).`);
  }
  const secret = process.env.AUTH_JWT_SECRET || LOCAL_DEVELOPMENT_SECRET;
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const dataDir = getDataDir();
  const payloadKey = payloadKeyFor({ nodeEnv, dataDir });
  if (!payloadKey)
    fail(
      `Set PAYLOAD_ENCRYPTION_KEY (a base64 key of 32 bytes, e.g. from \`openssl rand -base64 32\`): with NODE_ENV=${nodeEnv} ` +
        'there is no local key, and nothing may reach Temporal in clear.',
    );
  if (payloadKey.made)
    say(`Made a payload encryption key in ${shortPath(payloadKey.file)} (keep it: old histories need it).`);

  await ensureDependencies();
  // Check the fixed ports before anything slow, so a clash is reported at once.
  await assertPortFree(port, 'GraphQL gateway', `Stop the other program or set PORT=${port + 1}.`);
  if (localMail) {
    await assertPortFree(
      mailPort,
      'local mail catcher',
      `Stop the other program or set MAIL_SMTP_PORT=${mailPort + 1}.`,
    );
    await assertPortFree(
      mailWebPort,
      'local mail inbox',
      `Stop the other program or set MAIL_WEB_PORT=${mailWebPort + 1}.`,
    );
  }
  if (!process.env.DATABASE_URL) await stopLeftoverPostgres(path.join(dataDir, 'postgres'));
  if (!process.env.TEMPORAL_ADDRESS) {
    await stopLeftoverTemporal(dataDir);
    await assertTemporalPortsFree(temporalPort, temporalUiPort);
  }
  if (!process.env.OIDC_ISSUER)
    await assertPortFree(
      oidcPort,
      'local OpenID provider',
      `Stop the other program or set OIDC_PORT=${oidcPort + 1}.`,
    );
  await build();
  // The worker's and gateway's own default (workflows/src/definitions.ts), read from the build.
  const taskQueue =
    process.env.TEMPORAL_TASK_QUEUE || createRequire(import.meta.url)(DEFINITIONS).DEFAULT_TASK_QUEUE;

  const cliPath = process.env.TEMPORAL_ADDRESS ? null : await findTemporalCli();

  // The embedded PostgreSQL takes 5432 when free; nothing else needs a fixed port for it.
  const pgPort = (await isPortFree(5432)) ? 5432 : await freePort();
  const postgres = track('PostgreSQL', await startPostgres({ dataDir, port: pgPort }));
  const temporal = track(
    'The Temporal server',
    await startTemporal({
      cliPath,
      dataDir,
      port: temporalPort,
      uiPort: temporalUiPort,
      persistent: true,
      logFile: path.join(dataDir, 'temporal.log'),
      // The UI decodes payloads through the gateway, for leads of the project's charter only.
      codecEndpoint: `http://127.0.0.1:${port}/codec`,
    }),
  );

  const checkpoints = await checkpointSettings({ dataDir, development: nodeEnv === 'development' });
  const mail = localMail
    ? track('The mail catcher', await startMailCatcher({ dataDir, smtpPort: mailPort, webPort: mailWebPort }))
    : null;
  const oidc = track('The local OpenID provider', await startOidcProvider({ port: oidcPort }));

  const env = {
    ...process.env,
    ...(mail ? { SMTP_URL: mail.smtpUrl } : {}),
    ...oidc.env,
    // The address people open (printed below): links in messages and the sign-in callback use it.
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL || `http://localhost:${port}`,
    NODE_ENV: nodeEnv,
    AUTH_JWT_SECRET: secret,
    PAYLOAD_ENCRYPTION_KEY: payloadKey.key,
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    CHECKPOINT_DIR: checkpoints.dir,
    CHECKPOINT_PUBLIC_KEY: checkpoints.publicKey,
  };
  await migrate(env);
  // Migrations run as the owner; the gateway and worker as a role that can only append events.
  env.DATABASE_URL = await runtimeDatabaseUrl({
    ownerUrl: postgres.url,
    passwordFile: path.join(dataDir, 'app-database-password'),
  });

  if (!oidc.external && nodeEnv === 'development') await addExamplePeople(env);

  // A crashed worker or gateway is started again after a back-off (README "What npm start does").
  const app = (name, main, prefix, appEnv) =>
    track(
      name,
      supervise(name, (onLine) => startProcess(process.execPath, [main], { prefix, env: appEnv, onLine })),
      { kind: 'app', watchExit: false },
    );
  // Only the worker holds the signing key; the gateway gets the public key to check with.
  app('The worker', WORKER, '[worker] ', { ...env, CHECKPOINT_KEY_FILE: checkpoints.keyFile });
  // The codec endpoint answers the local Temporal UI's pages (CORS), on whichever port it runs.
  const uiEnv = process.env.TEMPORAL_ADDRESS ? {} : { TEMPORAL_UI_PORT: String(temporalUiPort) };
  app('The gateway', GATEWAY, '[gateway] ', { ...env, ...uiEnv, PORT: String(port) });
  await step(`Waiting for the worker to poll the task queue "${taskQueue}"`, () =>
    waitForWorker({ address: temporal.address, namespace, taskQueue }),
  );
  await waitForGatewayHealth(port);

  const token = mintToken(
    localClaims({
      roles: ['LEAD', 'BOARD'],
      charters: ['worcestershire'],
      sub: 'local-lead',
      name: 'Local Lead',
    }),
    secret,
  );
  say('');
  say(`Open the service in your browser: http://localhost:${port}/`);
  say('');
  say('Ready. Press Ctrl-C to stop everything.');
  say('');
  say(`  GraphQL       http://127.0.0.1:${port}/graphql   (subscriptions: ws://127.0.0.1:${port}/graphql)`);
  if (nodeEnv === 'development')
    say(
      `  GraphiQL      http://127.0.0.1:${port}/graphiql  (put the token below in its Headers tab: README "GraphiQL")`,
    );
  say(
    temporal.uiUrl
      ? `  Temporal UI   ${temporal.uiUrl}`
      : `  Temporal      ${temporal.address} (TEMPORAL_ADDRESS)`,
  );
  say(
    mail
      ? `  Mail inbox    ${mail.inboxUrl}   (every message the service sends; SMTP ${mail.smtpUrl})`
      : process.env.NOTIFY_API_KEY
        ? '  Messages      sent through GOV.UK Notify (NOTIFY_API_KEY)'
        : `  Messages      sent to ${describeUrl(process.env.SMTP_URL)} (SMTP_URL)`,
  );
  say(
    `  Sign-in       ${oidc.external ? `${oidc.env.OIDC_ISSUER} (OIDC_ISSUER)` : `${oidc.issuer} (the local OpenID provider: see README "Signing in locally")`}`,
  );
  say(`  PostgreSQL    ${postgres.external ? `${describeUrl(postgres.url)} (DATABASE_URL)` : postgres.url}`);
  if (!postgres.external || !temporal.external) say(`  Data folder   ${shortPath(dataDir)}`);
  say(
    `  Checkpoints   ${shortPath(checkpoints.dir)}   (signed every few minutes; npm run checkpoint signs one now)`,
  );
  say(`  Public key    ${checkpoints.publicKey}`);
  say('');
  say('  A token for a LEAD and BOARD member of worcestershire, valid for 12 hours:');
  say('');
  say(`  ${token}`);
  say('');
  say('  Send it as the header "Authorization: Bearer <token>". Mint others with e.g.');
  say('  npm run -s token -- --role PARENT_REP --charter worcestershire --name "Pat Parent"');
  say('');

  setInterval(() => {}, 1 << 30); // stay in the foreground until Ctrl-C
});

async function build() {
  await step('Building TypeScript (scripts/build.mjs → dist/)', async () => {
    const { code, output } = await runCommand(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], {
      what: 'the build',
    });
    if (code !== 0) {
      passThrough(process.stdout, output);
      fail('The TypeScript build failed (the errors are above). Fix them and run npm start again.');
    }
  });
  for (const file of [WORKER, GATEWAY]) {
    if (!fs.existsSync(file))
      fail(`The build did not produce ${file}. Check tsconfig.build.json and the app's main.ts.`);
  }
}

/**
 * The audit checkpoints' signing key and folder. In development the key is made on the first
 * run (DATA_DIR/checkpoint-signing.key); elsewhere it must exist already (CHECKPOINT_KEY_FILE).
 */
async function checkpointSettings({ dataDir, development }) {
  const settings = (await import(path.join(ROOT, 'dist/libs/event-store/src/transparency/settings.js')))
    .default;
  const env = { ...process.env, DATA_DIR: dataDir };
  const keyFile = settings.signingKeyFile(env);
  const dir = settings.checkpointDir(env);
  if (!fs.existsSync(keyFile) && (!development || process.env.CHECKPOINT_KEY_FILE)) {
    fail(
      `There is no checkpoint signing key at ${keyFile}. Make one with ` +
        '`npm run checkpoint -- --new-key <your log name, e.g. send.example.gov.uk/audit>` ' +
        '(with CHECKPOINT_KEY_FILE set to where it should go), and give its public key to the board.',
    );
  }
  try {
    const { signer, created } = settings.ensureSigningKeyFile(
      keyFile,
      process.env.CHECKPOINT_ORIGIN || settings.DEVELOPMENT_ORIGIN,
    );
    if (created) say(`▸ Made a checkpoint signing key: ${shortPath(keyFile)} (public key beside it, .pub)`);
    return { keyFile, dir, publicKey: signer.verifier.text };
  } catch (err) {
    fail(`The checkpoint signing key at ${keyFile} cannot be used: ${err.message}`);
  }
}

/** The example people of README "Signing in locally", with their memberships (kept if they exist). */
async function addExamplePeople(env) {
  const people = EXAMPLE_PEOPLE.map((p) => ({ name: p.name, email: p.email, memberships: p.memberships }));
  await step('Adding the example people', async () => {
    const { code, output } = await runCommand(
      process.execPath,
      [PEOPLE_CLI, '--examples', JSON.stringify(people)],
      {
        env,
        what: 'the example people',
      },
    );
    if (code !== 0) {
      passThrough(process.stdout, output);
      fail('Could not add the example people (the output is above).');
    }
  });
}

async function migrate(env) {
  if (!fs.existsSync(MIGRATE)) {
    fail(
      `The migration script ${MIGRATE} is missing: the build makes it from libs/event-store/src/migrate.ts, ` +
        'which must exist.',
    );
  }
  await applyMigrations(MIGRATE, env);
}
