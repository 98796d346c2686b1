// Debian's chromium for the browser tests (playwright-core drives it; it downloads no
// browser of its own): CHROMIUM_PATH when set, otherwise `chromium` on PATH, installed from
// Debian's package through debian-package.mjs when missing and we may. When it cannot be,
// a plain message says what to do, and the browser tests fail saying the same.
import fs from 'node:fs';
import { ensureDebianPackage, onPath } from './debian-package.mjs';
import { warn } from './ui.mjs';

/** The Chromium binary's path, or null when there is none. */
export async function findChromium() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) {
    if (fs.existsSync(wanted)) return wanted;
    warn(`CHROMIUM_PATH=${wanted} does not exist: the browser tests will fail until it does.`);
    return null;
  }
  const installed = await ensureDebianPackage({
    pkg: 'chromium',
    programs: ['chromium'],
    neededFor: 'the browser tests (or set CHROMIUM_PATH to a Chromium binary)',
  });
  return installed ? onPath('chromium') : null;
}
