// Activities tell Temporal they are alive while they wait (on a lock, a slow disk, a mail
// server), so a worker that dies mid-activity is noticed within the heartbeat timeout and
// the activity is retried elsewhere in seconds, not after its whole start-to-close timeout.
import { Context } from '@temporalio/activity';

/** Well inside the workflow's heartbeat timeouts (3 s and more). */
const HEARTBEAT_EVERY_MS = 1000;

export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  // A local activity (recordEvents since record-locally-v1) has no activity task to keep
  // alive: the worker keeps its workflow task alive instead (PROJECT_WORKFLOW_TASK_TIMEOUT).
  if (context.info.isLocal) return work();
  const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(beat);
  }
}
