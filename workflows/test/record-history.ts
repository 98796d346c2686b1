// Records the Temporal history of one whole project as a replay fixture (see
// docs/workflow-versioning.md). Run through jest, which has the servers and the bundle:
//
//   RECORD_HISTORY=1 npm test -- workflows/test/replay          (project-history.json)
//   RECORD_HISTORY=<name> npm test -- workflows/test/replay     (workflows/fixtures/<name>.json)
//
// A name with "batched" in it also sends a burst of briefings at once (one of them refused),
// so the fixture holds steps decided and recorded together (batched-steps-v1).
//
// The project runs on the time-skipping test server (so its timers fire without waiting days)
// with the real recordEvents activity against the suite's PostgreSQL, and goes through every
// kind of step: start (update-with-start, as the gateway does), a counter-proposal agreed by
// the lead, a briefing, a meeting with papers sent in time and held, a meeting whose papers
// timer fires (a breach by the system) and that is then cancelled, feedback (one item
// anonymous) until the window's close timer fires, the acknowledgement and the closing report.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, londonDateOf, londonInstant } from '../../libs/domain/src/calendar';
import { PROJECT_WORKFLOW_TYPE, projectWorkflowStart, startedUpdate, stepUpdate } from '../src/definitions';
import type { ProjectCommand } from '../../libs/domain/src/commands';
import type { Actor } from '../../libs/domain/src/actor';
import { historyToJSON as historyToJson } from '@temporalio/common/lib/proto-utils';
import {
  DAY,
  MINUTE,
  cast,
  createTestWorker,
  meetingSlot,
  openStore,
  PARENT_REP_PARTICIPANT,
  requiredEnv,
  startInput,
} from './support';

export const FIXTURE_PATH = `${__dirname}/../fixtures/project-history.json`;

/** Where RECORD_HISTORY=<name> writes (1: project-history.json), and what the project does. */
export function fixtureFor(name: string): { path: string; burst: boolean } {
  if (name === '1') return { path: FIXTURE_PATH, burst: false };
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`RECORD_HISTORY=${name}: use lower case, digits and -`);
  return { path: `${__dirname}/../fixtures/${name}.json`, burst: name.includes('batched') };
}

