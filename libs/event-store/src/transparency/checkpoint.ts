// Checkpoints of the audit log in the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint):
// a signed note whose text is the log's origin, its tree size, and its root hash in base64.
//
//   coproduction.example/audit
//   1234
//   3Jh9c0Ae9qv8H7C6Ej0YJx3sWgN6q8Ff1xV4nJm2p0Q=
//
//   — coproduction.example/audit Az3grk...
import { HASH_SIZE } from './merkle';
import { NoteError, openNote, type NoteSigner, type NoteVerifier } from './signed-note';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
}

export function checkpointText({ origin, size, rootHash }: Checkpoint): string {
  if (!origin || /[\n\r]/.test(origin)) throw new NoteError('A checkpoint origin is one non-empty line.');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError(`${size} is not a tree size.`);
  if (rootHash.length !== HASH_SIZE) throw new NoteError('A root hash has 32 bytes.');
  return `${origin}\n${size}\n${rootHash.toString('base64')}\n`;
}

/** The signed checkpoint note. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signer.sign(checkpointText(checkpoint));
}

/** Reads a checkpoint's text (origin, size, root; any extension lines after are ignored). */
export function parseCheckpointText(text: string): Checkpoint {
  const [origin, sizeLine, rootLine] = text.split('\n');
  if (!origin || sizeLine === undefined || rootLine === undefined) {
    throw new NoteError('This is not a checkpoint: it needs an origin, a tree size and a root hash line.');
  }
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw new NoteError(`"${sizeLine}" is not a tree size (a whole number without leading zeros).`);
  }
  const rootHash = Buffer.from(rootLine, 'base64');
  if (rootHash.length !== HASH_SIZE || rootHash.toString('base64') !== rootLine) {
    throw new NoteError(`"${rootLine}" is not a root hash (32 bytes in base64).`);
  }
  return { origin, size: Number(sizeLine), rootHash };
}

/**
 * The checkpoint in a signed note, after checking its signature by `verifier` (and, when
 * given, that it is a checkpoint of the log named `origin`). Throws NoteError otherwise.
 */
export function openCheckpoint(note: string, verifier: NoteVerifier, origin?: string): Checkpoint {
  const checkpoint = parseCheckpointText(openNote(note, verifier));
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new NoteError(`The checkpoint is of the log "${checkpoint.origin}", not "${origin}".`);
  }
  return checkpoint;
}
