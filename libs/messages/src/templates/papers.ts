import type { Template } from './blocks';
import { dateTimeWords } from './words';

export interface PapersDistributedParams {
  projectTitle: string;
  meetingTitle: string;
  startsAt: string;
  documents: string[];
  projectUrl: string;
}

export const papersDistributed: Template<PapersDistributedParams> = {
  subject: (p) => `Papers for ${p.meetingTitle} on ${dateTimeWords(p.startsAt)}`,
  body: (p) => [
    { p: `The papers for the meeting "${p.meetingTitle}" of "${p.projectTitle}" are ready:` },
    { list: p.documents },
    { p: 'You can read them on the project page.' },
    { link: { text: 'Read the papers', href: p.projectUrl } },
  ],
};

export interface PapersReminderParams {
  projectTitle: string;
  meetingTitle: string;
  startsAt: string;
  papersDueBy: string;
  charterName: string;
  rule: string;
  projectUrl: string;
}

export const papersReminder: Template<PapersReminderParams> = {
  subject: (p) => `Reminder: papers for ${p.meetingTitle} are due by ${dateTimeWords(p.papersDueBy)}`,
  body: (p) => [
    {
      p: `The papers for the meeting "${p.meetingTitle}" of "${p.projectTitle}" on ${dateTimeWords(p.startsAt)} have not been sent out yet.`,
    },
    { p: `They are due by ${dateTimeWords(p.papersDueBy)}. The ${p.charterName} says:` },
    { inset: p.rule },
    { link: { text: 'Send the papers', href: p.projectUrl } },
  ],
};
