import type { Template } from './blocks';
import { dayWords } from './words';

export interface CharterReminderParams {
  charterName: string;
  dueOn: string;
  everyMonths: number;
  rule: string;
  url: string;
}

export const boardReportReminder: Template<CharterReminderParams> = {
  subject: (p) => `Reminder: the board report under the ${p.charterName} is due`,
  body: (p) => [
    {
      p: `The ${p.charterName} asks for a report to the board at least every ${p.everyMonths} months. The next one is due by ${dayWords(p.dueOn)}.`,
    },
    { inset: p.rule },
    { link: { text: 'Open the board report', href: p.url } },
  ],
};

export const charterReviewReminder: Template<CharterReminderParams> = {
  subject: (p) => `Reminder: the ${p.charterName} is due for review`,
  body: (p) => [
    {
      p: `The ${p.charterName} is to be reviewed every ${p.everyMonths} months. The next review is due by ${dayWords(p.dueOn)}.`,
    },
    { inset: p.rule },
    { link: { text: 'See the charter', href: p.url } },
  ],
};
