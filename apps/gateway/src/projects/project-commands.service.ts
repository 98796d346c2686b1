// Turns mutations into Temporal Updates on the project's workflow. A refused step comes back
// as the DomainError the domain threw (fromFailure); a mutation returns once its events are
// committed, with the ids of what it created.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Client, isGrpcServiceError, WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import { ANONYMOUS_PARTICIPANT, type Actor } from '../../../../libs/domain/src/actor';
import {
  decide,
  decideStart,
  type ContactDetail,
  type ProjectCommand,
  type StartProjectInput,
} from '../../../../libs/domain/src/commands';
import { badInput, conflict, invalidPhase, notFound } from '../../../../libs/domain/src/errors';
import { isEmail } from '../../../../libs/domain/src/input-checks';
import { redactFreeText, type Redaction } from '../../../../libs/domain/src/redaction';
import type { NewEvent } from '../../../../libs/domain/src/events';
import { applyEvents, type ProjectState } from '../../../../libs/domain/src/project-state';
import type { FeedbackChannel } from '../../../../libs/domain/src/vocabulary';
import { ContactStore, EventStore } from '../../../../libs/event-store/src';
import {
  fromFailure,
  PROJECT_WORKFLOW_TYPE,
  projectWorkflowStart,
  startedUpdate,
  stepUpdate,
  workflowIdFor,
  type StepResult,
} from '../../../../workflows/src/definitions';
import { assertProjectId } from '../common/app-error';
import { currentIdempotencyKey, stepUpdateId } from '../common/idempotency';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

/** How long a step waits in total while Temporal says too many steps are in flight on one project. */
const BUSY_RETRY_LIMIT_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A UUID derived from `text` (shaped as version 4, so it fits the uuid columns). */
function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The project as the step left it, from the project read before it and the step's events:
 * what the read model holds after the append (it is the same fold), without reading it again.
 * Null when another step was recorded in between, or the result lacks the events' details.
 */
