import type { Block, Template } from './blocks';
import { dateTimeWords, durationWords } from './words';

export interface MeetingParams {
  projectTitle: string;
  meetingTitle: string;
  startsAt: string;
  durationMinutes: number;
  location: string;
  accessibilityNotes: string | null;
  projectUrl: string;
  /** When a moved meeting was to start. */
  previousStartsAt: string | null;
  /** Why a meeting was cancelled or moved. */
  reason: string | null;
}

const details = (p: MeetingParams): Block[] => [
  {
    list: [
      `When: ${dateTimeWords(p.startsAt)}, for ${durationWords(p.durationMinutes)}`,
      `Where: ${p.location}`,
      ...(p.accessibilityNotes ? [`Access: ${p.accessibilityNotes}`] : []),
    ],
  },
  { p: 'The calendar file attached to this email adds the meeting to your calendar.' },
];

export const meetingBooked: Template<MeetingParams> = {
  subject: (p) => `Meeting booked: ${p.meetingTitle}, ${dateTimeWords(p.startsAt)}`,
  body: (p) => [
    { p: `A meeting of the project "${p.projectTitle}" has been booked.` },
    ...details(p),
    { p: 'The papers for the meeting will be sent to you before it.' },
    { link: { text: 'See the project', href: p.projectUrl } },
  ],
};

export const meetingMoved: Template<MeetingParams> = {
  subject: (p) => `Meeting moved: ${p.meetingTitle}, now ${dateTimeWords(p.startsAt)}`,
  body: (p) => [
    {
      p: `The meeting "${p.meetingTitle}" of the project "${p.projectTitle}" has moved${p.previousStartsAt ? ` from ${dateTimeWords(p.previousStartsAt)}` : ''}.`,
    },
    ...(p.reason ? [{ inset: `Why: ${p.reason}` }] : []),
    ...details(p),
    { link: { text: 'See the project', href: p.projectUrl } },
  ],
};

export const meetingCancelled: Template<MeetingParams> = {
  subject: (p) => `Meeting cancelled: ${p.meetingTitle}, ${dateTimeWords(p.startsAt)}`,
  body: (p) => [
    {
      p: `The meeting "${p.meetingTitle}" of the project "${p.projectTitle}" on ${dateTimeWords(p.startsAt)} has been cancelled.`,
    },
    ...(p.reason ? [{ inset: `Why: ${p.reason}` }] : []),
    { p: 'The calendar file attached to this email removes the meeting from your calendar.' },
    { link: { text: 'See the project', href: p.projectUrl } },
  ],
};
