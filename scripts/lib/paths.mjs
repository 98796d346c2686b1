// Where things live: the project folder, the tool folder and the data folder.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (this file is scripts/lib/paths.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Tools the scripts fetch themselves (the Temporal CLI from PyPI); git-ignored. */
export const TOOLS_DIR = path.join(ROOT, '.tools');

/**
 * The programs a build puts in `outDir` (dist for npm start and the tests, dist-bench for the
 * benchmark), relative to the project folder.
 */
export function builtPrograms(outDir) {
  return {
    migrate: `${outDir}/libs/event-store/src/migrate.js`,
    worker: `${outDir}/apps/worker/src/main.js`,
    gateway: `${outDir}/apps/gateway/src/main.js`,
  };
}

/** The data folder: DATA_DIR (relative to the project folder) or .data. */
export function dataDir() {
  return path.resolve(ROOT, process.env.DATA_DIR || '.data');
}
