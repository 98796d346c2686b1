// A stand-in for the recordEvents activity that keeps events in memory, for tests of the
// workflow's own logic (timers, carried state) on the time-skipping server, as Temporal's
// samples test workflows with mocked activities. The tests against PostgreSQL, beside
// these, cover the real activity.
import { ApplicationFailure } from '@temporalio/common';
import type { NewEvent } from '../../libs/domain/src/events';
import type { ProjectActivities, RecordEventsInput } from '../src/definitions';

export class InMemoryRecorder {
  private readonly streams = new Map<string, NewEvent[]>();

  readonly activities: ProjectActivities = {
    recordEvents: async (input: RecordEventsInput) => {
      const stream = this.streams.get(input.projectId) ?? [];
      if (stream.length !== input.expectedVersion)
        throw ApplicationFailure.create({
          type: 'ConcurrencyError',
          message: `Project ${input.projectId} has ${stream.length} events, not ${input.expectedVersion}.`,
          nonRetryable: true,
        });
      stream.push(...input.events);
      this.streams.set(input.projectId, stream);
      return { version: stream.length };
    },
  };

  events(projectId: string): NewEvent[] {
    return [...(this.streams.get(projectId) ?? [])];
  }

  /** Polls (real time) until `found` holds for the project's events; returns them. */
  async waitFor(projectId: string, found: (events: NewEvent[]) => boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = this.events(projectId);
      if (found(events)) return events;
      if (Date.now() > deadline)
        throw new Error(`Timed out; ${projectId} has: ${events.map((e) => e.type).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
