// Where things live: the project folder, the tool folder and the data folder.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (this file is scripts/lib/paths.mjs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Tools the scripts fetch themselves (the Temporal CLI from PyPI); git-ignored. */
export const TOOLS_DIR = path.join(ROOT, '.tools');

/** The data folder: DATA_DIR (relative to the project folder) or .data. */
export function dataDir() {
  return path.resolve(ROOT, process.env.DATA_DIR || '.data');
}