/** Runs one project from start to CLOSED and writes its history (Temporal's JSON form) to `path`. */
export async function recordProjectHistory(path = FIXTURE_PATH, { burst = false } = {}): Promise<void> {
  const { store, dataSource } = await openStore();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requiredEnv('TEMPORAL_TEST_SERVER_PATH') } },
  });
  try {
    const taskQueue = `record-${randomUUID()}`;
    // In clear: the fixture is replayed by later runs, which have other keys (and it is made up).
    const worker = await createTestWorker(env.nativeConnection, taskQueue, store, {});
    const history = await worker.runUntil(async () => {
      const projectId = randomUUID();
      const people = cast();
      const start = projectWorkflowStart(
        { projectId, start: { input: startInput(people), actor: people.lead } },
        taskQueue,
      );
      await env.client.workflow.executeUpdateWithStart(startedUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
          ...start,
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      const handle = env.client.workflow.getHandle(start.workflowId);
      const step = (command: ProjectCommand, actor: Actor = people.lead) =>
        handle.executeUpdate(stepUpdate, { args: [{ command, actor }] });
      const now = async () => new Date(await env.currentTimeMs());
      const skipTo = async (instant: Date) => env.sleep(instant.getTime() - (await env.currentTimeMs()));

      await step(
        { type: 'counterProposeLadderLevel', level: 'PARTNERSHIP', reason: 'A busy term' },
        people.rep,
      );
      await step({ type: 'changeLadderLevel', level: 'PARTNERSHIP', reason: 'Agreed with the forum' });
      await step(
        {
          type: 'recordBriefing',
          summary: 'We talked through the short breaks offer in plain English.',
          briefedParticipantIds: [PARENT_REP_PARTICIPANT(projectId)],
        },
        people.keyContact,
      );
      if (burst) {
        // Five briefings at once, the third naming no one on the project (refused on its own).
        const briefing = (i: number, ids: string[]) =>
          step(
            {
              type: 'recordBriefing',
              summary: `Briefing number ${i} went through the offer.`,
              briefedParticipantIds: ids,
            },
            people.keyContact,
          );
        const all = await Promise.allSettled(
          [1, 2, 3, 4, 5].map((i) => briefing(i, i === 3 ? ['nobody'] : [PARENT_REP_PARTICIPANT(projectId)])),
        );
        if (all.filter((r) => r.status === 'rejected').length !== 1)
          throw new Error(`The burst should have one refusal: ${JSON.stringify(all)}`);
      }
      await step({ type: 'completeBriefing' }, people.keyContact);

      const first = meetingSlot(await now(), 21);
      const second = meetingSlot(new Date(first.getTime() + 2 * DAY), 0);
      const meeting = (title: string, startsAt: Date): ProjectCommand => ({
        type: 'scheduleMeeting',
        input: { title, startsAt: startsAt.toISOString(), durationMinutes: 90, location: 'Library' },
      });
      await step(meeting('Planning workshop', first), people.keyContact);
      await step(meeting('Follow-up', second), people.keyContact);
      await step({ type: 'distributePapers', meetingId: `${projectId}.m1`, documents: ['Agenda'] });
      // The second meeting's papers are never sent: its timer fires and the system records a breach.
      await skipTo(new Date(second.getTime() - 7 * DAY + MINUTE));
      await skipTo(new Date(first.getTime() + 120 * MINUTE));
      await step(
        {
          type: 'recordMeeting',
          meetingId: `${projectId}.m1`,
          input: {
            minutes: 'We agreed the survey questions.',
            decisions: ['Run a survey'],
            actions: ['Send the survey'],
            attendance: [{ participantId: PARENT_REP_PARTICIPANT(projectId), present: true }],
          },
        },
        people.keyContact,
      );
      await step({ type: 'cancelMeeting', meetingId: `${projectId}.m2`, reason: 'Covered at the workshop' });

      const closesAt = londonInstant(addDays(londonDateOf(await now()), 7), '17:00');
      await step({ type: 'openFeedback', closesAt: closesAt.toISOString(), channels: ['SURVEY'] });
      await step({ type: 'submitFeedback', channel: 'SURVEY', body: 'More weekend places.' }, people.rep);
      await step(
        { type: 'submitFeedback', channel: 'SURVEY', body: 'Easier forms.', anonymous: true },
        people.keyContact,
      );
      // The window's timer closes it.
      await skipTo(new Date(closesAt.getTime() + MINUTE));
      await waitForPhase(store, projectId, 'ACKNOWLEDGEMENT');
      await step({ type: 'acknowledgeFeedback', message: 'Thank you: we read every answer.' });
      await step({
        type: 'publishClosingReport',
        input: {
          youSaidWeDid: [
            {
              youSaid: 'More weekend places and easier forms',
              weDid: 'Added weekend places; the form is now one page',
              feedbackIds: [`${projectId}.f1`, `${projectId}.f2`],
            },
          ],
          levelAchieved: 'PARTNERSHIP',
        },
      });
      await handle.result();
      return handle.fetchHistory();
    });
    writeFileSync(path, historyToJson(history));
    // Formatted as the repository formats JSON, so `prettier --check` passes on the fixture.
    const prettier = join(__dirname, '../../node_modules/prettier/bin/prettier.cjs');
    execFileSync(process.execPath, [prettier, '--write', path], { stdio: 'ignore' });
  } finally {
    await env.teardown();
    await dataSource.destroy();
  }
}

async function waitForPhase(
  store: Awaited<ReturnType<typeof openStore>>['store'],
  projectId: string,
  phase: string,
) {
  const deadline = Date.now() + 15_000;
  while ((await store.getProject(projectId))?.phase !== phase) {
    if (Date.now() > deadline) throw new Error(`Project ${projectId} did not reach ${phase}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
