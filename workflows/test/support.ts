// What the workflow tests share: the people acting on a project, a Worker with the real
// activities against the PostgreSQL that `npm test` started, and reads of a project's events.
import { randomUUID } from 'node:crypto';
import { Connection, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createMessageActivities } from '../../apps/worker/src/activities/message.activities';
import { createProjectActivities } from '../../apps/worker/src/activities/project.activities';
import { Messenger, messagesConfigFromEnv } from '../../libs/messages/src';
import type { Actor } from '../../libs/domain/src/actor';
import { addDays, londonInstant, type IsoDate } from '../../libs/domain/src/calendar';
import { checkMeetingRules, findCharter } from '../../libs/domain/src/charters';
import type { ProjectCommand, StartProjectInput } from '../../libs/domain/src/commands';
import type { RecordedEvent } from '../../libs/domain/src/events';
import { createDataSource, EventStore } from '../../libs/event-store/src';
import {
  PROJECT_WORKFLOW_TYPE,
  projectWorkflowStart,
  startedUpdate,
  stepUpdate,
  type ProjectActivities,
  type StepResult,
} from '../src/definitions';

import { requiredEnv, testDataConverter } from '../../test/support/env';
import { SHORT_BREAKS_REVIEW } from '../../test/support/people';

export { requiredEnv, testDataConverter };

export const CHARTER = 'worcestershire';

/** Spans of time the tests skip and count by (in milliseconds). */
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

const person = (id: string, displayName: string, role: string): Actor => ({
  id,
  displayName,
  roles: [role],
  charters: [CHARTER],
});

/** The people of one project (their ids are unique to it, so projects never share readers). */
export function cast() {
  const run = randomUUID().slice(0, 8);
  return {
    lead: person(`lead-${run}`, 'Lee Lead', 'LEAD'),
    rep: person(`rep-${run}`, 'Pat Parent', 'PARENT_REP'),
    keyContact: person(`key-${run}`, 'Kim Contact', 'KEY_CONTACT'),
  };
}
export type Cast = ReturnType<typeof cast>;

// Participants as decideStart numbers them: p1 the lead (added as the caller), then these.
export const PARENT_REP_PARTICIPANT = (projectId: string) => `${projectId}.p2`;

export function startInput(people: Cast): StartProjectInput {
  return {
    ...SHORT_BREAKS_REVIEW,
    charterId: CHARTER,
    expectedOutcomes: [...SHORT_BREAKS_REVIEW.expectedOutcomes],
    participants: [
      { displayName: people.rep.displayName, role: 'PARENT_REP', personId: people.rep.id },
      { displayName: people.keyContact.displayName, role: 'KEY_CONTACT', personId: people.keyContact.id },
    ],
  };
}

const dataSources = new WeakMap<EventStore, DataSource>();

/**
 * A Worker on `connection` with the bundled workflow code and the real activities
 * (recordEvents, and sendMessage to SMTP_URL, the loopback server `npm test` runs, unless
 * `messenger` is given) or, for tests of the workflow's own logic, the activities given (with
 * sending off); encrypting its payloads as the engine's worker does (`{}`: in clear, for
 * replay fixtures).
 */
export function createTestWorker(
  connection: NativeConnection,
  taskQueue: string,
  store: EventStore | ProjectActivities,
  dataConverter: DataConverter = testDataConverter(),
  messenger?: Messenger,
) {
  const config = messagesConfigFromEnv();
  const db = store instanceof EventStore ? dataSources.get(store) : undefined;
  return Worker.create({
    connection,
    taskQueue,
    workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') },
    dataConverter,
    activities:
      store instanceof EventStore
        ? {
            ...createProjectActivities(store),
            ...createMessageActivities(messenger ?? (config && db ? new Messenger(db, config) : null)),
          }
        : { ...createMessageActivities('off'), ...store },
  });
}

/**
 * The suite's PostgreSQL for one test file: connected in beforeAll, closed in afterAll. The
 * store can be kept at once; it answers once the tests run.
 */
export function storeForFile(): EventStore {
  const dataSource = createDataSource(requiredEnv('DATABASE_URL'), { poolSize: 4 });
  beforeAll(() => dataSource.initialize());
  afterAll(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });
  const store = new EventStore(dataSource);
  dataSources.set(store, dataSource); // its workers send messages through the same database
  return store;
}

