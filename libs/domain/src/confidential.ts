// MEETING_GROUP confidentiality (DOMAIN.md): minutes, decisions and feedback text are for
// participants only, so such a project's audit events hold a SHA-256 of the text instead
// of the text. The text itself is kept apart (like contact details), and the board can
// still verify the chain, or check a text it is shown against its hash.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { ProjectState } from './project-state';

export const SEALED_PREFIX = 'sha256:';

/**
 * What a decision puts in its events in place of a confidential text: "sha256:" + hex of its
 * UTF-8. A placeholder only: the event store replaces it with `commitmentOf` the text and a
 * random salt when the events are recorded (libs/event-store/src/sealed-texts.ts says why
 * there), so the audit trail never holds a plain hash that a guess could be checked against.
 */
export const sealedValueOf = (text: string) => `${SEALED_PREFIX}${bytesToHex(sha256(utf8ToBytes(text)))}`;

/**
 * The commitment an event holds for a confidential text: "sha256:" + hex of SHA-256(salt ||
 * UTF-8 of the text), the salt being 32 random bytes kept with the text. Without the salt a
 * guessed text cannot be confirmed; with it (shown to those who may read the text) anyone
 * can check the text against the event. The only place the commitment is defined.
 */
export function commitmentOf(text: string, salt: Uint8Array): string {
  const bytes = utf8ToBytes(text);
  const message = new Uint8Array(salt.length + bytes.length);
  message.set(salt, 0);
  message.set(bytes, salt.length);
  return `${SEALED_PREFIX}${bytesToHex(sha256(message))}`;
}

export const isSealed = (value: string) =>
  value.startsWith(SEALED_PREFIX) && value.length === SEALED_PREFIX.length + 64;

/** Seals the confidential texts of one decision, collecting them to be stored apart. */
export class Sealer {
  readonly texts: string[] = [];
  private readonly sealing: boolean;

  constructor(state: ProjectState) {
    this.sealing = state.confidentiality === 'MEETING_GROUP';
  }

  seal(text: string): string {
    if (!this.sealing) return text;
    this.texts.push(text);
    return sealedValueOf(text);
  }
}
