// Once per test run: apply migrations, and bundle the workflow code once for every test
// file's worker (bundling takes seconds; doing it per file would dominate the run).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { runMigrations } from '../../libs/event-store/src';
import { FAILURE_CONVERTER_PATH } from '../../libs/payload-codec/src';

export default async function globalSetup() {
  if (!process.env.DATABASE_URL) return; // unit-only runs (e.g. `npx jest libs/domain`)
  await runMigrations(process.env.DATABASE_URL);
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows/src'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const path = join(mkdtempSync(join(tmpdir(), 'workflow-bundle-')), 'bundle.js');
  writeFileSync(path, code);
  process.env.WORKFLOW_BUNDLE_PATH = path;
}
