// The event store's refusals. Messages are plain English: they may reach a user unchanged.

/**
 * The project's stream is not at the version the caller expected: another step was recorded
 * first. Read the project again (its version is `actualVersion`) and decide again.
 */
export class ConcurrencyError extends Error {
  constructor(
    readonly projectId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
    message = `Project ${projectId} has ${actualVersion} recorded events, not ${expectedVersion}: another step was recorded first. Read the project again and retry.`,
  ) {
    super(message);
    this.name = 'ConcurrencyError';
  }
}

/** A pagination cursor the store did not give out (or for a different list). */
export class BadCursorError extends Error {
  constructor(
    message = 'The `after` cursor is not one this list gave out: start again from the first page.',
  ) {
    super(message);
    this.name = 'BadCursorError';
  }
}

/** An append or read the store refuses because its input is malformed. */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
