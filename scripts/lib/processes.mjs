// Child processes and orderly shutdown.
//
// The worker and gateway are supervised: a crash restarts them after a back-off (see
// `supervise`); only repeated crashes stop everything.
//
// Everything a script starts is tracked here. On Ctrl-C / SIGTERM / SIGHUP, or when a tracked
// process exits unexpectedly, everything is stopped in order — the app processes (worker,
// gateway, jest) first, then the servers in reverse start order (Temporal, then PostgreSQL) —
// and the script exits.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import {
  UserError,
  exitWithError,
  fail,
  markInterrupted,
  passThrough,
  say,
  setCleanup,
  warn,
} from './ui.mjs';

const tracked = []; // { name, stop, kind: 'app' | 'server' }
let stopping = null; // the shutdown promise, once it has begun

/**
 * Track something started, so it is stopped on exit.
 * `handle` has `stop()` and, optionally, `exited` (a promise settled when it stops by itself):
 * if that happens before shutdown began, everything is stopped and the script exits 1.
 */
export function track(name, handle, { kind = 'server', watchExit = true } = {}) {
  const entry = { name, stop: handle.stop, kind };
  tracked.push(entry);
  if (watchExit && handle.exited) {
    handle.exited.then((how) => {
      if (stopping || entry.stopped) return;
      const why = how && how.code != null ? `exit code ${how.code}` : `signal ${how?.signal ?? 'unknown'}`;
      const log = handle.logFile ? ` See ${handle.logFile}.` : ' See its output above.';
      exitWithError(new UserError(`${name} stopped unexpectedly (${why}), so everything was stopped.${log}`));
    });
  }
  return handle;
}

/** Stop everything tracked: apps in parallel, then servers one by one, newest first. */
export function stopAll() {
  if (!stopping) {
    stopping = (async () => {
      const apps = tracked.filter((e) => e.kind === 'app');
      const servers = tracked.filter((e) => e.kind !== 'app').reverse();
      await Promise.all(apps.map((e) => stopEntry(e)));
      for (const e of servers) await stopEntry(e);
    })();
  }
  return stopping;
}

async function stopEntry(entry) {
  entry.stopped = true;
  try {
    await entry.stop();
  } catch (err) {
    warn(`Could not stop ${entry.name} cleanly: ${err.message}`);
  }
}

/** Stop everything on Ctrl-C, SIGTERM or SIGHUP; a second Ctrl-C kills what is left at once. */
export function installShutdownHandlers() {
  setCleanup(stopAll);
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const signal of Object.keys(codes)) {
    process.on(signal, () => {
      if (stopping) {
        warn('Stopping at once.');
        for (const k of killers) k();
        process.exit(codes[signal]);
      }
      markInterrupted();
      say('');
      say('Stopping… (press Ctrl-C again to stop at once)');
      stopAll().then(() => {
        say('Stopped.');
        process.exit(codes[signal]);
      });
    });
  }
}

// Last-resort SIGKILLs for the "stop at once" path.
const killers = new Set();

/**
 * Kill a process (and, when it leads its own process group, the whole group) and wait for it
 * to exit: `signal` first, SIGKILL after `graceMs`.
 */
export function stopProcess(child, exited, { signal = 'SIGTERM', graceMs = 15000, group = false } = {}) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  const send = (sig) => {
    try {
      if (group) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  send(signal);
  const timer = setTimeout(() => send('SIGKILL'), graceMs);
  return exited.finally(() => clearTimeout(timer));
}

/**
 * Start a long-running Node (or other) process whose output is shown with a prefix,
 * e.g. "[worker] Worker ready". Returns `{ child, exited, stop }`.
 * With `prefix: null` the output is inherited as it is (colours kept), as for jest; `quiet` drops it.
 */
export function startProcess(
  command,
  args,
  { prefix = null, env = process.env, cwd, graceMs, onLine, quiet = false } = {},
) {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: quiet ? 'ignore' : prefix === null ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => resolve({ code: null, signal: null, error: err }));
  });
  if (prefix !== null && !quiet) {
    prefixLines(child.stdout, process.stdout, prefix, onLine);
    prefixLines(child.stderr, process.stderr, prefix, onLine);
  }
  const kill = () => child.kill('SIGKILL');
  killers.add(kill);
  exited.then(() => killers.delete(kill));
  return { child, exited, stop: () => stopProcess(child, exited, { graceMs }) };
}

function prefixLines(from, to, prefix, onLine) {
  readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    passThrough(to, `${prefix}${line}\n`);
    onLine?.(line);
  });
}

