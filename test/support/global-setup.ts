// Once per test run: apply migrations, and bundle the workflow code once for every test
// file's worker (bundling takes seconds; doing it per file would dominate the run).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleProjectWorkflows } from '../../apps/worker/src/workflow-bundle';
import { runMigrations } from '../../libs/event-store/src';

export default async function globalSetup() {
  if (!process.env.DATABASE_URL) return; // unit-only runs (e.g. `npx jest libs/domain`)
  await runMigrations(process.env.DATABASE_URL);
  const code = await bundleProjectWorkflows();
  const path = join(mkdtempSync(join(tmpdir(), 'workflow-bundle-')), 'bundle.js');
  writeFileSync(path, code);
  process.env.WORKFLOW_BUNDLE_PATH = path;
}
