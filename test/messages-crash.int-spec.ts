// Messages survive a crash: the worker is killed (SIGKILL) while the mail server holds a
// message it has read but not yet accepted, and the server refuses every message twice
// before taking it. Every message still arrives exactly once, and is recorded once.
// (Only the held message is in flight at the kill: SMTP cannot be asked whether a message
// accepted in the instant before a crash arrived, so that instant can resend; README.)
import { briefedProject, ok } from './support/answers';
import * as Q from './support/documents';
import type { ReceivedMessage } from './support/mailbox';
import { cast, startInput } from './support/people';
import { mailedStackForFile } from './support/suite';

const { stack, mailbox, db: dataSource } = mailedStackForFile({ workerProcess: true });
const people = cast();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('delivers every message exactly once across a kill -9 of the worker mid-send', async () => {
  const run = Date.now().toString(36);
  const pat = `pat-${run}@example.org`;
  let crashed: ReceivedMessage | null = null;
  // The first meeting message the server reads: the worker dies before it is accepted.
  mailbox.beforeAccepting(async (m) => {
    if (crashed || m.type !== 'meetingBooked') return;
    crashed = m;
    await stack.killWorker();
    await sleep(300); // the dead connection closes
    await stack.startWorker();
  });

  const input = startInput(people);
  input.participants[0].email = pat;
  // Only Pat has an address, so one message is in flight at a time.
  const { email: _none, ...withoutAddress } = input.participants[1];
  input.participants[1] = withoutAddress as (typeof input.participants)[number];
  const project = await briefedProject(stack, people, input);
  const projectId = project.id as string;
  const ofProject = (m: ReceivedMessage) => m.key.startsWith(projectId);
  await mailbox.waitFor(2, ofProject, 120_000); // the invitation and the proposed level
  ok(
    await stack.gql(
      Q.SCHEDULE_MEETING,
      {
        projectId,
        input: {
          title: 'First workshop',
          startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          durationMinutes: 60,
          location: 'Civic Centre',
          overrideReason: 'Agreed with the forum',
        },
      },
      people.lead.token,
    ),
    'scheduleMeeting',
  );

  const expected = [`${pat} invitation`, `${pat} ladderProposed`, `${pat} meetingBooked`];
  await mailbox.waitFor(expected.length, ofProject, 180_000);
  await sleep(3000); // a second copy would arrive by now
  const delivered = mailbox.messages.filter(ofProject);
  expect(crashed).not.toBeNull();
  expect(delivered.map((m) => `${m.envelopeTo.join(',')} ${m.type}`).sort()).toEqual(expected.sort());
  expect(new Set(delivered.map((m) => m.key)).size).toBe(expected.length);
  // The message the worker died sending is among them, once.
  expect(delivered.filter((m) => m.key === crashed!.key)).toHaveLength(1);

  // Recorded once each: one MessageSent event per message.
  const sent = async () =>
    (await dataSource.query(
      `SELECT data->>'messageKey' AS key FROM events WHERE project_id = $1 AND type = 'MessageSent'`,
      [projectId],
    )) as { key: string }[];
  const deadline = Date.now() + 60_000;
  while ((await sent()).length < expected.length && Date.now() < deadline) await sleep(200);
  const keys = (await sent()).map((r) => r.key).sort();
  expect(keys).toEqual(delivered.map((m) => m.key).sort());
}, 300_000);
