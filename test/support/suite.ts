// What most integration test files set up: one stack for the file (started before its tests,
// stopped after them) and, for each test, people of their own (so tests never share readers).
// Both can be kept in a const at once: they answer once the tests run.
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/event-store/src';
import { requiredEnv } from './env';
import { startMailbox, type Mailbox } from './mailbox';
import { cast, type Cast } from './people';
import { startStack, type Stack } from './stack';

/** Reads through to what `current` returns, so the value can be replaced behind a const. */
function liveView<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      const value = current();
      if (!value) throw new Error(`${what} is ready only inside tests and their hooks.`);
      return Reflect.get(value, key);
    },
  });
}

/** The file's stack: started in beforeAll, stopped in afterAll. */
export function stackForFile(options?: Parameters<typeof startStack>[0]): Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(() => stack?.stop());
  return liveView(() => stack, 'The stack');
}

/** The people of the test running, and a way to give it new ones in another charter. */
export type People = Cast & { recast(charter: string): void };

/** Fresh people (with tokens) for each test of the file, in the charter given. */
export function peopleForEachTest(charter?: string): People {
  let people: Cast | undefined;
  beforeEach(() => {
    people = cast(charter);
  });
  const recast = (other: string) => {
    people = cast(other);
  };
  return liveView(() => (people ? { ...people, recast } : undefined), 'The people');
}

/**
 * For the files that read messages: a real SMTP server on loopback that refuses each message
 * twice before taking it (a transport that is down, then back), the file's stack sending to
 * it, and the suite's database to read events from.
 */
export function mailedStackForFile(options: Omit<Parameters<typeof startStack>[0] & object, 'smtpUrl'> = {}) {
  let mailbox: Mailbox | undefined;
  let stack: Stack | undefined;
  let db: DataSource | undefined;
  beforeAll(async () => {
    mailbox = await startMailbox();
    mailbox.failNextAttempts(2);
    stack = await startStack({ ...options, smtpUrl: mailbox.url });
    db = await createDataSource(requiredEnv('DATABASE_URL'), { poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await stack?.stop();
    await mailbox?.stop();
    await db?.destroy();
  });
  return {
    stack: liveView(() => stack, 'The stack'),
    mailbox: liveView(() => mailbox, 'The mailbox'),
    db: liveView(() => db, 'The database'),
  };
}
