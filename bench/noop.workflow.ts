// The baseline for a step: a workflow that does nothing but answer Updates. `noop` returns at
// once (Temporal's own round trip: admit, accept, complete); `noopActivity` also runs one
// activity that does nothing (the round trip a step's recordEvents adds, without PostgreSQL);
// `noopLocalActivity` runs it as a local activity (in the worker, no activity task).
// Registered by bench/noop-worker.ts on its own task queue, in its own bundle.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';

export const NOOP_WORKFLOW_TYPE = 'benchNoop';
export const noopUpdate = defineUpdate<number, [number]>('noop');
export const noopActivityUpdate = defineUpdate<number, [number]>('noopActivity');
export const noopLocalActivityUpdate = defineUpdate<number, [number]>('noopLocalActivity');

export interface NoopActivities {
  noop(n: number): Promise<number>;
}

// Same activity options as the project workflow's recordEvents.
const { noop } = proxyActivities<NoopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

const local = proxyLocalActivities<NoopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 ms', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

export async function benchNoop(): Promise<void> {
  // One at a time, like the project workflow's steps.
  let queue: Promise<unknown> = Promise.resolve();
  setHandler(noopUpdate, (n) => n);
  const exclusive = (fn: () => Promise<number>) => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  setHandler(noopActivityUpdate, (n) => exclusive(() => noop(n)));
  setHandler(noopLocalActivityUpdate, (n) => exclusive(() => local.noop(n)));
  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof benchNoop>();
}
