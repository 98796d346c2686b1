// Deciding a step: given a project's state, a command and who asks, either the events to
// record or a DomainError. Checks run in the contract's order: authorization, input,
// phase, then charter rules in DOMAIN.md's table order. Pure, so the workflow's Update
// validator and handler, and the gateway, reach the same answer.
import { canReadProject } from '../access';
import { isAnonymousParticipant, isPublicRespondent, type Actor } from '../actor';
import { badInput } from '../errors';
import type { ProjectState } from '../project-state';
import { briefingDeciders, type BriefingCommand } from './briefing';
import { notFound, type Decision } from './common';
import { feedbackDeciders, type FeedbackCommand } from './feedback';
import { ladderDeciders, type LadderCommand } from './ladder';
import { meetingDeciders, type MeetingCommand } from './meetings';
import { participantDeciders, type ParticipantCommand } from './participants';
import { decidePublishClosingReport, type ReportCommand } from './report';

export type { BriefingCommand } from './briefing';
export { HELD_CONTACT, type ContactDetail, type Created, type CreatedBy, type Decision } from './common';
export { ANONYMOUS_ACTOR, FEEDBACK_LINK_ID, type FeedbackCommand } from './feedback';
export type { LadderCommand } from './ladder';
export type { MeetingCommand, PastMeetingInput, RecordMeetingInput, ScheduleMeetingInput } from './meetings';
export type { ParticipantCommand } from './participants';
export type { ClosingReportInput, ReportCommand } from './report';
export { decideStart, type ParticipantInput, type StartProjectInput } from './start';
export {
  decideDeadlines,
  nextSystemWakeUp,
  openDeadlines,
  type DeadlineKind,
  type OpenDeadline,
} from './deadlines';

/** The steps a project's workflow accepts after it has started. */
export type ProjectCommand =
  LadderCommand | ParticipantCommand | BriefingCommand | MeetingCommand | FeedbackCommand | ReportCommand;

type Decider = (state: ProjectState, command: ProjectCommand, actor: Actor, now: Date) => Decision;

const deciders = {
  ...ladderDeciders,
  ...participantDeciders,
  ...briefingDeciders,
  ...meetingDeciders,
  ...feedbackDeciders,
  publishClosingReport: decidePublishClosingReport,
} as Record<ProjectCommand['type'], Decider>;

/** Decides a command against a project's current state; throws DomainError when refused. */
export function decide(state: ProjectState, command: ProjectCommand, actor: Actor, now: Date): Decision {
  // These two cannot read the project: the gateway vouched for the first, the link's id for the second.
  const anonymousItem =
    command.type === 'submitFeedback' && (isAnonymousParticipant(actor) || isPublicRespondent(actor));
  // Someone following their invitation cannot read the project until this step links them.
  const invitedSelf =
    command.type === 'linkParticipant' && command.byInvitation === true && command.personId === actor.id;
  if (!canReadProject(state, actor) && !anonymousItem && !invitedSelf) throw notFound();
  const decider = deciders[command.type] as Decider | undefined;
  if (!decider) throw badInput('command', `Unknown step "${command.type}".`);
  return decider(state, command, actor, now);
}
export {
  decideReminders,
  nextReminderAt,
  openReminders,
  workingDaysBefore,
  type OpenReminder,
} from './reminders';
