// The .ics file sent with meeting messages: one event per meeting, the same UID across every
// change, SEQUENCE rising with each change, METHOD:REQUEST to book or move, CANCEL to cancel.
import { createEvent } from 'ics';

export interface CalendarFileInput {
  meetingId: string;
  title: string;
  description: string;
  startsAt: string;
  durationMinutes: number;
  location: string;
  /** Rises with every change of the meeting (the project's event sequence does). */
  sequence: number;
  cancelled: boolean;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

export const calendarUid = (meetingId: string, domain: string) => `${meetingId}@${domain}`;

export function calendarFile(input: CalendarFileInput, domain: string): string {
  const { error, value } = createEvent({
    productId: 'coproduction-engine/messages',
    method: input.cancelled ? 'CANCEL' : 'REQUEST',
    uid: calendarUid(input.meetingId, domain),
    sequence: input.sequence,
    status: input.cancelled ? 'CANCELLED' : 'CONFIRMED',
    start: new Date(input.startsAt).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: input.durationMinutes },
    title: input.title,
    description: input.description,
    location: input.location,
    organizer: input.organizer,
    attendees: [{ ...input.attendee, rsvp: false, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' }],
  });
  if (error || !value)
    throw new Error(`The calendar file could not be made: ${error?.message ?? 'no output'}`);
  return value;
}
