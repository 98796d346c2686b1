// Turns mutations into Temporal Updates on the project's workflow, and Temporal's answers
// into the contract's errors. A mutation returns once its events are committed.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  isGrpcServiceError,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import { ANONYMOUS_PARTICIPANT, type Actor } from '../../../../libs/domain/src/actor';
import {
  decide,
  decideStart,
  type ContactDetail,
  type ProjectCommand,
  type StartProjectInput,
} from '../../../../libs/domain/src/commands';
import { DomainError, isErrorCode } from '../../../../libs/domain/src/errors';
import { redactFreeText, type Redaction } from '../../../../libs/domain/src/redaction';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import { ContactStore, EventStore } from '../../../../libs/event-store/src';
import {
  PROJECT_WORKFLOW_TYPE,
  startedUpdate,
  stepUpdate,
  workflowIdFor,
  type ProjectWorkflowInput,
  type StepResult,
} from '../../../../workflows/src/definitions';
import { appError, fromDomainError, notFound } from '../common/app-error';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** How long a step waits in total while Temporal says too many steps are in flight on one project. */
const BUSY_RETRY_LIMIT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(err: unknown): boolean {
  const candidates = [err, (err as { cause?: unknown })?.cause];
  return candidates.some((e) => isGrpcServiceError(e) && e.code === grpcStatus.RESOURCE_EXHAUSTED);
}

function isWorkflowGone(err: unknown): boolean {
  const candidates = [err, (err as { cause?: unknown })?.cause];
  return candidates.some(
    (e) =>
      e instanceof WorkflowNotFoundError ||
      (isGrpcServiceError(e) &&
        (e.code === grpcStatus.NOT_FOUND || e.code === grpcStatus.FAILED_PRECONDITION)),
  );
}

/** A refusal from the workflow's validator or handler, with the contract's code. */
function refusalOf(err: unknown) {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
    const details = (cause.details?.[0] ?? {}) as { field?: string; rule?: string };
    return appError(cause.type, cause.message, details);
  }
  return null;
}

@Injectable()
export class ProjectCommandsService {
  constructor(
    private readonly client: Client,
    private readonly store: EventStore,
    private readonly contacts: ContactStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The project id a start request gets: derived from the idempotency key when there is one. */
  projectIdFor(actor: Actor, idempotencyKey: string | null | undefined): string {
    if (!idempotencyKey) return randomUUID();
    const hex = createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest('hex');
    // Shape it as a version-4-style UUID so it fits the uuid columns.
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  async start(input: StartProjectInput, actor: Actor): Promise<ProjectState> {
    return (await this.startWithRedactions(input, actor)).project;
  }

  /** Starts a project; also says what contact details were removed from its texts. */
  async startWithRedactions(
    input: StartProjectInput,
    actor: Actor,
  ): Promise<{ project: ProjectState; redactions: Redaction[] }> {
    const projectId = this.projectIdFor(actor, input.idempotencyKey);
    // Refuse bad requests here, before any workflow exists, so a refusal leaves no trace.
    let contacts: ContactDetail[];
    try {
      contacts = decideStart(projectId, input, actor, new Date()).contacts;
    } catch (err) {
      if (err instanceof DomainError) throw fromDomainError(err);
      throw err;
    }
    const existing = await this.store.getProject(projectId);
    if (existing) return { project: existing, redactions: [] };
    // Addresses go straight to PostgreSQL: the workflow needs none of them to decide, so they
    // never travel through Temporal (participants are referred to by their id).
    await this.contacts.save(projectId, contacts);
    // Contact details typed into free text are removed here too, so they never travel either.
    const { value: clean, redactions } = redactFreeText({
      ...input,
      participants: input.participants.map((p) => ({ ...p, email: null })),
    });
    const workflowInput: ProjectWorkflowInput = { projectId, start: { input: clean, actor } };
    try {
      await this.withBusyRetry(() =>
        this.client.workflow.executeUpdateWithStart(startedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
            workflowId: workflowIdFor(projectId),
            taskQueue: this.config.taskQueue,
            args: [workflowInput],
            workflowIdConflictPolicy: 'USE_EXISTING',
            // A closed project's id is never reused for a new workflow.
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          }),
        }),
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        // Refused: no project will exist, so neither may its addresses. (Any other failure may
        // still start it, so they are kept.)
        if (refusalOf(err)) await this.contacts.discardUnstarted(projectId).catch(() => undefined);
        throw this.translate(err);
      }
    }
    const project = await this.store.getProject(projectId);
    if (!project) throw appError('CONFLICT', 'The project is still starting: please ask again in a moment.');
    return { project, redactions };
  }

  /** Runs one step on a project the caller has named; returns the project as committed. */
  async step(
    projectId: string,
    command: ProjectCommand,
    actor: Actor,
  ): Promise<{ project: ProjectState; result: StepResult; redactions: Redaction[] }> {
    const before = await this.store.getProject(projectId);
    if (!before) throw notFound();
    const sender = this.senderOf(before, command, actor);
    // Contact details in free text are removed before the step travels: the workflow, its
    // history and the audit trail never see them; the caller is told what went.
    const { value: clean, redactions } = redactFreeText(command);
    let result: StepResult;
    try {
      result = await this.withBusyRetry(() =>
        this.client.workflow
          .getHandle(workflowIdFor(projectId))
          .executeUpdate(stepUpdate, { args: [{ command: clean, actor: sender }] }),
      );
    } catch (err) {
      // A finished workflow (closed or cancelled project) cannot answer: decide from the read model.
      if (isWorkflowGone(err)) {
        try {
          decide(before, command, actor, new Date());
        } catch (refusal) {
          if (refusal instanceof DomainError) throw fromDomainError(refusal);
        }
        throw appError('INVALID_PHASE', 'This project is no longer running: no further steps can be taken.');
      }
      throw this.translate(err);
    }
    const project = await this.store.getProject(projectId);
    return { project: project as ProjectState, result, redactions };
  }

  /**
   * Who the workflow is told takes the step. For anonymous feedback, the author is checked
   * here (a participant, in the right phase, with valid input) and then left out: the
   * workflow, its history and the audit trail get ANONYMOUS_PARTICIPANT instead.
   */
  private senderOf(state: ProjectState, command: ProjectCommand, actor: Actor): Actor {
    if (command.type !== 'submitFeedback' || command.anonymous !== true) return actor;
    try {
      decide(state, command, actor, new Date());
    } catch (err) {
      if (err instanceof DomainError) throw fromDomainError(err);
      throw err;
    }
    return ANONYMOUS_PARTICIPANT;
  }

  private async withBusyRetry<T>(call: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + BUSY_RETRY_LIMIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err;
        await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
      }
    }
  }

  private translate(err: unknown): Error {
    const refusal = refusalOf(err);
    if (refusal) return refusal;
    if (err instanceof DomainError) return fromDomainError(err);
    return err instanceof Error ? err : new Error(String(err));
  }
}
