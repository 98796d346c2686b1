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
import type { Actor } from '../../../../libs/domain/src/actor';
import {
  decide,
  decideStart,
  type ProjectCommand,
  type StartProjectInput,
} from '../../../../libs/domain/src/commands';
import { DomainError, isErrorCode } from '../../../../libs/domain/src/errors';
import { applyEvents, type ProjectState } from '../../../../libs/domain/src/project-state';
import { EventStore } from '../../../../libs/event-store/src';
import {
  PROJECT_WORKFLOW_TYPE,
  startedUpdate,
  stepUpdate,
  workflowIdFor,
  type ProjectWorkflowInput,
  type StepResult,
} from '../../../../workflows/src/definitions';
import { appError, fromDomainError, notFound } from '../common/app-error';
import { currentIdempotencyKey, stepUpdateId } from '../common/idempotency';
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
    // The input's idempotencyKey (as before), else the Idempotency-Key header: either names the project.
    const projectId = this.projectIdFor(actor, input.idempotencyKey ?? currentIdempotencyKey());
    // Refuse bad requests here, before any workflow exists, so a refusal leaves no trace.
    try {
      decideStart(projectId, input, actor, new Date());
    } catch (err) {
      if (err instanceof DomainError) throw fromDomainError(err);
      throw err;
    }
    const existing = await this.store.getProject(projectId);
    if (existing) return existing;
    const workflowInput: ProjectWorkflowInput = { projectId, start: { input, actor } };
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
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw this.translate(err);
    }
    const project = await this.store.getProject(projectId);
    if (!project) throw appError('CONFLICT', 'The project is still starting: please ask again in a moment.');
    return project;
  }

  /** Runs one step on a project the caller has named; returns the project as committed. */
  async step(
    projectId: string,
    command: ProjectCommand,
    actor: Actor,
  ): Promise<{ project: ProjectState; result: StepResult }> {
    const before = await this.store.getProject(projectId);
    if (!before) throw notFound();
    const key = currentIdempotencyKey();
    const updateId = key ? stepUpdateId(actor, key) : undefined;
    const handle = this.client.workflow.getHandle(workflowIdFor(projectId));
    let result: StepResult;
    try {
      result = await this.withBusyRetry(() =>
        handle.executeUpdate(stepUpdate, { args: [{ command, actor }], updateId }),
      );
    } catch (err) {
      // A finished workflow (closed or cancelled project) cannot answer: decide from the read model.
      if (isWorkflowGone(err)) {
        // Unless this is a repeat of the step that finished it: then its first result stands.
        const first = updateId ? await this.firstResult(handle, updateId) : null;
        if (first) return { project: await this.projectAt(projectId, first.version), result: first };
        try {
          decide(before, command, actor, new Date());
        } catch (refusal) {
          if (refusal instanceof DomainError) throw fromDomainError(refusal);
        }
        throw appError('INVALID_PHASE', 'This project is no longer running: no further steps can be taken.');
      }
      throw this.translate(err);
    }
    const project = key
      ? await this.projectAt(projectId, result.version)
      : await this.store.getProject(projectId);
    return { project: project as ProjectState, result };
  }

  /** A finished Update's result, or null when the workflow has none by that id. */
  private async firstResult(handle: ReturnType<Client['workflow']['getHandle']>, updateId: string) {
    try {
      return await handle.getUpdateHandle<StepResult>(updateId).result();
    } catch {
      return null;
    }
  }

  /**
   * The project as the step at `version` left it: a repeated step answers with its first
   * result even when later steps have been recorded since.
   */
  private async projectAt(projectId: string, version: number): Promise<ProjectState> {
    const current = await this.store.getProject(projectId);
    if (current && current.version === version) return current;
    const events = await this.store.readProjectEvents(projectId, { limit: version });
    return applyEvents(projectId, null, events);
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
