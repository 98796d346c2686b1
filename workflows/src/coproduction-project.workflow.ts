// One workflow per co-produced project. It holds the project's state (the fold of its
// events), decides each step with the pure domain code, and records accepted steps through
// the recordEvents activity before the step's Update returns.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
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
  SEND_MESSAGE_OPTIONS,
  startedUpdate,
  stepUpdate,
  toFailure,
  type MessageActivities,
  type ProjectActivities,
  type ProjectWorkflowInput,
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

  const record = async (decision: Decision, notify = true): Promise<StepResult> => {
    const before = state;
    const expectedVersion = state?.version ?? 0;
    await recordEvents({
      projectId,
      expectedVersion,
      events: decision.events,
      contacts: decision.contacts,
      confidentialTexts: decision.confidentialTexts,
    }).catch(refusalFromRecording);
    // The workflow keeps only what decisions need, so its history and continue-as-new
    // payload stay small however much feedback a project gathers.
    state = compactForWorkflow(applyEvents(projectId, state, decision.events));
    if (notify && sendsMessages) dispatch(planMessages(before, decision.events, state));
    return {
      version: state.version,
      events: decision.events.map(({ type, data }) => ({ type, data })),
      created: (decision.created ?? {}) as StepResult['created'],
    };
  };

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
      exclusive(() => record(orRefuse(() => decide(started(), request.command, request.actor, new Date())))),
    {
      validator: (request) =>
        void orRefuse(() => decide(started(), request.command, request.actor, new Date())),
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
  if (!isFinal())
    await continueAsNew<typeof coproductionProject>({ projectId, carried: { state: started() } });
}
