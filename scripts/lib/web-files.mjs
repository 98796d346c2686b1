// Files the gateway reads at run time besides its code: the page templates and static
// assets. Each build (dist/ for npm start and tests, dist-bench/ for the benchmark) copies them.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

const WEB_FOLDERS = ['apps/gateway/src/web/views', 'apps/gateway/src/web/public'];

export function copyWebFiles(outDir) {
  for (const folder of WEB_FOLDERS) {
    fs.cpSync(path.join(ROOT, folder), path.join(ROOT, outDir, folder), { recursive: true });
  }
}
