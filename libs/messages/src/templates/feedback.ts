import type { Template } from './blocks';
import { channelWords, dateTimeWords, dayWords } from './words';

export interface FeedbackWindowParams {
  projectTitle: string;
  closesAt: string;
  channels: string[];
  respondUrl: string;
}

export const feedbackOpened: Template<FeedbackWindowParams> = {
  subject: (p) => `Tell us what you think about "${p.projectTitle}" by ${dayWords(p.closesAt)}`,
  body: (p) => [
    { p: `We would like to hear your views on "${p.projectTitle}".` },
    { p: `You can respond through ${p.channels.map(channelWords).join(', ')}.` },
    { p: `Please respond by ${dateTimeWords(p.closesAt)}.` },
    { link: { text: 'Give your views', href: p.respondUrl } },
  ],
};

export const feedbackClosingSoon: Template<FeedbackWindowParams> = {
  subject: (p) => `Reminder: 2 days left to give your views on "${p.projectTitle}"`,
  body: (p) => [
    {
      p: `The time to give your views on "${p.projectTitle}" ends on ${dateTimeWords(p.closesAt)}.`,
    },
    { p: 'If you have already responded, thank you: you do not need to do anything.' },
    { link: { text: 'Give your views', href: p.respondUrl } },
  ],
};

export interface AcknowledgementReminderParams {
  projectTitle: string;
  dueBy: string;
  charterName: string;
  rule: string;
  projectUrl: string;
}

export const acknowledgementReminder: Template<AcknowledgementReminderParams> = {
  subject: (p) => `Reminder: acknowledge the feedback on "${p.projectTitle}" by ${dayWords(p.dueBy)}`,
  body: (p) => [
    {
      p: `The feedback on "${p.projectTitle}" has not been acknowledged yet. It is due by ${dayWords(p.dueBy)}.`,
    },
    { p: `The ${p.charterName} says:` },
    { inset: p.rule },
    { link: { text: 'Acknowledge the feedback', href: p.projectUrl } },
  ],
};

export interface FeedbackAcknowledgedParams {
  projectTitle: string;
  message: string;
  projectUrl: string;
}

export const feedbackAcknowledged: Template<FeedbackAcknowledgedParams> = {
  subject: (p) => `Thank you for your views on "${p.projectTitle}"`,
  body: (p) => [
    {
      p: `Thank you for giving your views on "${p.projectTitle}". This is our reply to everyone who responded:`,
    },
    { inset: p.message },
    { p: 'We will tell you what we did as a result in the closing report.' },
    { link: { text: 'See the project', href: p.projectUrl } },
  ],
};
