// What the gateway and the workflow share: names, Update definitions and their payloads.
// Safe to import from both sides (no I/O, only definitions).
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../libs/domain/src/actor';
import type { ContactDetail, ProjectCommand, StartProjectInput } from '../../libs/domain/src/commands';
import type { NewEvent } from '../../libs/domain/src/events';
import type { ProjectState } from '../../libs/domain/src/project-state';

export const DEFAULT_TASK_QUEUE = 'coproduction';
export const PROJECT_WORKFLOW_TYPE = 'coproductionProject';

export const workflowIdFor = (projectId: string) => `project-${projectId}`;

export interface ProjectWorkflowInput {
  projectId: string;
  /** How the project starts: the lead's request (first run only). */
  start?: { input: StartProjectInput; actor: Actor };
  /** The state carried over by continue-as-new. */
  carried?: { state: ProjectState };
}

export interface StepRequest {
  command: ProjectCommand;
  actor: Actor;
}

/** What an accepted step returns once its events are committed. */
export interface StepResult {
  version: number;
  events: Pick<NewEvent, 'type' | 'data'>[];
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
