// The hub's ordering and no-loss rules, against an in-memory store and hand-fed notifications.
import type { NewEvent, RecordedEvent } from '../../../../libs/domain/src/events';
import { applyEvents, type ProjectState } from '../../../../libs/domain/src/project-state';
import type { ProjectEventNotice } from '../../../../libs/event-store/src';
import { ProgressHub, type NoticeSource, type ProgressStream } from './progress-hub';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const actor = { id: 'lee', displayName: 'Lee Lead', roles: ['LEAD'] };

const newEvents: NewEvent[] = [
  {
    type: 'ProjectStarted',
    data: {
      charterId: 'worcestershire',
      title: 'Short breaks',
      purpose: 'Review',
      confidentiality: 'PARTNERS',
      expectedOutcomes: [],
      proposedLevel: 'CO_PRODUCTION',
      participants: [],
    },
    reason: 'Because',
    actor,
    occurredAt: '2027-01-01T10:00:00.000Z',
  },
  ...['PARTNERSHIP', 'CONSULTATION', 'PARTNERSHIP'].map((level, i): NewEvent => ({
    type: 'LadderLevelCounterProposed',
    data: { level: level as 'PARTNERSHIP' },
    reason: `Counter ${i}`,
    actor,
    occurredAt: `2027-01-01T10:0${i + 1}:00.000Z`,
  })),
  {
    type: 'LadderLevelAgreed',
    data: { level: 'PARTNERSHIP', comment: null },
    reason: null,
    actor,
    occurredAt: '2027-01-01T10:05:00.000Z',
  },
  {
    type: 'ProjectCancelled',
    data: { phase: 'BRIEFING' },
    reason: 'Done',
    actor,
    occurredAt: '2027-01-01T10:06:00.000Z',
  },
];

const recorded: RecordedEvent[] = newEvents.map((e, i) => ({
  ...e,
  id: `${PROJECT}:${i + 1}`,
  projectId: PROJECT,
  sequence: i + 1,
  prevHash: `h${i}`,
  hash: `h${i + 1}`,
}));

const stateAt = (version: number): ProjectState => applyEvents(PROJECT, null, newEvents.slice(0, version));

/** The events table as readers see it: `visible` sequences only. */
class FakeStore {
  visible = new Set<number>();
  reads = 0;
  failNext = 0;

  show(...sequences: number[]) {
    for (const s of sequences) this.visible.add(s);
  }

  async readProjectEvents(projectId: string, options: { afterSequence?: number; limit: number }) {
    this.reads += 1;
    await Promise.resolve();
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('connection refused');
    }
    return recorded
      .filter((e) => e.projectId === projectId && e.sequence > (options.afterSequence ?? 0))
      .filter((e) => this.visible.has(e.sequence))
      .slice(0, options.limit);
  }
}

class FakeNotices implements NoticeSource {
  handlers: Parameters<NoticeSource['start']>[0] | null = null;
  starts = 0;
  start(handlers: Parameters<NoticeSource['start']>[0]) {
    this.starts += 1;
    this.handlers ??= handlers;
  }
  notify(sequence: number, projectId = PROJECT) {
    this.handlers?.notice({ projectId, sequence, position: sequence } satisfies ProjectEventNotice);
  }
}

const quiet = { warn: () => undefined, error: () => undefined };
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

type Seen = [number, string];
const present = (event: RecordedEvent, state: ProjectState): Seen => [event.sequence, state.phase];

/** Collects what a stream yields. */
function drain(stream: ProgressStream<Seen>) {
  const seen: Seen[] = [];
  let error: unknown = null;
  const done = (async () => {
    try {
      for await (const value of stream) seen.push(value);
    } catch (err) {
      error = err;
    }
  })();
  return { seen, done, error: () => error };
}

function setup(options: ConstructorParameters<typeof ProgressHub>[2] = {}) {
  const store = new FakeStore();
  const notices = new FakeNotices();
  const hub = new ProgressHub(store, notices, { retryMinMs: 5, retryMaxMs: 20, log: quiet, ...options });
  return { store, notices, hub };
}

