// The workflow code bundled once with Temporal's bundleWorkflowCode, so the worker loads a
// prebuilt bundle instead of bundling from source at each start (Temporal's advice for
// production). `npm run build` writes it; run directly, this file writes it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../../libs/payload-codec/src';

/** Beside the compiled code: dist/workflows/bundle.js. */
export const PREBUILT_BUNDLE_PATH = join(__dirname, '../../../workflows/bundle.js');

/** The bundler reports each build at INFO; only its errors matter here. */
const quiet = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

/** The project workflows, bundled (the webpack output as text). */
export async function bundleProjectWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../../workflows/src'),
    // Failures are encrypted like payloads: the converter runs inside the workflow sandbox too.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quiet,
  });
  return code;
}

if (require.main === module) {
  bundleProjectWorkflows()
    .then((code) => {
      mkdirSync(dirname(PREBUILT_BUNDLE_PATH), { recursive: true });
      writeFileSync(PREBUILT_BUNDLE_PATH, code);
    })
    .catch((err: Error) => {
      console.error(`Could not bundle the workflow code: ${err.message}`);
      process.exit(1);
    });
}
