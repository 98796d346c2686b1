// The commitments MEETING_GROUP events hold for their confidential texts, made when the
// events are appended (here, in the activity) rather than in the workflow.
//
// A decision puts a placeholder in its events (sealedValueOf: the plain SHA-256 of the
// text) and lists the texts apart. The store gives each distinct text a fresh random salt,
// puts commitmentOf(text, salt) in place of the placeholder, and keeps text and salt in
// confidential_texts. Why here: a salt made in the workflow would have to come from its
// deterministic random, which is seeded from the workflow's history and so known to anyone
// who can read that history (and Update validators, which also decide, do not run on replay,
// so drawing from it while deciding would change the draws). The activity's result is what
// the workflow history records, so replays stay deterministic whatever the salt.
import { randomBytes } from 'node:crypto';
import { commitmentOf, sealedValueOf } from '../../domain/src/confidential';

export interface SealedText {
  /** What the events hold: "sha256:<hex>" of salt and text. */
  commitment: string;
  /** 32 random bytes; null for texts sealed before salts (their commitment is the plain SHA-256). */
  salt: Buffer | null;
  text: string;
}

export const SALT_BYTES = 32;

/** A fresh salt and commitment for each distinct text, by the placeholder its events hold. */
export function commitTexts(texts: readonly string[]): Map<string, SealedText> {
  const sealed = new Map<string, SealedText>();
  for (const text of texts) {
    const placeholder = sealedValueOf(text);
    if (sealed.has(placeholder)) continue;
    const salt = randomBytes(SALT_BYTES);
    sealed.set(placeholder, { commitment: commitmentOf(text, salt), salt, text });
  }
  return sealed;
}

/** A copy of JSON `value` with each string that is a key of `replacements` replaced. */
export function replaceStrings<T>(value: T, replacements: ReadonlyMap<string, string>): T {
  if (replacements.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return replacements.get(v) ?? v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    }
    return v;
  };
  return walk(value) as T;
}