function folded(before: ProjectState, result: StepResult): ProjectState | null {
  const { events, recorded } = result;
  if (before.version + events.length !== result.version || recorded?.length !== events.length) return null;
  return applyEvents(
    before.id,
    before,
    events.map((e, i) => ({ ...e, ...recorded[i] }) as NewEvent),
  );
}

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
    private readonly contacts: ContactStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The project id a start request gets: derived from the idempotency key when there is one. */
  projectIdFor(actor: Actor, idempotencyKey: string | null | undefined): string {
    return idempotencyKey ? uuidFrom(`${actor.id}\n${idempotencyKey}`) : randomUUID();
  }

  async start(input: StartProjectInput, actor: Actor): Promise<ProjectState> {
    return (await this.startWithRedactions(input, actor)).project;
  }

  /** Starts a project; also says what contact details were removed from its texts. */
  async startWithRedactions(
    input: StartProjectInput,
    actor: Actor,
  ): Promise<{ project: ProjectState; redactions: Redaction[] }> {
    // The input's idempotencyKey (as before), else the Idempotency-Key header: either names the project.
    const projectId = this.projectIdFor(actor, input.idempotencyKey ?? currentIdempotencyKey());
    // Decided here as well as in the workflow: a refused start must leave no trace, and a
    // workflow that failed its start would hold the project id (REJECT_DUPLICATE) for good.
    const contacts = decideStart(projectId, input, actor, new Date()).contacts.filter(
      (c): c is Extract<ContactDetail, { email: string }> => 'email' in c,
    );
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
    try {
      await this.withBusyRetry(() =>
        this.client.workflow.executeUpdateWithStart(startedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(PROJECT_WORKFLOW_TYPE, {
            ...projectWorkflowStart({ projectId, start: { input: clean, actor } }, this.config.taskQueue),
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
        if (fromFailure(err)) await this.contacts.discardUnstarted(projectId).catch(() => undefined);
        throw this.translate(err);
      }
    }
    const project = await this.store.getProject(projectId);
    if (!project) throw conflict('The project is still starting: please ask again in a moment.');
    return { project, redactions };
  }

  /**
   * The reply address given with feedback, checked before the step: only anonymous feedback
   * has one (a named participant is answered at their own address). Null when none.
   */
  replyAddressOf(anonymous: boolean, replyTo: string | null | undefined): string | null {
    const email = replyTo?.trim();
    if (!email) return null;
    if (!anonymous)
      throw badInput(
        'input.replyTo',
        'A reply address is only for anonymous feedback: you will be answered at the address the project has for you.',
      );
    if (!isEmail(email)) throw badInput('input.replyTo', `"${email}" is not an email address.`);
    return email;
  }

  /** Keeps an anonymous item's reply address apart from it (never sent through Temporal). */
  keepReplyAddress(projectId: string, feedbackId: string, email: string): Promise<void> {
    return this.contacts.saveReplyAddress(projectId, feedbackId, email);
  }

  /**
   * Feedback as a participant gives it (the GraphQL mutation and the project page alike): the
   * reply address (anonymous feedback only) checked before the step, and kept apart from the item.
   */
  async submitFeedback(
    projectId: string,
    input: {
      channel: FeedbackChannel;
      body: string;
      anonymous?: boolean | null;
      replyTo?: string | null;
      /** The public link's id, for an answer from someone not signed in (PublicFeedbackService). */
      viaLink?: string | null;
    },
    actor: Actor,
  ) {
    const { replyTo, ...feedback } = input;
    // An answer through the public link has no author to reply to either: it may leave an address.
    const replyAddress = this.replyAddressOf(feedback.anonymous === true || !!feedback.viaLink, replyTo);
    assertProjectId(projectId);
    const stepped = await this.step(projectId, { type: 'submitFeedback', ...feedback }, actor);
    const feedbackId = stepped.result.created.feedbackId;
    if (replyAddress && feedbackId) await this.keepReplyAddress(projectId, feedbackId, replyAddress);
    return stepped;
  }

  /** Runs one step on a project the caller has named; returns the project as committed. */
  async step<C extends ProjectCommand>(
    projectId: string,
    command: C,
    actor: Actor,
  ): Promise<{ project: ProjectState; result: StepResult<C['type']>; redactions: Redaction[] }> {
    const before = await this.store.getProject(projectId);
    if (!before) throw notFound();
    const sender = this.senderOf(before, command, actor);
    // Contact details in free text are removed before the step travels: the workflow, its
    // history and the audit trail never see them; the caller is told what went.
    const { value: clean, redactions } = redactFreeText(command);
    const key = currentIdempotencyKey();
    const updateId = key ? stepUpdateId(actor, key) : undefined;
    const { sent, heldAs } = await this.holdContact(before, clean, actor, updateId);
    const handle = this.client.workflow.getHandle(workflowIdFor(projectId));
    let result: StepResult;
    try {
      result = await this.withBusyRetry(() =>
        handle.executeUpdate(stepUpdate, { args: [{ command: sent, actor: sender }], updateId }),
      );
    } catch (err) {
      // Refused (or the project has finished): the held address belongs to no one. Any
      // other failure may still run the step, so it is kept for the step's append to bind.
      if (heldAs && (fromFailure(err) || isWorkflowGone(err))) await this.discardHeld(projectId, heldAs);
      // A finished workflow (closed or cancelled project) cannot answer, so the gateway
      // decides from the read model: the refusal is the one the workflow would have given.
      if (isWorkflowGone(err)) {
        // Unless this is a repeat of the step that finished it: then its first result stands.
        const first = updateId ? await this.firstResult(handle, updateId) : null;
        if (first)
          return {
            project: await this.projectAt(projectId, first.version),
            result: first as StepResult<C['type']>,
            redactions,
          };
        decide(before, command, actor, new Date());
        throw invalidPhase('This project is no longer running: no further steps can be taken.');
      }
      throw this.translate(err);
    }
    // Bound to the new participant by the step's append; what is left is a repeat's copy.
    if (heldAs) await this.discardHeld(projectId, heldAs);
    const project = key
      ? await this.projectAt(projectId, result.version)
      : (folded(before, result) ?? (await this.store.getProject(projectId)));
    return { project: project as ProjectState, result: result as StepResult<C['type']>, redactions };
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

  /**
   * Who the workflow is told takes the step. For anonymous feedback, the author is checked
   * here (a participant, in the right phase, with valid input) and then left out: the
   * workflow, its history and the audit trail get ANONYMOUS_PARTICIPANT instead. This is
   * why the gateway decides this one step itself.
   */
  private senderOf(state: ProjectState, command: ProjectCommand, actor: Actor): Actor {
    if (command.type !== 'submitFeedback' || command.anonymous !== true) return actor;
    decide(state, command, actor, new Date());
    return ANONYMOUS_PARTICIPANT;
  }

  /**
   * An added participant's address is saved here, before the step, and the step carries only
   * the reference it is held under: the workflow needs no address to decide, so none travels
   * through Temporal (as at the start). The gateway decides this step itself first so that a
   * refused step saves nothing, refused in the contract's order (who asks before what they sent).
   */
  private async holdContact(
    state: ProjectState,
    command: ProjectCommand,
    actor: Actor,
    updateId: string | undefined,
  ): Promise<{ sent: ProjectCommand; heldAs: string | null }> {
    if (command.type !== 'addParticipant') return { sent: command, heldAs: null };
    const contact = decide(state, command, actor, new Date()).contacts[0];
    const email = contact && 'email' in contact ? contact.email : null;
    // A repeat of the same Idempotency-Key holds under the same reference.
    const heldAs = email ? `held:${updateId ? uuidFrom(updateId) : randomUUID()}` : null;
    if (email && heldAs) await this.contacts.hold(state.id, heldAs, email);
    return { sent: { ...command, input: { ...command.input, email: null, heldContact: heldAs } }, heldAs };
  }

  private async discardHeld(projectId: string, heldAs: string): Promise<void> {
    await this.contacts.discardHeld(projectId, heldAs).catch(() => undefined);
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
