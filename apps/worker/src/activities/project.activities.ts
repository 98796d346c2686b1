// The project workflow's only side effect: appending its events to the event store.
import type { EventStore } from '../../../../libs/event-store/src';
import type { ProjectActivities, RecordEventsInput } from '../../../../workflows/src/definitions';

export function createProjectActivities(store: EventStore): ProjectActivities {
  return {
    async recordEvents(input: RecordEventsInput) {
      // Idempotent: a retry after a crash between commit and reply returns the stored rows.
      const recorded = await store.append(input);
      return { version: input.expectedVersion + recorded.length };
    },
  };
}
