// The audit trail's hash chain (CONTRACT.md "Audit events"): each event's hash covers the
// previous hash and the canonical JSON (RFC 8785) of the event as the API returns it.
import { hash as digest } from 'node:crypto';

/** `prevHash` of a project's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers. */
export interface HashedFields {
  actorId: string;
  data: unknown;
  occurredAt: string;
  projectId: string;
  reason: string | null | undefined;
  sequence: number;
  type: string;
}

/** Strings quoted as JSON.stringify quotes them, kept for those quoted again and again. */
const quotedStrings = new Map<string, string>();
const QUOTED_STRINGS_KEPT = 4096;

/**
 * JSON.stringify of a short string that recurs (an object key, an actor, a project id, an
 * event type), from a bounded cache: the chain check writes the same few keys and ids for
 * every event, and quoting them again was a third of the time spent writing canonical JSON.
 */
function quoted(text: string): string {
  let json = quotedStrings.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (text.length <= 64) {
      if (quotedStrings.size >= QUOTED_STRINGS_KEPT) quotedStrings.clear();
      quotedStrings.set(text, json);
    }
  }
  return json;
}

/**
 * RFC 8785 canonical JSON of a value: exactly what the `canonicalize` package (2.1) writes,
 * byte for byte (hash.spec.ts compares the two), written with plain loops because every
 * append and every chain check runs it. Keys sorted by UTF-16 code units (Array#sort),
 * strings and numbers as JSON.stringify writes them, `undefined` members left out of objects
 * and written as null in arrays, toJSON honoured, NaN and Infinity refused.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (Number.isNaN(value)) throw new Error('NaN is not allowed');
      if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      // undefined, a function or a symbol: undefined, as JSON.stringify gives; a bigint throws.
      return JSON.stringify(value) as string;
  }
  const withToJson = value as { toJSON?: unknown };
  if (withToJson.toJSON instanceof Function) return canonicalJson((withToJson.toJSON as () => unknown)());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined || typeof item === 'symbol' ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (!first) out += ',';
    first = false;
    out += `${quoted(key)}:${canonicalJson(item)}`;
  }
  return out + '}';
}

/** RFC 8785 canonical JSON of exactly the hashed fields (`reason` null when absent). */
export function canonicalEvent(e: HashedFields): string {
  const { actorId, data, occurredAt, projectId, sequence, type } = e;
  const reason = e.reason ?? null;
  if (
    typeof actorId === 'string' &&
    typeof occurredAt === 'string' &&
    typeof projectId === 'string' &&
    typeof type === 'string' &&
    typeof sequence === 'number' &&
    Number.isFinite(sequence) &&
    (reason === null || typeof reason === 'string') &&
    data !== undefined &&
    typeof data !== 'symbol'
  ) {
    // The seven keys, already in canonical (sorted) order; strings and finite numbers are
    // written by JSON.stringify in canonicalJson too.
    return (
      '{"actorId":' +
      quoted(actorId) +
      ',"data":' +
      canonicalJson(data) +
      ',"occurredAt":' +
      JSON.stringify(occurredAt) +
      ',"projectId":' +
      quoted(projectId) +
      ',"reason":' +
      (reason === null ? 'null' : JSON.stringify(reason)) +
      ',"sequence":' +
      JSON.stringify(sequence) +
      ',"type":' +
      quoted(type) +
      '}'
    );
  }
  // Anything else (a field missing, say, which is left out as canonicalize did): the general path.
  return canonicalJson({ actorId, data, occurredAt, projectId, reason, sequence, type });
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `prevHash` followed by the canonical event. */
export function eventHash(prevHash: string, e: HashedFields): string {
  return digest('sha256', prevHash + canonicalEvent(e), 'hex');
}

/** An event as the chain check needs it: a `RecordedEvent` or anything shaped like one. */
export interface ChainEvent {
  projectId: string;
  sequence: number;
  type: string;
  actor: { id: string };
  occurredAt: string;
  data: unknown;
  reason: string | null;
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  eventCount: number;
  /** The hash of the last event; null when there are no events. */
  headHash: string | null;
  /** The first sequence at which the chain breaks; null when valid. */
  firstInvalidSequence: number | null;
}

/**
 * Checks a project's events one by one, in ascending sequence: sequences 1, 2, 3... with no
 * gap, each `prevHash` equal to the previous event's hash (64 zeros for the first), and each
 * `hash` recomputed from the event. Feed it in pages to check a long chain in bounded memory.
 */
export class ChainVerifier {
  private count = 0;
  private head: string | null = null;
  private broken: number | null = null;

  /** Adds the next event; returns false once the chain is broken. */
  add(event: ChainEvent): boolean {
    const expectedSequence = this.count + 1;
    const expectedPrev = this.head ?? GENESIS_HASH;
    this.count += 1;
    this.head = event.hash;
    if (this.broken !== null) return false;
    if (event.sequence !== expectedSequence) {
      // A gap (or a repeat): the chain breaks at the sequence that should have come next.
      this.broken = expectedSequence;
      return false;
    }
    const recomputed = eventHash(event.prevHash, {
      actorId: event.actor.id,
      data: event.data,
      occurredAt: event.occurredAt,
      projectId: event.projectId,
      reason: event.reason,
      sequence: event.sequence,
      type: event.type,
    });
    if (event.prevHash !== expectedPrev || recomputed !== event.hash) {
      this.broken = event.sequence;
      return false;
    }
    return true;
  }

  /** Marks the chain broken at `sequence` (e.g. the stream records events that are missing). */
  breakAt(sequence: number): void {
    if (this.broken === null) this.broken = sequence;
  }

  result(): ChainVerification {
    return {
      valid: this.broken === null,
      eventCount: this.count,
      headHash: this.head,
      firstInvalidSequence: this.broken,
    };
  }
}

/** Verifies a whole chain held in memory (events in ascending sequence, starting at 1). */
export function verifyChain(events: Iterable<ChainEvent>): ChainVerification {
  const verifier = new ChainVerifier();
  for (const event of events) verifier.add(event);
  return verifier.result();
}
