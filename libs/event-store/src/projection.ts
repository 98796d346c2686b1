// An inline projection, as in Emmett: a read model the store updates in the same
// transaction as each append, so a read right after a step sees it. The store knows only
// this interface; each read model brings its own fold.
import type { NewEvent } from '../../domain/src/events';
import type { Run } from './sql';

export interface InlineProjection {
  readonly name: string;
  /** Applies the events just appended to the stream, which is now at `version`. */
  handle(run: Run, projectId: string, events: NewEvent[], version: number): Promise<void>;
}
