// One workflow per co-produced project. It holds the project's state (the fold of its
// events), decides each step with the pure domain code, and records accepted steps through
// the recordEvents activity before the step's Update returns.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  decide,
  decideDeadlines,
  decideReminders,
  decideStart,
  nextReminderAt,
  nextSystemWakeUp,
  type Decision,
} from '../../libs/domain/src/commands';
import { SYSTEM_ACTOR } from '../../libs/domain/src/actor';
import { only } from '../../libs/domain/src/commands/common';
import { badInput, conflict, isErrorCode } from '../../libs/domain/src/errors';
import {
  applyEvents,
  compactForWorkflow,
  upgradeState,
  type ProjectState,
} from '../../libs/domain/src/project-state';
import { FINAL_PHASES } from '../../libs/domain/src/vocabulary';
import { recipientIdOf } from '../../libs/messages/src/message';
import { planMessages } from '../../libs/messages/src/plan';
import {
  GIVE_UP_AFTER_ATTEMPTS,
  PROJECT_WORKFLOW_TASK_TIMEOUT,
  SEND_MESSAGE_OPTIONS,
  startedUpdate,
  stepUpdate,
  toFailure,
  type MessageActivities,
  type ProjectActivities,
  type ProjectWorkflowInput,
  type RecordEventsInput,
  type StepRequest,
  type StepResult,
} from './definitions';

const { recordEvents } = proxyActivities<ProjectActivities>({
  // An append takes milliseconds; the activity heartbeats while it runs, so a worker that
  // dies mid-append is noticed within the heartbeat timeout and the step is retried on
  // another worker (appends are idempotent) in seconds, not after the whole start-to-close.
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '3 seconds',
  // Keep retrying while PostgreSQL is away: an accepted step must not be lost.
  retry: {
    initialInterval: '200 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    nonRetryableErrorTypes: ['ConcurrencyError'],
  },
});

// Since record-locally-v1: the same append as a local activity, run by the worker that runs
// the workflow, without an activity task through the server (a step takes ~10 ms instead of
// ~50 ms). Retried with back-off in the worker; the longer waits (over localRetryThreshold)
// are timers in the history. After the last local attempt (about 25 s of PostgreSQL away) the
// step falls back to the activity above, whose retries the server keeps, however long it takes.
const LOCAL_ATTEMPTS = 8;
const { recordEvents: recordEventsLocally } = proxyLocalActivities<ProjectActivities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '2 seconds',
  retry: {
    initialInterval: '200 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: LOCAL_ATTEMPTS,
    nonRetryableErrorTypes: ['ConcurrencyError'],
  },
});

// Messages: sent as every workflow sends them (definitions.ts SEND_MESSAGE_OPTIONS).
const { sendMessage } = proxyActivities<MessageActivities>(SEND_MESSAGE_OPTIONS);

/** Decides a step; a domain refusal leaves as the failure the client turns back into it. */
function orRefuse<T>(decideStep: () => T): T {
  try {
    return decideStep();
  } catch (err) {
    throw toFailure(err);
  }
}

/** The refusal of a step recordEvents could not store (BAD_USER_INPUT), or null. */
function fromRecordingRefusal(err: unknown): ApplicationFailure | null {
  return err instanceof ApplicationFailure && isErrorCode(err.type) ? err : null;
}

/** A step recordEvents refused for good (data it cannot store) is refused like any other. */
function refusalFromRecording(err: unknown): never {
  const cause = err instanceof ActivityFailure ? err.cause : null;
  if (cause instanceof ApplicationFailure && isErrorCode(cause.type))
    throw ApplicationFailure.create({
      type: cause.type,
      message: cause.message,
      details: cause.details ?? [],
      nonRetryable: true,
    });
  throw err;
}

/** A local append that ran out of attempts (PostgreSQL still away), not one refused for good. */
function outlastedLocalRetries(err: unknown): boolean {
  if (!(err instanceof ActivityFailure)) return false;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure)) return true; // a timeout, for one
  return !cause.nonRetryable && cause.type !== 'ConcurrencyError' && !isErrorCode(cause.type);
}

/** A step waiting for its turn to be decided and recorded (batched-steps-v1). */
interface QueuedStep {
  request: StepRequest;
  resolve: (result: StepResult) => void;
  reject: (err: unknown) => void;
}

const continueProjectAsNew = makeContinueAsNewFunc<typeof coproductionProject>({
  workflowTaskTimeout: PROJECT_WORKFLOW_TASK_TIMEOUT,
});

