// Nothing is lost on a crash: a recordEvents retry after the commit appends nothing twice,
// and a project carries on after its worker and gateway are stopped and started again.
import type { EventStore } from '../libs/event-store/src';
import { createProjectActivities } from '../apps/worker/src/activities/project.activities';
import * as Q from './support/documents';
import { cast, startInput } from './support/people';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
/** Attempts at recordEvents, and which ones were made to fail after committing. */
const attempts: { projectId: string; failedAfterCommit: boolean }[] = [];
let failNextAfterCommit = false;

/** The real activity, but the chosen attempt "crashes" after its transaction committed. */
function crashingAfterCommit(store: EventStore) {
  const real = createProjectActivities(store);
  return {
    async recordEvents(input: Parameters<typeof real.recordEvents>[0]) {
      const result = await real.recordEvents(input);
      const fail = failNextAfterCommit;
      failNextAfterCommit = false;
      attempts.push({ projectId: input.projectId, failedAfterCommit: fail });
      if (fail) throw new Error('worker lost its reply after the commit');
      return result;
    },
  };
}

beforeAll(async () => {
  stack = await startStack({ activities: crashingAfterCommit });
});
afterAll(() => stack?.stop());

it('a retried recordEvents after a crash between commit and reply appends nothing twice', async () => {
  const people = cast();
  const started = await stack.gql(Q.START_PROJECT, { input: startInput(people) }, people.lead.token);
  const projectId = started.data!.startProject.id;
  failNextAfterCommit = true;
  const agreed = await stack.gql(Q.AGREE, { projectId }, people.rep.token);
  expect(agreed.errors).toBeUndefined();
  expect(agreed.data!.agreeLadderLevel.version).toBe(2);
  const mine = attempts.filter((a) => a.projectId === projectId);
  expect(mine.map((a) => a.failedAfterCommit)).toEqual([false, true, false]);
  const trail = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId } }, people.lead.token);
  expect(trail.data!.auditTrail.edges.map((e: any) => e.node.type)).toEqual([
    'ProjectStarted',
    'LadderLevelAgreed',
  ]);
  const verified = await stack.gql(Q.VERIFY, { projectId }, people.lead.token);
  expect(verified.data!.verifyAuditTrail).toMatchObject({ valid: true, eventCount: 2 });
});

it('after the worker and gateway stop mid-way and start again, the project continues with nothing lost', async () => {
  const people = cast();
  const started = await stack.gql(Q.START_PROJECT, { input: startInput(people) }, people.lead.token);
  const projectId = started.data!.startProject.id;
  await stack.gql(
    Q.COUNTER_PROPOSE,
    { projectId, level: 'PARTNERSHIP', reason: 'Busy term' },
    people.rep.token,
  );

  await stack.stop();
  // While both are down, a client's step waits for a worker; start them again to finish it.
  await stack.startGateway();
  const pending = stack.gql(
    Q.CHANGE_LEVEL,
    { projectId, level: 'PARTNERSHIP', reason: 'Agreed' },
    people.lead.token,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  await stack.startWorker();
  const agreed = await pending;
  expect(agreed.errors).toBeUndefined();
  expect(agreed.data!.changeLadderLevel).toMatchObject({ phase: 'BRIEFING', version: 3 });

  const read = await stack.gql(Q.PROJECT, { id: projectId }, people.lead.token);
  expect(read.data!.project.ladder.history.map((h: any) => h.level)).toEqual([
    'CO_PRODUCTION',
    'PARTNERSHIP',
    'PARTNERSHIP',
  ]);
  const verified = await stack.gql(Q.VERIFY, { projectId }, people.lead.token);
  expect(verified.data!.verifyAuditTrail).toMatchObject({ valid: true, eventCount: 3 });
});
