// The .ics file sent with meeting messages: one event per meeting, the same UID across every
// change, SEQUENCE rising with each change, METHOD:REQUEST to book or move, CANCEL to cancel.
import { createEvent } from 'ics';
import type { Sender } from './config';

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
  /** Who the file is for; null when they have no address (a file downloaded from the web). */
  attendee: { name: string; email: string } | null;
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
    attendees: input.attendee
      ? [{ ...input.attendee, rsvp: false, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' }]
      : [],
  });
  if (error || !value)
    throw new Error(`The calendar file could not be made: ${error?.message ?? 'no output'}`);
  return value;
}

/** A project's meeting, as the emailed invitations and the web's download both describe it. */
export interface CalendarMeeting {
  meetingId: string;
  meetingTitle: string;
  projectTitle: string;
  /** The project's page, as a full address. */
  projectUrl: string;
  startsAt: string;
  durationMinutes: number;
  location: string;
  sequence: number;
  cancelled: boolean;
}

/** The .ics of a meeting, organised by the messages' sender: the same UID wherever it is made. */
export function meetingCalendarFile(
  meeting: CalendarMeeting,
  attendee: CalendarFileInput['attendee'],
  sender: Sender,
): string {
  const fromName = /^\s*"?([^"<]*?)"?\s*</.exec(sender.from)?.[1] || sender.serviceName;
  const fromEmail = /<([^>]+)>/.exec(sender.from)?.[1] ?? sender.from;
  return calendarFile(
    {
      meetingId: meeting.meetingId,
      title: `${meeting.meetingTitle} (${meeting.projectTitle})`,
      description: `A meeting of the project "${meeting.projectTitle}". Details: ${meeting.projectUrl}`,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      location: meeting.location,
      sequence: meeting.sequence,
      cancelled: meeting.cancelled,
      organizer: { name: fromName, email: fromEmail },
      attendee,
    },
    sender.domain,
  );
}
