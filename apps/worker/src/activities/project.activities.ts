// The project workflow's only side effect: appending its events to the event store.
import { ApplicationFailure } from '@temporalio/common';
import { findUnstorableText } from '../../../../libs/domain/src/input-checks';
import { isPermanentFailure, type EventStore } from '../../../../libs/event-store/src';
import type { ProjectActivities, RecordEventsInput } from '../../../../workflows/src/definitions';
import { whileHeartbeating } from './heartbeat';

/** A step PostgreSQL refuses to store: refused once (BAD_USER_INPUT), never retried. */
function unstorableStep(input: RecordEventsInput, cause: Error): ApplicationFailure {
  const found = findUnstorableText(
    input.events.map((e) => e.data),
    '',
  );
  const field = found?.field.replace(/^\[\d+\]\.?/, '') || undefined;
  return ApplicationFailure.create({
    type: 'BAD_USER_INPUT',
    message: found
      ? `"${field}" contains ${found.problem}, which cannot be stored: please remove it and try again. Nothing was recorded.`
      : 'This step holds something that cannot be stored: please check what was typed and try again. Nothing was recorded.',
    details: [field ? { field } : {}],
    nonRetryable: true,
    cause,
  });
}

export function createProjectActivities(store: EventStore): ProjectActivities {
  return {
    async recordEvents(input: RecordEventsInput) {
      // Alive while the append waits (on a lock, or a slow disk).
      return whileHeartbeating(async () => {
        try {
          // Idempotent: a retry after a crash between commit and reply returns the stored rows.
          const recorded = await store.append(input);
          return { version: input.expectedVersion + recorded.length };
        } catch (err) {
          if (isPermanentFailure(err)) throw unstorableStep(input, err as Error);
          throw err;
        }
      });
    },
  };
}
