// What the user sees: one line per step ("▸ Starting PostgreSQL… done (0.8 s)"), and on any
// failure one plain-English line saying what to do — never a stack trace (DEBUG=1 shows it).

import { performance } from 'node:perf_hooks';
import path from 'node:path';

/** An error whose message is already a plain-English instruction for the user. */
export class UserError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UserError';
  }
}

/** Stop with a plain-English line (printed by `main`, after everything started is stopped). */
export function fail(message) {
  throw new UserError(message);
}

// A step line is left open ("▸ Building… ") until the step ends, so that "done (1.2 s)" can
// finish it. Anything printed in between closes it first, and the step then ends on a line
// of its own.
let openStep = null;
let printedAnything = false;

function closeOpenLine() {
  printedAnything = true;
  if (openStep !== null) {
    process.stdout.write('\n');
    openStep = null;
  }
}

/** Print a line to stdout (closing any open step line first). */
export function say(text = '') {
  closeOpenLine();
  process.stdout.write(`${text}\n`);
}

/** Print a line to stderr (closing any open step line first). */
export function warn(text) {
  closeOpenLine();
  process.stderr.write(`${text}\n`);
}

/** Write raw output from a child process, keeping step lines tidy. */
export function passThrough(stream, text) {
  closeOpenLine();
  stream.write(text);
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/**
 * Run `fn` as a named step. `fn` gets `note(text)`, which adds a short detail to the
 * "done" line, e.g. "done (0.8 s, data reused)". `words` changes "done"/"failed".
 */
export async function step(label, fn, words = { ok: 'done', failed: 'failed' }) {
  closeOpenLine();
  const started = performance.now();
  const token = {};
  process.stdout.write(`▸ ${label}… `);
  openStep = token;
  const notes = [];
  const finish = (word) => {
    const detail = [seconds(started), ...notes].join(', ');
    if (openStep === token) {
      process.stdout.write(`${word} (${detail})\n`);
      openStep = null;
    } else {
      say(`  ${label}: ${word} (${detail})`);
    }
  };
  try {
    const result = await fn((text) => notes.push(text));
    finish(words.ok);
    return result;
  } catch (err) {
    finish(words.failed);
    throw err;
  }
}

/** A path as the user would type it: relative to the current folder when inside it. */
export function shortPath(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

// Clean-up to run before exiting on an error (the process registry sets it).
let cleanup = async () => {};
export function setCleanup(fn) {
  cleanup = fn;
}

let exiting = false;
let interrupted = false;

/** Shutdown was asked for (Ctrl-C): errors from processes being stopped are expected then. */
export function markInterrupted() {
  interrupted = true;
}

export function wasInterrupted() {
  return interrupted;
}

/** Print the error as one plain line (stack only with DEBUG=1), stop what was started, exit 1. */
export async function exitWithError(err) {
  if (exiting) return;
  exiting = true;
  if (interrupted) {
    await cleanup(); // the signal handler prints "Stopped." and exits
    return;
  }
  const separate = printedAnything;
  closeOpenLine();
  try {
    await cleanup();
  } catch (cleanupErr) {
    if (process.env.DEBUG) console.error(cleanupErr);
  }
  if (process.env.DEBUG) console.error(err);
  process.stderr.write(`${separate ? '\n' : ''}✗ ${describe(err)}\n`);
  process.exit(1);
}

function describe(err) {
  if (err instanceof UserError) return err.message;
  const message = String(err?.message ?? err ?? 'unknown error').split('\n')[0];
  return `Something went wrong: ${message}. Run again with DEBUG=1 to see the details.`;
}

/** Run a script's main function with every error turned into one plain line. */
export function main(fn) {
  process.on('uncaughtException', exitWithError);
  process.on('unhandledRejection', exitWithError);
  Promise.resolve().then(fn).catch(exitWithError);
}
