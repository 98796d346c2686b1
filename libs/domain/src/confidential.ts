// MEETING_GROUP confidentiality (DOMAIN.md): minutes, decisions and feedback text are for
// participants only, so such a project's audit events hold a SHA-256 of the text instead
// of the text. The text itself is kept apart (like contact details), and the board can
// still verify the chain, or check a text it is shown against its hash.
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { ProjectState } from './project-state';

export const SEALED_PREFIX = 'sha256:';

/** The value an event holds in place of a confidential text: "sha256:" + hex of its UTF-8. */
export const sealedValueOf = (text: string) => `${SEALED_PREFIX}${bytesToHex(sha256(utf8ToBytes(text)))}`;

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
