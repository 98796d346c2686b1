// A program the tests need from a Debian package (chromium.mjs uses it for Chromium too):
// installed with apt-get when missing and we may (root on Debian or Ubuntu);
// otherwise a plain message says what to do, and the tests that need it fail saying the same.
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from './processes.mjs';
import { step, warn } from './ui.mjs';

/** The program's path on PATH, or null. */
export function onPath(program) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', program);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Makes sure `programs` (e.g. ['pdfinfo', 'pdftotext']) are installed, installing Debian's
 * `pkg` when one is missing. Returns true when all are there; warns (does not fail) when not.
 */
export async function ensureDebianPackage({ pkg, programs, neededFor }) {
  const missing = () => programs.filter((p) => !onPath(p));
  if (missing().length === 0) return true;
  const howTo = `Install them with "sudo apt-get install -y ${pkg}" (Debian or Ubuntu), or your system's ${pkg}.`;
  if (process.platform !== 'linux' || process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    warn(
      `${missing().join(' and ')} ${missing().length === 1 ? 'is' : 'are'} not installed, so ${neededFor} will fail. ${howTo}`,
    );
    return false;
  }
  try {
    await step(`Installing ${pkg} for ${neededFor} (apt-get install -y ${pkg})`, async () => {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      let result = await runCommand('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
        env,
        what: 'apt-get',
      });
      if (result.code !== 0) {
        // The package lists may be missing or old: refresh them once and try again.
        await runCommand('apt-get', ['update'], { env, what: 'apt-get update' });
        result = await runCommand('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
          env,
          what: 'apt-get',
        });
      }
      if (result.code !== 0 || missing().length > 0)
        throw new Error(result.output.trim().split('\n').slice(-3).join(' '));
    });
    return true;
  } catch (err) {
    warn(
      `Could not install ${pkg} with apt-get (${err.message}). ${neededFor} will fail until it is installed. ${howTo}`,
    );
    return false;
  }
}
