// Replay: every recorded history in workflows/fixtures (project-history.json, a whole
// project, and any history exported from a running system) must replay against the current
// workflow code, so a change that would break projects already running is caught before
// release (docs/workflow-versioning.md). The last two tests show that the check has teeth: the
// same history fails against a copy of the workflow with an unguarded change, and passes when
// that change is behind `patched()`.
//
// RECORD_HISTORY=1 records a new project-history.json first, RECORD_HISTORY=<name> a new
// workflows/fixtures/<name>.json (workflows/test/record-history.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { historyFromJSON as historyFromJson } from '@temporalio/common/lib/proto-utils';
import { FIXTURE_PATH, fixtureFor, recordProjectHistory } from './record-history';
import { requiredEnv, testDataConverter } from './support';

const WORKFLOW_SOURCE = resolve(__dirname, '../src/coproduction-project.workflow.ts');
const FUNCTION_START =
  'export async function coproductionProject(input: ProjectWorkflowInput): Promise<void> {';

beforeAll(async () => {
  const name = process.env.RECORD_HISTORY;
  if (name) {
    const { path, burst } = fixtureFor(name);
    await recordProjectHistory(path, { burst });
  }
}, 300_000);

const FIXTURES_DIR = dirname(FIXTURE_PATH);

function loadFixture(path = FIXTURE_PATH) {
  if (!existsSync(path))
    throw new Error(
      `No fixture at ${path}: record one with RECORD_HISTORY=1 npm test -- workflows/test/replay`,
    );
  // The JSON form Temporal's CLI and UI export, and historyToJSON writes.
  return historyFromJson(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * The workflow with `change` made to its first lines, bundled as the worker would bundle it:
 * a copy in a temporary folder, its relative imports pointed back at this repository.
 */
async function bundleVariant(imports: string, firstLines: string): Promise<string> {
  const source = readFileSync(WORKFLOW_SOURCE, 'utf8');
  if (!source.includes(FUNCTION_START))
    throw new Error(`The workflow no longer starts with "${FUNCTION_START}": update this test`);
  const variant = `${imports}\n${source}`
    .replace(
      /from '(\.{1,2}\/[^']+)'/g,
      (_, path: string) => `from '${resolve(dirname(WORKFLOW_SOURCE), path)}'`,
    )
    .replace(FUNCTION_START, `${FUNCTION_START}\n${firstLines}`);
  const dir = mkdtempSync(join(tmpdir(), 'workflow-variant-'));
  const workflowsPath = join(dir, 'coproduction-project.workflow.ts');
  writeFileSync(workflowsPath, variant);
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    // The copy lives outside the repository: resolve packages from the repository's node_modules.
    webpackConfigHook: (config) => {
      config.resolve!.modules = [
        ...(config.resolve!.modules ?? []),
        resolve(__dirname, '../../node_modules'),
      ];
      return config;
    },
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  const codePath = join(dir, 'bundle.js');
  writeFileSync(codePath, code);
  return codePath;
}

it('project-history.json holds a whole project: its Updates, timers that fired, and completion', () => {
  const events = loadFixture().events ?? [];
  const count = (has: (e: (typeof events)[number]) => unknown) => events.filter(has).length;
  expect(count((e) => e.workflowExecutionStartedEventAttributes)).toBe(1);
  expect(count((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBeGreaterThanOrEqual(15);
  expect(count((e) => e.timerFiredEventAttributes)).toBeGreaterThanOrEqual(2);
  expect(count((e) => e.activityTaskCompletedEventAttributes)).toBeGreaterThanOrEqual(17);
  expect(count((e) => e.workflowExecutionCompletedEventAttributes)).toBe(1);
});

it('every history in workflows/fixtures replays with the current workflow code', async () => {
  const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'));
  expect(files).toContain('project-history.json');
  for (const file of files) {
    // With the encrypting converter: histories written before encryption replay as they are.
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') },
        dataConverter: testDataConverter(),
      },
      loadFixture(join(FIXTURES_DIR, file)),
    ).catch((err: Error) => {
      throw new Error(`${file} does not replay with the current code: ${err.name}: ${err.message}`, {
        cause: err,
      });
    });
  }
});

it('fails with a DeterminismViolationError against code that adds an unguarded timer', async () => {
  const codePath = await bundleVariant(
    "import { sleep as variantSleep } from '@temporalio/workflow';",
    '  await variantSleep(1);',
  );
  await expect(
    Worker.runReplayHistory({ workflowBundle: { codePath } }, loadFixture()),
  ).rejects.toMatchObject({
    name: 'DeterminismViolationError',
  });
});

it('replays again when that same change is behind patched()', async () => {
  const codePath = await bundleVariant(
    "import { patched as variantPatched, sleep as variantSleep } from '@temporalio/workflow';",
    "  if (variantPatched('replay-test-timer')) await variantSleep(1);",
  );
  await Worker.runReplayHistory({ workflowBundle: { codePath } }, loadFixture());
});
