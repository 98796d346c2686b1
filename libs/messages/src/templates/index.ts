// Every message's template, by type: the one folder where the words of messages live.
import type { MessageType } from '../message';
import type { Template } from './blocks';
import { boardReportReminder, charterReviewReminder } from './charter-reminders';
import { closingReport } from './closing-report';
import {
  acknowledgementReminder,
  feedbackAcknowledged,
  feedbackClosingSoon,
  feedbackOpened,
} from './feedback';
import { invitation } from './invitation';
import { ladderProposed } from './ladder-proposed';
import { meetingBooked, meetingCancelled, meetingMoved } from './meeting';
import { papersDistributed, papersReminder } from './papers';
import { signInLink } from './sign-in-link';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each template takes its own params
export const TEMPLATES: { [T in MessageType]: Template<any> } = {
  invitation,
  signInLink,
  ladderProposed,
  meetingBooked,
  meetingMoved,
  meetingCancelled,
  papersDistributed,
  papersReminder,
  feedbackOpened,
  feedbackClosingSoon,
  acknowledgementReminder,
  feedbackAcknowledged,
  closingReport,
  boardReportReminder,
  charterReviewReminder,
};

export type { Block, Rendered, Template } from './blocks';
export { renderBlocks, wordsOf } from './blocks';
