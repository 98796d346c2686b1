// What most integration test files set up: one stack for the file (started before its tests,
// stopped after them) and, for each test, people of their own (so tests never share readers).
// Both can be kept in a const at once: they answer once the tests run.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../libs/event-store/src';
import { requiredEnv } from './env';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startMailbox, type Mailbox } from './mailbox';
import { addExamplePeople } from './people-db';
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

/** Runs `work` with these variables set in this process (a stack reads them as it starts). */
export async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * The file's stack on a database of its own (created and migrated first, dropped after), for
 * tests whose figures must not count other files' projects; `env` is set while it starts.
 */
export function stackOnOwnDatabaseForFile(prefix: string, env: Record<string, string> = {}) {
  const name = `${prefix}_${randomUUID().replace(/-/g, '')}`;
  let stack: Stack | undefined;
  let url = '';
  const admin = async (sql: string) => {
    const db = await createDataSource(requiredEnv('DATABASE_URL'), { poolSize: 1 }).initialize();
    try {
      await db.query(sql);
    } finally {
      await db.destroy();
    }
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const own = new URL(requiredEnv('DATABASE_URL'));
    own.pathname = `/${name}`;
    url = own.toString();
    await runMigrations(url);
    stack = await withEnv({ ...env, DATABASE_URL: url }, () => startStack());
  });
  afterAll(async () => {
    await stack?.stop();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    stack: liveView(() => stack, 'The stack'),
    /** The database's URL (as its owner), once the file's tests run. */
    url: () => url,
  };
}

/** What the browser test files share: the example people, a stack, its web address and a browser. */
export interface WebStack {
  stack: Stack;
  /** The web's address, e.g. http://127.0.0.1:PORT (no trailing slash). */
  base: string;
  browser: Browser;
  /** The SMTP server the stack sends to (with `mailed`); messages are dropped otherwise. */
  mailbox: Mailbox;
}

/** The file's stack for browser tests, the example people added; `mailed` sends its messages to a mailbox. */
export function webStackForFile(options: { mailed?: boolean } = {}): WebStack {
  let web: WebStack | undefined;
  beforeAll(async () => {
    await addExamplePeople();
    const mailbox = options.mailed ? await startMailbox() : undefined;
    const stack = await startStack(mailbox ? { smtpUrl: mailbox.url } : undefined);
    const browser = await launchBrowser();
    web = { stack, base: stack.url.replace(/\/graphql$/, ''), browser, mailbox: mailbox as Mailbox };
  });
  afterAll(async () => {
    await web?.browser.close();
    await web?.stack.stop();
    await web?.mailbox?.stop();
  });
  return liveView(() => web, 'The web stack');
}
