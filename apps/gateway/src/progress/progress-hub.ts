// Fans the `project_events` notifications of this process out to the subscribers of each
// project, each subscriber getting its project's events in sequence order, exactly once.
//
// A notification only says "project P has news": the events themselves are always read from
// the store by sequence, after the last sequence each subscriber has taken. So
// - notifications that arrive out of order, twice, or for a batch of events change nothing:
//   a subscriber takes sequence n + 1 only after n, and never the same sequence twice;
// - a notification lost while the LISTEN connection was down is made up for when it is back
//   (`resync`: every project catches up by sequence);
// - an event is taken only if the one before it was (sequences have no gaps); should the read
//   ever return a gap, the feed stops there and reads again shortly, rather than skip.
// Per project, one read serves every subscriber in this process (from the lowest sequence any
// of them has taken), and the phase after each event is folded once from the state before it.
import { applyEvent, type ProjectState } from '../../../../libs/domain/src/project-state';
import type { RecordedEvent } from '../../../../libs/domain/src/events';
import type { ProjectEventNotice } from '../../../../libs/event-store/src';

/** Where the events come from: the event store, by project and sequence. */
export interface ProjectEventSource {
  readProjectEvents(
    projectId: string,
    options: { afterSequence?: number; limit: number },
  ): Promise<RecordedEvent[]>;
}

/** What tells the hub that events were appended: the LISTEN connection. */
export interface NoticeSource {
  /** Starts listening (once; later calls do nothing). */
  start(handlers: { notice(notice: ProjectEventNotice): void; listening(): void }): void;
}

export interface HubLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface HubOptions {
  /** Events read per query. */
  pageSize?: number;
  /** Values a subscriber may have waiting before its feed stops reading for it (backpressure). */
  maxBuffered?: number;
  /** First and longest wait before reading again after a failed read. */
  retryMinMs?: number;
  retryMaxMs?: number;
  log?: HubLog;
  /** What a subscriber receives when its events cannot be followed (logged here in full). */
  internalError?: (err: Error) => unknown;
}

/** Turns one event (and the project's state after it) into what the subscriber is sent. */
export type Present<T> = (event: RecordedEvent, stateAfter: ProjectState) => T;

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One subscriber's events, as an async iterator (what a GraphQL subscription resolver returns).
 * It takes events only once `begin` has given it the project's state at the moment it
 * subscribed; from then on every later event, in order.
 */
export class ProgressStream<T> implements AsyncIterableIterator<T> {
  /** The last sequence taken; null until `begin`. */
  sequence: number | null = null;
  /** The project's state at `sequence`. */
  state: ProjectState | null = null;
  /** Set by the feed when it could not hand this stream an event for lack of room. */
  stalled = false;

  private readonly buffer: T[] = [];
  private waiter: { resolve(result: IteratorResult<T>): void; reject(err: unknown): void } | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private expiry: NodeJS.Timeout | null = null;

  constructor(
    readonly projectId: string,
    private readonly present: Present<T>,
    private readonly maxBuffered: number,
    private readonly hooks: { begun(): void; drained(): void; ended(): void },
  ) {}

  /** Taking events: begun, not ended. */
  get active(): boolean {
    return !this.ended && this.sequence !== null;
  }

  get hasRoom(): boolean {
    return this.buffer.length < this.maxBuffered;
  }

  /** Starts taking the events after the state's version. */
  begin(state: ProjectState): void {
    if (this.ended || this.sequence !== null) return;
    this.state = state;
    this.sequence = state.version;
    this.hooks.begun();
  }

  /** Called by the feed with the next event (sequence = this.sequence + 1). */
  take(event: RecordedEvent, stateAfter: ProjectState): void {
    this.sequence = event.sequence;
    this.state = stateAfter;
    const value = this.present(event, stateAfter);
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter.resolve({ value, done: false });
    } else {
      this.buffer.push(value);
    }
  }

  /** Ends the stream with an error: the subscriber receives it next (buffered values are dropped). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.buffer.length = 0;
    this.failure = { error };
    this.finish();
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      this.failure = null;
      waiter.reject(error);
    }
  }

  /** Fails the stream with `error()` at `at` (ms since the epoch), e.g. when the caller's token expires. */
  failAt(at: number, error: () => unknown): void {
    if (this.expiry) clearTimeout(this.expiry);
    const arm = () => {
      const wait = at - Date.now();
      if (wait <= 0) {
        this.expiry = null;
        this.fail(error());
        return;
      }
      this.expiry = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
      this.expiry.unref();
    };
    arm();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      if (this.stalled && this.buffer.length <= this.maxBuffered / 2) {
        this.stalled = false;
        this.hooks.drained();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const { error } = this.failure;
      this.failure = null;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.waiter) return Promise.reject(new Error('next() called again before the previous call settled'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.failure = null;
    this.finish();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.expiry) clearTimeout(this.expiry);
    this.expiry = null;
    this.hooks.ended();
  }
}