/** How a supervised process is restarted: back-off doubling from 1 s to 30 s; give up after 5 crashes in 2 minutes. */
export const RESTARTS = {
  firstDelayMs: 1000,
  maxDelayMs: 30000,
  maxCrashes: 5,
  windowMs: 120000,
  lastLines: 15,
};

/** The wait before restart number `crashes` (1, 2, …): 1 s, 2 s, 4 s, … up to 30 s. */
export const restartDelayMs = (crashes, rules = RESTARTS) =>
  Math.min(rules.maxDelayMs, rules.firstDelayMs * 2 ** Math.max(0, crashes - 1));

/**
 * Keeps an app process (the worker, the gateway) running: when it stops by itself, says so
 * with its last lines of output and starts it again after a back-off; after `maxCrashes`
 * crashes within `windowMs` it gives up and everything is stopped. `launch(onLine)` starts
 * the process (as startProcess does). Track the result with `watchExit: false`.
 */
export function supervise(name, launch, rules = RESTARTS) {
  let current = null;
  let stopped = false;
  let timer = null;
  const crashes = []; // times of recent crashes
  const lines = [];

  const run = () => {
    lines.length = 0;
    current = launch((line) => {
      lines.push(line);
      if (lines.length > rules.lastLines) lines.shift();
    });
    const started = Date.now();
    current.exited.then((how) => {
      if (stopped) return;
      const now = Date.now();
      // A process that ran a good while has recovered: its earlier crashes no longer count.
      if (now - started > rules.windowMs) crashes.length = 0;
      crashes.push(now);
      while (crashes.length && now - crashes[0] > rules.windowMs) crashes.shift();
      const why = how?.error
        ? how.error.message
        : how?.code != null
          ? `exit code ${how.code}`
          : `signal ${how?.signal ?? 'unknown'}`;
      warn(`${name} stopped unexpectedly (${why}). Its last lines of output:`);
      for (const line of lines.length ? lines : ['(no output)']) warn(`    ${line}`);
      if (crashes.length >= rules.maxCrashes) {
        exitWithError(
          new UserError(
            `${name} stopped ${crashes.length} times within ${Math.round(rules.windowMs / 60000)} minutes, ` +
              'so everything was stopped. Its last lines of output are above.',
          ),
        );
        return;
      }
      const delay = restartDelayMs(crashes.length, rules);
      warn(
        `Starting ${name.toLowerCase()} again in ${Math.round(delay / 1000)} s (restart ${crashes.length} of ${rules.maxCrashes - 1}).`,
      );
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) run();
      }, delay);
    });
  };
  run();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.stop();
    },
  };
}

/** Register a process-group kill for servers started detached (used by the "stop at once" path). */
export function addKiller(fn) {
  killers.add(fn);
  return () => killers.delete(fn);
}

/**
 * Run a command to completion, capturing its output. Resolves `{ code, output }`;
 * fails plainly if the command cannot be started at all.
 */
export function runCommand(command, args, { cwd, env = process.env, what = command } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    killers.add(kill);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (err) => {
      killers.delete(kill);
      resolve({ code: null, output, error: err });
    });
    child.once('close', (code) => {
      killers.delete(kill);
      resolve({ code, output });
    });
  }).then((result) => {
    if (result.error && result.error.code === 'ENOENT')
      fail(`Could not run ${what}: "${command}" was not found.`);
    return result;
  });
}

/** True when process `pid` exists. */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function readProc(pid, file) {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** The command line of process `pid` (arguments joined by spaces), or null where unknown. */
export function commandLine(pid) {
  const raw = readProc(pid, 'cmdline');
  return raw === null ? null : raw.split('\0').join(' ').trim();
}

/**
 * A server process left behind by an earlier run that was killed (kill -9, a crash): alive,
 * its command line contains `marker`, and its parent is no longer one of these scripts.
 * Only decidable where /proc exists (Linux); elsewhere the answer is false.
 */
export function isLeftover(pid, marker) {
  if (!pid || !isAlive(pid)) return false;
  const cmdline = readProc(pid, 'cmdline');
  const stat = readProc(pid, 'stat');
  if (cmdline === null || stat === null || !cmdline.includes(marker)) return false;
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const parent = readProc(ppid, 'cmdline') ?? '';
  return !/scripts[/\\](start|test)\.mjs/.test(parent);
}

/** Stop a left-behind server by pid (its process group when `group`), waiting up to `graceMs`. */
export async function stopLeftover(pid, { signal = 'SIGTERM', group = false, graceMs = 15000 } = {}) {
  const send = (sig) => {
    try {
      process.kill(group ? -pid : pid, sig);
    } catch {
      // gone
    }
  };
  send(signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) send('SIGKILL');
}
