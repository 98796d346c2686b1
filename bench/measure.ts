// Timing: a bounded load loop (at most `maxOps` operations and `maxMs` milliseconds, whichever
// comes first), latencies from performance.now(), p50/p99 from the sorted samples, and the
// table every figure is printed in, next to its limit.
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  /** Operations in flight at once. */
  conc: number;
  /** Operations that succeeded (the samples). */
  n: number;
  errors: number;
  /** Successful operations per second of wall-clock time, at `conc`. */
  opsPerSec: number | null;
  p50: number | null;
  p99: number | null;
  /** Why there is no figure ("not available"), or a detail worth printing with it. */
  note?: string;
}

export interface Row {
  section: string;
  figure: Figure;
  /** The baseline measured in the same run on the same servers. */
  limit?: Figure;
}

export interface LoadOptions {
  name: string;
  conc: number;
  maxOps: number;
  maxMs: number;
  /** Untimed operations per lane first (connections, JIT, caches). */
  warmup?: number;
  /** Abandon (and count as an error) an operation that takes longer than this. */
  opTimeoutMs?: number;
  /** One operation: `lane` is 0..conc-1 (each lane runs its operations one after another). */
  op: (lane: number, i: number) => Promise<unknown>;
}

/** The p-th percentile (nearest rank) of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const firstErrors = new Map<string, string>();

/** The first error message of each measured case, printed after the table. */
export function errorNotes(): string[] {
  return [...firstErrors].map(([name, message]) => `${name}: ${message}`);
}

interface Load {
  samples: number[];
  errors: number;
  elapsedMs: number;
}

/** The bounded load loop itself: warm-up first, then timed operations from `conc` lanes. */
async function load(options: LoadOptions): Promise<Load> {
  const { name, conc, maxOps, maxMs, warmup = 0, opTimeoutMs = 60_000, op } = options;
  const lanes = Array.from({ length: conc }, (_, lane) => lane);
  let errors = 0;
  const fail = (err: unknown) => {
    errors += 1;
    if (!firstErrors.has(name)) firstErrors.set(name, String((err as Error)?.message ?? err).split('\n')[0]);
  };

  let counter = 0;
  if (warmup > 0) {
    await Promise.all(
      lanes.map(async (lane) => {
        for (let k = 0; k < warmup; k++) await withTimeout(op(lane, counter++), opTimeoutMs).catch(fail);
      }),
    );
    errors = 0;
    firstErrors.delete(name);
  }

  const samples: number[] = [];
  let issued = 0;
  const start = performance.now();
  const deadline = start + maxMs;
  await Promise.all(
    lanes.map(async (lane) => {
      while (issued < maxOps && performance.now() < deadline) {
        issued += 1;
        const t0 = performance.now();
        try {
          await withTimeout(op(lane, counter++), opTimeoutMs);
          samples.push(performance.now() - t0);
        } catch (err) {
          fail(err);
        }
      }
    }),
  );
  return { samples, errors, elapsedMs: performance.now() - start };
}

export async function measure(options: LoadOptions): Promise<Figure> {
  const { samples, errors, elapsedMs } = await load(options);
  return summarise(options.name, options.conc, samples, errors, elapsedMs);
}

/**
 * A figure and its limit measured in alternating slices (`rounds` of each, the budget shared
 * out), so that a change in the machine's load during the run moves both alike and their
 * ratio stays comparable. Each warms up in its first slice only.
 */
export async function measurePair(
  figure: LoadOptions,
  limit: LoadOptions,
  rounds = 4,
): Promise<{ figure: Figure; limit: Figure }> {
  const totals = [figure, limit].map(() => ({ samples: [] as number[], errors: 0, elapsedMs: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [k, options] of [figure, limit].entries()) {
      const slice = await load({
        ...options,
        maxMs: options.maxMs / rounds,
        maxOps: Math.ceil(options.maxOps / rounds),
        warmup: round === 0 ? options.warmup : 0,
      });
      totals[k].samples = totals[k].samples.concat(slice.samples);
      totals[k].errors += slice.errors;
      totals[k].elapsedMs += slice.elapsedMs;
    }
  }
  const [f, l] = totals;
  return {
    figure: summarise(figure.name, figure.conc, f.samples, f.errors, f.elapsedMs),
    limit: summarise(limit.name, limit.conc, l.samples, l.errors, l.elapsedMs),
  };
}

/** A figure from samples taken one at a time by the caller (conc 1, throughput from their sum). */
export function summarise(
  name: string,
  conc: number,
  samples: number[],
  errors = 0,
  elapsedMs = samples.reduce((a, b) => a + b, 0),
): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    conc,
    n: samples.length,
    errors,
    opsPerSec: samples.length && elapsedMs > 0 ? samples.length / (elapsedMs / 1000) : null,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** A row with no measurement, saying why. */
export function unavailable(name: string, note: string): Figure {
  return { name, conc: 0, n: 0, errors: 0, opsPerSec: null, p50: null, p99: null, note };
}

/**
 * A figure, or (when setting it up fails) a row saying so: one broken case must not cost
 * the figures of the others.
 */
export async function guarded(name: string, fn: () => Promise<Figure>): Promise<Figure> {
  try {
    return await fn();
  } catch (err) {
    return unavailable(name, `failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`);
  }
}

/** Times one call. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

// ---- printing

function num(value: number | null, digits?: number): string {
  if (value === null) return '–';
  const d = digits ?? (value >= 100 ? 0 : value >= 10 ? 1 : 2);
  return value.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function cells(f: Figure | undefined): string[] {
  if (!f) return ['', '', '', '', '', ''];
  if (f.note && f.n === 0) return [`${f.name} (${f.note})`, '', '', '–', '–', '–'];
  const n = f.errors ? `${f.n} (${f.errors} failed)` : String(f.n);
  return [
    f.note ? `${f.name} (${f.note})` : f.name,
    String(f.conc),
    n,
    num(f.opsPerSec),
    num(f.p50),
    num(f.p99),
  ];
}

/** The figures as a Markdown table (one per section), each figure next to its limit. */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'figure',
    'conc',
    'n',
    'ops/s',
    'p50 ms',
    'p99 ms',
    'limit',
    'conc',
    'n',
    'ops/s',
    'p50 ms',
    'p99 ms',
  ];
  const out: string[] = [];
  let section: string | null = null;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(
        '',
        `### ${section}`,
        '',
        `| ${header.join(' | ')} |`,
        `|${header.map(() => '---').join('|')}|`,
      );
    }
    out.push(`| ${[...cells(row.figure), ...cells(row.limit)].join(' | ')} |`);
  }
  return out.join('\n');
}
