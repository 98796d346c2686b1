// A meeting booked to start in a moment and recorded once it has started: the way several
// tests reach the point where minutes and decisions exist.
import { ok } from './answers';
import * as Q from './documents';
import type { Stack } from './stack';

interface SoonMeeting {
  projectId: string;
  /** The lead's token: books and records the meeting. */
  token: string;
  /** How long from now the meeting starts (ms); long enough to book it on a busy machine. */
  startsInMs: number;
  /** Waited past the start before recording, so the meeting has begun by the server's clock. */
  marginMs?: number;
  title: string;
  durationMinutes: number;
  location: string;
  overrideReason: string;
  record: {
    minutes: string;
    decisions: string[];
    actions: string[];
    attendance: { participantId: string; present: boolean }[];
  };
}

/** Books the meeting, waits until it has started, records it; returns the booked meeting. */
export async function holdMeetingSoon(stack: Stack, meeting: SoonMeeting) {
  const { projectId, token, startsInMs, marginMs = 100, record, ...details } = meeting;
  const startsAt = new Date(Date.now() + startsInMs).toISOString();
  const booked = ok(
    await stack.gql(Q.SCHEDULE_MEETING, { projectId, input: { ...details, startsAt } }, token),
    'scheduleMeeting',
  );
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Date.parse(startsAt) - Date.now() + marginMs)),
  );
  ok(
    await stack.gql(Q.RECORD_MEETING, { projectId, meetingId: booked.id, input: record }, token),
    'recordMeeting',
  );
  return booked;
}