/** Connections to the suite's Temporal dev server for one test file: opened in beforeAll, closed in afterAll. */
export function temporalForFile(): {
  readonly connection: Connection;
  readonly nativeConnection: NativeConnection;
} {
  const opened = {} as { connection: Connection; nativeConnection: NativeConnection };
  beforeAll(async () => {
    const address = requiredEnv('TEMPORAL_ADDRESS');
    opened.connection = await Connection.connect({ address });
    opened.nativeConnection = await NativeConnection.connect({ address });
  });
  afterAll(async () => {
    await opened.nativeConnection?.close();
    await opened.connection?.close();
  });
  return opened;
}

export async function openStore(): Promise<{ store: EventStore; dataSource: DataSource }> {
  const dataSource = await createDataSource(requiredEnv('DATABASE_URL'), { poolSize: 4 }).initialize();
  const store = new EventStore(dataSource);
  dataSources.set(store, dataSource);
  return { store, dataSource };
}

/** A project driven through its workflow's Updates, as the gateway drives it. */
export interface ProjectRun {
  projectId: string;
  people: Cast;
  handle: WorkflowHandleWithFirstExecutionRunId;
  step(command: ProjectCommand, actor?: Actor): Promise<StepResult>;
}

export async function startProject(client: Client, taskQueue: string): Promise<ProjectRun> {
  const projectId = randomUUID();
  const people = cast();
  const input = { projectId, start: { input: startInput(people), actor: people.lead } };
  const handle = await client.workflow.start(PROJECT_WORKFLOW_TYPE, projectWorkflowStart(input, taskQueue));
  await handle.executeUpdate(startedUpdate);
  return {
    projectId,
    people,
    handle,
    step: (command, actor = people.lead) => handle.executeUpdate(stepUpdate, { args: [{ command, actor }] }),
  };
}

/** Ladder agreed by the parent rep, the rep briefed by the key contact, briefing complete: MEETINGS. */
export async function toMeetings(run: ProjectRun): Promise<void> {
  const { people, projectId } = run;
  await run.step({ type: 'agreeLadderLevel', comment: 'Happy with co-production' }, people.rep);
  await run.step(
    {
      type: 'recordBriefing',
      summary: 'We went through the short breaks offer and what families said about it last year.',
      briefedParticipantIds: [PARENT_REP_PARTICIPANT(projectId)],
    },
    people.keyContact,
  );
  await run.step({ type: 'completeBriefing' }, people.keyContact);
}

/**
 * The first 10:00 (London) meeting at least `minDaysAhead` days after `now` that keeps every
 * meeting rule of the charter (weekday school runs, school holidays), so booking it records
 * no breach of its own.
 */
export function meetingSlot(now: Date, minDaysAhead: number, durationMinutes = 90): Date {
  const charter = findCharter(CHARTER)!;
  let day: IsoDate = new Date(now.getTime() + minDaysAhead * 86_400_000).toISOString().slice(0, 10);
  for (let tries = 0; tries < 120; tries++, day = addDays(day, 1)) {
    const startsAt = londonInstant(day, '10:00');
    if (checkMeetingRules(charter, { startsAt, durationMinutes }, now).length === 0) return startsAt;
  }
  throw new Error(`No meeting slot that keeps the ${CHARTER} rules after ${now.toISOString()}`);
}

export function readEvents(store: EventStore, projectId: string): Promise<RecordedEvent[]> {
  return store.readProjectEvents(projectId, { limit: 10_000 });
}

/** Polls PostgreSQL (real time) until `found` holds for the project's events; returns them. */
export async function waitForEvents(
  store: EventStore,
  projectId: string,
  found: (events: RecordedEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events = await readEvents(store, projectId);
    if (found(events)) return events;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for events of ${projectId}; have: ${events.map((e) => e.type).join(', ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sequences 1..N with no gaps, in order. */
export function expectGaplessSequences(events: RecordedEvent[]): void {
  const sequences = events.map((e) => e.sequence);
  const expected = sequences.map((_, i) => i + 1);
  if (sequences.join(',') !== expected.join(','))
    throw new Error(`Sequences are not 1..${events.length} without gaps: ${sequences.join(',')}`);
}