/** The subscribers of one project in this process, and the reads that feed them. */
class ProjectFeed {
  readonly streams = new Set<ProgressStream<unknown>>();
  private running = false;
  private again = false;
  private closed = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    readonly projectId: string,
    private readonly source: ProjectEventSource,
    private readonly options: Required<HubOptions>,
  ) {}

  /** True when a subscriber has not yet taken `sequence`. */
  wants(sequence: number): boolean {
    for (const s of this.streams) if (s.active && (s.sequence as number) < sequence) return true;
    return false;
  }

  /** Reads what is new, now or right after the read in progress. */
  signal(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
    }
    void this.run();
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.catchUp();
      } while (this.again && !this.closed);
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      const wait = Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** (this.failures - 1));
      if (!this.closed) {
        this.options.log.warn(
          `Could not read the new events of project ${this.projectId} for its subscribers ` +
            `(${(err as Error).message}); trying again in ${wait} ms.`,
        );
        this.retry = setTimeout(() => {
          this.retry = null;
          this.signal();
        }, wait);
        this.retry.unref();
      }
    } finally {
      this.running = false;
    }
  }

  private async catchUp(): Promise<void> {
    const { pageSize } = this.options;
    for (;;) {
      if (this.closed) return;
      const takers: ProgressStream<unknown>[] = [];
      for (const s of this.streams) {
        if (!s.active) continue;
        if (s.hasRoom) takers.push(s);
        else s.stalled = true;
      }
      if (takers.length === 0) return;
      const after = Math.min(...takers.map((s) => s.sequence as number));
      const events = await this.source.readProjectEvents(this.projectId, {
        afterSequence: after,
        limit: pageSize,
      });
      let expected = after + 1;
      for (const event of events) {
        if (event.sequence !== expected) {
          throw new Error(`expected sequence ${expected} but read ${event.sequence}`);
        }
        expected += 1;
        this.hand(event, takers);
      }
      if (events.length < pageSize) return;
    }
  }

  /** Gives the event to every stream whose last sequence is the one before it. */
  private hand(event: RecordedEvent, takers: ProgressStream<unknown>[]): void {
    let stateAfter: ProjectState | null = null;
    for (const s of takers) {
      if (!s.active || s.sequence !== event.sequence - 1) continue;
      if (!s.hasRoom) {
        s.stalled = true;
        continue;
      }
      try {
        // Every stream at the same sequence has the same state: fold it once.
        stateAfter ??= applyEvent(this.projectId, s.state, event);
        if (stateAfter.version !== event.sequence) {
          throw new Error(`the state is at version ${stateAfter.version} after event ${event.sequence}`);
        }
        s.take(event, stateAfter);
      } catch (err) {
        this.options.log.error(
          `Project ${this.projectId}: could not follow event ${event.sequence} (${(err as Error).message}).`,
        );
        s.fail(this.options.internalError(err as Error));
      }
    }
  }
}

export class ProgressHub {
  private readonly feeds = new Map<string, ProjectFeed>();
  private readonly options: Required<HubOptions>;
  private closed = false;

  constructor(
    private readonly source: ProjectEventSource,
    private readonly notices: NoticeSource,
    options: HubOptions = {},
  ) {
    this.options = {
      pageSize: options.pageSize ?? 100,
      maxBuffered: options.maxBuffered ?? 256,
      retryMinMs: options.retryMinMs ?? 100,
      retryMaxMs: options.retryMaxMs ?? 5000,
      log: options.log ?? console,
      internalError: options.internalError ?? ((err) => err),
    };
  }

  /**
   * A new subscriber of the project, registered before the caller reads the project's state,
   * so that no notification after that read goes unheard; it takes events once `begin` is
   * called with that state. End it with `return()`.
   */
  open<T>(projectId: string, present: Present<T>): ProgressStream<T> {
    if (this.closed) throw new Error('The gateway is shutting down.');
    this.notices.start({
      notice: (notice) => this.notice(notice),
      listening: () => this.resync(),
    });
    let feed = this.feeds.get(projectId);
    if (!feed) {
      feed = new ProjectFeed(projectId, this.source, this.options);
      this.feeds.set(projectId, feed);
    }
    const owner = feed;
    const stream: ProgressStream<T> = new ProgressStream(projectId, present, this.options.maxBuffered, {
      begun: () => owner.signal(),
      drained: () => owner.signal(),
      ended: () => this.detach(owner, stream as ProgressStream<unknown>),
    });
    owner.streams.add(stream as ProgressStream<unknown>);
    return stream;
  }

  /** Events were appended to a project: its subscribers read them, if they have not yet. */
  notice(notice: ProjectEventNotice): void {
    const feed = this.feeds.get(notice.projectId);
    if (feed?.wants(notice.sequence)) feed.signal();
  }

  /** Notifications may have been missed (the LISTEN connection was down): every project catches up. */
  resync(): void {
    for (const feed of this.feeds.values()) feed.signal();
  }

  /** How many projects and subscribers this process follows. */
  get size(): { projects: number; subscribers: number } {
    let subscribers = 0;
    for (const feed of this.feeds.values()) subscribers += feed.streams.size;
    return { projects: this.feeds.size, subscribers };
  }

  /** Ends every subscription (they complete) and stops reading. */
  close(): void {
    this.closed = true;
    for (const feed of [...this.feeds.values()]) {
      for (const stream of [...feed.streams]) void stream.return();
      feed.close();
    }
    this.feeds.clear();
  }

  private detach(feed: ProjectFeed, stream: ProgressStream<unknown>): void {
    feed.streams.delete(stream);
    if (feed.streams.size === 0 && this.feeds.get(feed.projectId) === feed) {
      feed.close();
      this.feeds.delete(feed.projectId);
    }
  }
}
