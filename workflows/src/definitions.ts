// What the gateway and the workflow share: names, Update definitions and their payloads.
// Safe to import from both sides (no I/O, only definitions).
import type { Duration } from '@temporalio/common';
import { ApplicationFailure, defineUpdate, type ActivityOptions } from '@temporalio/workflow';
import type { Actor } from '../../libs/domain/src/actor';
import type {
  ContactDetail,
  Created,
  ProjectCommand,
  StartProjectInput,
} from '../../libs/domain/src/commands';
import { DomainError, isErrorCode, type DomainErrorDetails } from '../../libs/domain/src/errors';
import type { NewEvent } from '../../libs/domain/src/events';
import type { ProjectState } from '../../libs/domain/src/project-state';
import type { OutgoingMessage } from '../../libs/messages/src/message';

export const DEFAULT_TASK_QUEUE = 'coproduction';
export const PROJECT_WORKFLOW_TYPE = 'coproductionProject';

export const workflowIdFor = (projectId: string) => `project-${projectId}`;

/**
 * The workflow task timeout every project workflow is started with (the gateway's
 * update-with-start, continue-as-new, the tests). Steps are recorded in a local activity,
 * which runs inside a workflow task: the worker keeps that task alive (a heartbeat at 80% of
 * this timeout) while the append waits, and a worker that dies mid-step is noticed within
 * this timeout, so the step is retried on another worker in seconds (Temporal's default is 10 s).
 */
export const PROJECT_WORKFLOW_TASK_TIMEOUT = '4 seconds';

export interface ProjectWorkflowInput {
  projectId: string;
  /** How the project starts: the lead's request (first run only). */
  start?: { input: StartProjectInput; actor: Actor };
  /** The state carried over by continue-as-new. */
  carried?: { state: ProjectState };
}

/**
 * What every start of a project's workflow says (the gateway's update-with-start, and the
 * tests that start one as the gateway does): its id from the project's, its input, and
 * PROJECT_WORKFLOW_TASK_TIMEOUT. Each caller adds its own id policies.
 */
export function projectWorkflowStart(
  input: ProjectWorkflowInput,
  taskQueue: string,
): { workflowId: string; taskQueue: string; args: [ProjectWorkflowInput]; workflowTaskTimeout: Duration } {
  return {
    workflowId: workflowIdFor(input.projectId),
    taskQueue,
    args: [input],
    workflowTaskTimeout: PROJECT_WORKFLOW_TASK_TIMEOUT,
  };
}

export interface StepRequest {
  command: ProjectCommand;
  actor: Actor;
}

/** What an accepted step returns once its events are committed. */
export interface StepResult<T extends ProjectCommand['type'] = ProjectCommand['type']> {
  version: number;
  events: Pick<NewEvent, 'type' | 'data'>[];
  /**
   * Each event's reason, actor and time, in the order of `events`: with them the gateway
   * folds the events onto the project it read before the step instead of reading it again.
   * (A result kept from an older release, answered again for its Idempotency-Key, has none.)
   */
  recorded?: Pick<NewEvent, 'reason' | 'actor' | 'occurredAt'>[];
  /** The ids of what the step created (`{ meetingId }`, `{ feedbackId }`), typed by its command. */
  created: Created<T>;
}

/**
 * A refusal crosses Temporal as an ApplicationFailure whose type is the DomainError's code,
 * so the client gets back the DomainError the domain threw (fromFailure). Anything that is
 * not a DomainError passes through unchanged.
 */
export function toFailure(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  return ApplicationFailure.create({
    type: err.code,
    message: err.message,
    details: [err.details],
    nonRetryable: true,
  });
}

/** The DomainError behind a failed Update or start (found along the error's causes), or null. */
export function fromFailure(err: unknown): DomainError | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ApplicationFailure && isErrorCode(e.type))
      return new DomainError(e.type, e.message, (e.details?.[0] ?? {}) as DomainErrorDetails);
  }
  return null;
}

/** Runs one step (a command) on the project; refused steps are rejected by the validator. */
export const stepUpdate = defineUpdate<StepResult, [StepRequest]>('step');

/** Returns once the project's ProjectStarted event is committed (used with update-with-start). */
export const startedUpdate = defineUpdate<StepResult, []>('started');

export interface RecordEventsInput {
  projectId: string;
  expectedVersion: number;
  events: NewEvent[];
  contacts: ContactDetail[];
  /** MEETING_GROUP text whose events hold only its SHA-256 (kept apart, like contacts). */
  confidentialTexts: string[];
}

/** The activities the project workflow calls (implemented in apps/worker). */
export interface ProjectActivities {
  recordEvents(input: RecordEventsInput): Promise<{ version: number }>;
}

export interface SendMessageInput {
  message: OutgoingMessage;
  /** The attempt on which a transport still failing is recorded as a failed delivery. */
  giveUpAfterAttempts: number;
}

export interface SendMessageResult {
  /** `off`: the worker has sending switched off (MESSAGES=off). */
  status: 'sent' | 'failed' | 'suppressed' | 'no_address' | 'off';
  channel: 'smtp' | 'notify';
  error: string | null;
}

/**
 * How every workflow calls sendMessage: retried with back-off while the transport is down
 * (about two hours in all); on the last attempt a failure is recorded as undelivered instead
 * of thrown. The activity heartbeats while it sends: a worker that dies mid-send costs seconds.
 */
export const GIVE_UP_AFTER_ATTEMPTS = 20;
export const SEND_MESSAGE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: GIVE_UP_AFTER_ATTEMPTS,
  },
};

/** Sending messages (implemented in apps/worker with libs/messages). */
export interface MessageActivities {
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
}

/** The workflow a charter's Schedule starts (workflows/src/charter-reminders.workflow.ts). */
export const CHARTER_REMINDERS_WORKFLOW_TYPE = 'charterReminders';

export interface CharterRemindersInput {
  charterId: string;
  /** The day (YYYY-MM-DD, Europe/London) whose month's reminders to send; the workflow's own day when absent. */
  day?: string;
}

/** Who gets a charter's reminders this month (implemented in apps/worker). */
export interface CharterActivities {
  charterReminderMessages(input: { charterId: string; day: string }): Promise<OutgoingMessage[]>;
}
