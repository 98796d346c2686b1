// `npm run admin -- --email … --name … --charter …`: adds a charter administrator (or, with
// --role, another role) to the product's own people table. Builds dist/ first if missing.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib/paths.mjs';

const cli = path.join(ROOT, 'dist/apps/gateway/src/identity/people-cli.js');
if (!fs.existsSync(cli)) {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