describe('ProgressHub', () => {
  it('delivers the events after the subscriber began, once each, in order, whatever the notifications', async () => {
    const { store, notices, hub } = setup();
    store.show(1, 2);
    const stream = hub.open(PROJECT, present);
    stream.begin(stateAt(2));
    const out = drain(stream);

    store.show(3, 4, 5, 6);
    // Out of order, repeated, and one per event of a batch.
    for (const s of [6, 4, 3, 6, 5, 4]) notices.notify(s);
    await until(() => out.seen.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(out.seen).toEqual([
      [3, 'LADDER_AGREEMENT'],
      [4, 'LADDER_AGREEMENT'],
      [5, 'BRIEFING'],
      [6, 'CANCELLED'],
    ]);
    await stream.return();
    await out.done;
  });

  it('never skips: an event not yet visible holds back the ones after it until it is', async () => {
    const { store, notices, hub } = setup();
    store.show(1);
    const stream = hub.open(PROJECT, present);
    stream.begin(stateAt(1));
    const out = drain(stream);

    store.show(2, 4); // 3 is not visible yet
    notices.notify(4);
    await until(() => out.seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(out.seen.map(([s]) => s)).toEqual([2]);

    store.show(3); // visible now; the feed reads again on its own
    await until(() => out.seen.length >= 3);
    expect(out.seen.map(([s]) => s)).toEqual([2, 3, 4]);
    await stream.return();
  });

  it('hears of events appended between open() and begin(), so none is lost', async () => {
    const { store, notices, hub } = setup();
    store.show(1);
    const stream = hub.open(PROJECT, present);
    const state = stateAt(1); // read while registered
    store.show(2);
    notices.notify(2); // arrives before begin
    stream.begin(state);
    const out = drain(stream);
    await until(() => out.seen.length >= 1);
    expect(out.seen).toEqual([[2, 'LADDER_AGREEMENT']]);
    await stream.return();
  });

  it('catches every project up after the LISTEN connection comes back', async () => {
    const { store, notices, hub } = setup();
    store.show(1);
    const stream = hub.open(PROJECT, present);
    stream.begin(stateAt(1));
    const out = drain(stream);
    await new Promise((resolve) => setTimeout(resolve, 10));
    store.show(2, 3, 4); // appended while the notifications were lost
    expect(out.seen).toEqual([]);
    notices.handlers!.listening();
    await until(() => out.seen.length >= 3);
    expect(out.seen.map(([s]) => s)).toEqual([2, 3, 4]);
    await stream.return();
  });

  it('reads again after a failed read, and subscribers at other sequences each get their own', async () => {
    const { store, notices, hub } = setup();
    store.show(1, 2, 3);
    const early = hub.open(PROJECT, present);
    early.begin(stateAt(1));
    const late = hub.open(PROJECT, present);
    late.begin(stateAt(3));
    const a = drain(early);
    const b = drain(late);
    await until(() => a.seen.length >= 2);
    store.failNext = 2;
    store.show(4, 5);
    notices.notify(5);
    await until(() => a.seen.length >= 4 && b.seen.length >= 2);
    expect(a.seen).toEqual([
      [2, 'LADDER_AGREEMENT'],
      [3, 'LADDER_AGREEMENT'],
      [4, 'LADDER_AGREEMENT'],
      [5, 'BRIEFING'],
    ]);
    expect(b.seen).toEqual([
      [4, 'LADDER_AGREEMENT'],
      [5, 'BRIEFING'],
    ]);
    await early.return();
    await late.return();
  });

  it('stops reading for a subscriber that does not keep up, and resumes without loss', async () => {
    const { store, notices, hub } = setup({ maxBuffered: 2 });
    store.show(1);
    const stream = hub.open(PROJECT, present);
    stream.begin(stateAt(1));
    store.show(2, 3, 4, 5, 6);
    notices.notify(6);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { value } = await stream.next();
      seen.push((value as Seen)[0]);
    }
    expect(seen).toEqual([2, 3, 4, 5, 6]);
    await stream.return();
  });

  it('lets go of a project when its last subscriber leaves, and completes every stream on close', async () => {
    const { store, hub, notices } = setup();
    store.show(1);
    const one = hub.open(PROJECT, present);
    one.begin(stateAt(1));
    const two = hub.open(PROJECT, present);
    two.begin(stateAt(1));
    expect(hub.size).toEqual({ projects: 1, subscribers: 2 });
    expect(notices.starts).toBe(2);
    await one.return();
    expect(hub.size).toEqual({ projects: 1, subscribers: 1 });
    const out = drain(two);
    hub.close();
    await out.done;
    expect(hub.size).toEqual({ projects: 0, subscribers: 0 });
    expect(() => hub.open(PROJECT, present)).toThrow(/shutting down/);
  });

  it('ends a stream with the given error when its token expires', async () => {
    const { store, hub } = setup();
    store.show(1);
    const stream = hub.open(PROJECT, present);
    stream.begin(stateAt(1));
    const out = drain(stream);
    stream.failAt(Date.now() + 10, () => new Error('expired'));
    await out.done;
    expect((out.error() as Error).message).toBe('expired');
    expect(hub.size.subscribers).toBe(0);
  });
});
