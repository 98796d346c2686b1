// Turns mutations into Temporal Updates on the project's workflow. A refused step comes back
// as the DomainError the domain threw (fromFailure); a mutation returns once its events are
// committed, with the ids of what it created.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, isGrpcServiceError, WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Actor } from '../../../../libs/domain/src/actor';
import {
  decide,
  decideStart,
  type ProjectCommand,
  type StartProjectInput,
} from '../../../../libs/domain/src/commands';
import { conflict, invalidPhase, notFound } from '../../../../libs/domain/src/errors';
import { applyEvents, type ProjectState } from '../../../../libs/domain/src/project-state';
import { EventStore } from '../../../../libs/event-store/src';
import {
  fromFailure,
  PROJECT_WORKFLOW_TYPE,
  startedUpdate,
  stepUpdate,
  workflowIdFor,
  type ProjectWorkflowInput,
  type StepResult,
} from '../../../../workflows/src/definitions';
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
    // Decided here as well as in the workflow: a refused start must leave no trace, and a
    // workflow that failed its start would hold the project id (REJECT_DUPLICATE) for good.
    decideStart(projectId, input, actor, new Date());
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
    if (!project) throw conflict('The project is still starting: please ask again in a moment.');
    return project;
  }

  /** Runs one step on a project the caller has named; returns the project as committed. */
  async step<C extends ProjectCommand>(
    projectId: string,
    command: C,
    actor: Actor,
  ): Promise<{ project: ProjectState; result: StepResult<C['type']> }> {
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
      // A finished workflow (closed or cancelled project) cannot answer, so the gateway
      // decides from the read model: the refusal is the one the workflow would have given.
      if (isWorkflowGone(err)) {
        // Unless this is a repeat of the step that finished it: then its first result stands.
        const first = updateId ? await this.firstResult(handle, updateId) : null;
        if (first)
          return {
            project: await this.projectAt(projectId, first.version),
            result: first as StepResult<C['type']>,
          };
        decide(before, command, actor, new Date());
        throw invalidPhase('This project is no longer running: no further steps can be taken.');
      }
      throw this.translate(err);
    }
    const project = key
      ? await this.projectAt(projectId, result.version)
      : await this.store.getProject(projectId);
    return { project: project as ProjectState, result: result as StepResult<C['type']> };
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
    return fromFailure(err) ?? (err instanceof Error ? err : new Error(String(err)));
  }
}
