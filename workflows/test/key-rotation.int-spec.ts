// Rotating the payload key: a project whose history was written with key 1 keeps running
// and stays readable after the worker and client move to key 2 with key 1 kept to decrypt.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { encryptingDataConverter, keyRing, parseKey, type KeyRing } from '../../libs/payload-codec/src';
import type { Actor } from '../../libs/domain/src/actor';
import type { ProjectCommand } from '../../libs/domain/src/commands';
import { stepUpdate } from '../src/definitions';
import {
  createTestWorker,
  PARENT_REP_PARTICIPANT,
  readEvents,
  startProject,
  storeForFile,
  temporalForFile,
} from './support';

const newKey = () => parseKey('test key', randomBytes(32).toString('base64'));

const store = storeForFile();
const temporal = temporalForFile();

const keyIdsIn = async (client: Client, workflowId: string) => {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const payloads = event.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    for (const p of payloads) ids.add(Buffer.from(p.metadata!['encryption-key-id']!).toString());
    const args =
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? [];
    for (const p of args) ids.add(Buffer.from(p.metadata!['encryption-key-id']!).toString());
  }
  return ids;
};

it('reads and continues a history written with key 1 after rotating to key 2', async () => {
  const [key1, key2] = [newKey(), newKey()];
  const taskQueue = `rotation-${randomUUID()}`;
  const clientWith = (keys: KeyRing) =>
    new Client({ connection: temporal.connection, dataConverter: encryptingDataConverter(keys) });

  // Before the rotation: key 1 only.
  const before = clientWith(keyRing(key1));
  let worker = await createTestWorker(
    temporal.nativeConnection,
    taskQueue,
    store,
    encryptingDataConverter(keyRing(key1)),
  );
  const run = await worker.runUntil(async () => {
    const started = await startProject(before, taskQueue);
    await started.step({ type: 'agreeLadderLevel', comment: 'Happy with co-production' }, started.people.rep);
    return started;
  });

  // After: key 2 encrypts, key 1 only decrypts. A fresh worker replays the old history.
  const rotated = keyRing(key2, [key1]);
  const after = clientWith(rotated);
  const handle = after.workflow.getHandle(run.handle.workflowId);
  const step = (command: ProjectCommand, actor: Actor) =>
    handle.executeUpdate(stepUpdate, { args: [{ command, actor }] });
  worker = await createTestWorker(
    temporal.nativeConnection,
    taskQueue,
    store,
    encryptingDataConverter(rotated),
  );
  await worker.runUntil(async () => {
    await step(
      {
        type: 'recordBriefing',
        summary: 'We went through the short breaks offer together.',
        briefedParticipantIds: [PARENT_REP_PARTICIPANT(run.projectId)],
      },
      run.people.keyContact,
    );
    await step({ type: 'completeBriefing' }, run.people.keyContact);
  });
  const events = await readEvents(store, run.projectId);
  expect(events.map((e) => e.type)).toEqual([
    'ProjectStarted',
    'LadderLevelAgreed',
    'BriefingRecorded',
    'BriefingCompleted',
  ]);
  // The history holds payloads of both keys: the old ones were read with key 1.
  expect(await keyIdsIn(after, run.handle.workflowId)).toEqual(new Set([key1.id, key2.id]));
});