export async function coproductionProject(input: ProjectWorkflowInput): Promise<void> {
  const { projectId } = input;
  let state: ProjectState | null = input.carried ? upgradeState(input.carried.state) : null;
  // Steps run one at a time, in arrival order, so each is decided against the state its
  // events extend (a promise chain: deterministic, and no two steps resume together).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  // Projects that started before messages existed replay without them (docs/workflow-versioning.md).
  const sendsMessages = patched('messages-v1');
  // Asked once, at the start, so a run keeps one way of recording for its whole life.
  const recordsLocally = patched('record-locally-v1');
  const batchesSteps = patched('batched-steps-v1');
  // Messages being sent, and the outcomes (MessageSent / MessageNotDelivered) still to record.
  let sending = 0;
  const outcomes: Decision['events'] = [];
  const dispatch = (messages: ReturnType<typeof planMessages>) => {
    for (const message of messages) {
      sending += 1;
      void sendMessage({ message, giveUpAfterAttempts: GIVE_UP_AFTER_ATTEMPTS })
        .then((result) => {
          if (result.status !== 'sent' && result.status !== 'failed') return;
          outcomes.push({
            type: result.status === 'sent' ? 'MessageSent' : 'MessageNotDelivered',
            data: {
              messageKey: message.key,
              messageType: message.type,
              recipientId: recipientIdOf(message.recipient),
              channel: result.channel,
            },
            reason: null,
            actor: SYSTEM_ACTOR,
            occurredAt: new Date().toISOString(),
          });
        })
        .finally(() => (sending -= 1));
    }
  };
  const recordOutcomes = () =>
    exclusive(async () => {
      if (outcomes.length) await record(only(...outcomes.splice(0)), false);
    });

  /** Appends to the event store; resolves once the events are committed. */
  const append = async (appended: RecordEventsInput): Promise<void> => {
    if (recordsLocally) {
      try {
        await recordEventsLocally(appended);
        return;
      } catch (err) {
        if (!outlastedLocalRetries(err)) refusalFromRecording(err);
      }
    }
    await recordEvents(appended).catch(refusalFromRecording);
  };

  /** The project after `events`, as the workflow keeps it, and the result of the step. */
  const advance = (decision: Decision, from: ProjectState | null) => {
    // The workflow keeps only what decisions need, so its history and continue-as-new
    // payload stay small however much feedback a project gathers.
    const after = compactForWorkflow(applyEvents(projectId, from, decision.events));
    const result: StepResult = {
      version: after.version,
      events: decision.events.map(({ type, data }) => ({ type, data })),
      recorded: decision.events.map(({ reason, actor, occurredAt }) => ({ reason, actor, occurredAt })),
      created: (decision.created ?? {}) as StepResult['created'],
    };
    return { after, result };
  };

  const record = async (decision: Decision, notify = true): Promise<StepResult> => {
    const before = state;
    await append({
      projectId,
      expectedVersion: state?.version ?? 0,
      events: decision.events,
      contacts: decision.contacts,
      confidentialTexts: decision.confidentialTexts,
    });
    const { after, result } = advance(decision, before);
    state = after;
    if (notify && sendsMessages) dispatch(planMessages(before, decision.events, state));
    return result;
  };

  const decideStep = (request: StepRequest, on: ProjectState) =>
    orRefuse(() => decide(on, request.command, request.actor, new Date()));

  // batched-steps-v1: steps that arrive while another append is in flight wait here; the next
  // turn decides them in order, each against the state the ones before it leave, and records
  // all the accepted ones in one append. Each Update gets its own result or refusal.
  const waiting: QueuedStep[] = [];
  let turnTaken = false;
  const recordBatch = async (batch: QueuedStep[]): Promise<void> => {
    const before = state;
    let running = started();
    const accepted: {
      step: QueuedStep;
      decision: Decision;
      from: ProjectState;
      after: ProjectState;
      result: StepResult;
    }[] = [];
    for (const step of batch) {
      try {
        const decision = decideStep(step.request, running);
        const { after, result } = advance(decision, running);
        accepted.push({ step, decision, from: running, after, result });
        running = after;
      } catch (err) {
        step.reject(err);
      }
    }
    if (!accepted.length) return;
    try {
      await append({
        projectId,
        expectedVersion: before?.version ?? 0,
        events: accepted.flatMap((a) => a.decision.events),
        contacts: accepted.flatMap((a) => a.decision.contacts),
        confidentialTexts: accepted.flatMap((a) => a.decision.confidentialTexts),
      });
    } catch (err) {
      // One of them holds what cannot be stored (nothing was recorded): one by one, so that
      // only that step is refused. Anything else (a lost race) fails them all, as it would one.
      if (accepted.length > 1 && fromRecordingRefusal(err)) {
        for (const { step } of accepted) {
          try {
            step.resolve(await record(decideStep(step.request, started())));
          } catch (alone) {
            step.reject(alone);
          }
        }
        return;
      }
      for (const { step } of accepted) step.reject(err);
      return;
    }
    state = running;
    for (const { step, decision, from, after, result } of accepted) {
      if (sendsMessages) dispatch(planMessages(from, decision.events, after));
      step.resolve(result);
    }
  };
  const recordWaiting = async (): Promise<void> => {
    turnTaken = false;
    const batch = waiting.splice(0);
    try {
      await recordBatch(batch);
    } catch (err) {
      // Never rejects: a failure goes to the steps of this turn still unanswered.
      for (const step of batch) step.reject(err);
    }
  };
  const queueStep = (request: StepRequest): Promise<StepResult> =>
    new Promise<StepResult>((resolve, reject) => {
      waiting.push({ request, resolve, reject });
      if (turnTaken) return;
      turnTaken = true;
      void exclusive(recordWaiting);
    });

  const started = (): ProjectState => {
    if (!state) throw toFailure(conflict('The project is still starting: please try again in a moment.'));
    return state;
  };

  setHandler(startedUpdate, async () => {
    await condition(() => state !== null);
    return { version: started().version, events: [], created: {} };
  });

  setHandler(
    stepUpdate,
    (request) =>
      batchesSteps ? queueStep(request) : exclusive(() => record(decideStep(request, started()))),
    {
      validator: (request) => void decideStep(request, started()),
    },
  );

  if (!state) {
    const start = input.start;
    if (!start) throw toFailure(badInput('start', 'A project needs its start request.'));
    await exclusive(() =>
      record(orRefuse(() => decideStart(projectId, start.input, start.actor, new Date()))),
    );
  }

  const isFinal = () => FINAL_PHASES.includes(started().phase);
  const mustContinueAsNew = () => workflowInfo().continueAsNewSuggested;

  // Sleep until the next deadline (papers due, feedback close, acknowledgement due) or
  // until a step changes the state; when a deadline passes, record what it calls for.
  // The next time the workflow must act by itself: a deadline, or (with messages) a reminder.
  const nextWakeUp = (): Date | null => {
    const deadline = nextSystemWakeUp(started());
    const reminder = sendsMessages ? nextReminderAt(started(), new Date()) : null;
    if (!reminder) return deadline;
    return deadline && deadline.getTime() <= reminder.getTime() ? deadline : reminder;
  };

  while (!isFinal() && !mustContinueAsNew()) {
    if (outcomes.length) {
      await recordOutcomes();
      continue;
    }
    const wakeUp = nextWakeUp();
    if (wakeUp && wakeUp.getTime() <= Date.now()) {
      const recorded = await exclusive(async () => {
        // A timer fires a little after its deadline (or much later, if no worker was running):
        // what the deadline calls for is recorded at the deadline itself, though never before
        // the last recorded step, so that occurredAt stays in sequence order.
        const at = Math.max(wakeUp.getTime(), new Date(started().updatedAt).getTime());
        const decision = decideDeadlines(started(), new Date(at));
        if (sendsMessages) decision.events.push(...decideReminders(started(), new Date(at)).events);
        if (decision.events.length) await record(decision);
        return decision.events.length > 0;
      });
      if (recorded) continue;
    }
    const version = started().version;
    const changed = () =>
      started().version !== version || isFinal() || mustContinueAsNew() || outcomes.length > 0;
    // Read again: a step queued before the deadline's turn may have settled it (papers sent
    // late record their breach themselves), and the next deadline is then another one.
    const next = nextWakeUp();
    if (next && next.getTime() <= Date.now()) continue;
    if (next) await condition(changed, next.getTime() - Date.now());
    else await condition(changed);
  }
  // Messages still being sent finish first, so their outcomes join the audit trail.
  if (sendsMessages) {
    await condition(() => sending === 0);
    await recordOutcomes();
  }
  await condition(allHandlersFinished);
  if (!isFinal()) await continueProjectAsNew({ projectId, carried: { state: started() } });
}
