// C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: a text ending in a newline,
// a blank line, then one line per signature: "— <key name> <base64(key id || signature)>".
// Keys are written as the Go `note` package writes them, so its tools read them too:
//   signer   PRIVATE+KEY+<name>+<key id, 8 hex>+<base64(0x01 || 32-byte seed)>
//   verifier <name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 '; // an em dash and a space
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {}

/** Key names: no spaces, no "+", not empty (the key formats split on "+"). */
export function checkKeyName(name: string): void {
  if (!name || /[\s+]/u.test(name)) {
    throw new NoteError(`"${name}" cannot name a key: it must be non-empty, without spaces or "+".`);
  }
}

/** The first 4 bytes of SHA-256(name || "\n" || 0x01 || public key). */
export function keyId(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

function rawPublicKey(key: KeyObject): Buffer {
  const spki = key.export({ type: 'spki', format: 'der' });
  return Buffer.from(spki.subarray(spki.length - 32));
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export interface NoteVerifier {
  name: string;
  id: Buffer;
  publicKey: Buffer;
  /** The verifier key, `<name>+<id>+<base64>`. */
  text: string;
}

export interface NoteSigner {
  name: string;
  id: Buffer;
  verifier: NoteVerifier;
  /** The signer key, `PRIVATE+KEY+<name>+<id>+<base64>`: keep it secret. */
  text: string;
  /** The note with this key's signature line. */
  sign(text: string): string;
}

function verifierOf(name: string, publicKey: Buffer): NoteVerifier {
  const id = keyId(name, publicKey);
  return {
    name,
    id,
    publicKey,
    text: `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), publicKey]).toString('base64')}`,
  };
}

function signerOf(name: string, seed: Buffer): NoteSigner {
  checkKeyName(name);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const verifier = verifierOf(name, rawPublicKey(createPublicKey(privateKey)));
  return {
    name,
    id: verifier.id,
    verifier,
    text: `PRIVATE+KEY+${name}+${verifier.id.toString('hex')}+${Buffer.concat([Buffer.of(ED25519), seed]).toString('base64')}`,
    sign(text: string): string {
      checkNoteText(text);
      const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
      return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([verifier.id, signature]).toString('base64')}\n`;
    },
  };
}

/** A new Ed25519 signer named `name`. */
export function generateSigner(name: string): NoteSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return signerOf(name, Buffer.from(pkcs8.subarray(pkcs8.length - 32)));
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Splits `<name>+<id>+<base64>` (the base64 may hold "+" too; the name never does). */
function decodeKeyParts(text: string, what: string): { name: string; id: Buffer; key: Buffer } {
  const [name, idHex] = text.split('+', 2);
  const base64 = text.slice(`${name}+${idHex}+`.length);
  if (!name || idHex === undefined) {
    throw new NoteError(`This is not ${what}: expected <name>+<8 hex digits>+<base64>.`);
  }
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex ?? '') || !BASE64.test(base64 ?? '')) {
    throw new NoteError(`This is not ${what}: expected <name>+<8 hex digits>+<base64>.`);
  }
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== 33 || bytes[0] !== ED25519) {
    throw new NoteError(`This is not an Ed25519 ${what} (algorithm byte 0x01 and 32 key bytes).`);
  }
  return { name, id: Buffer.from(idHex, 'hex'), key: bytes.subarray(1) };
}

/** Reads a signer key (`PRIVATE+KEY+…`). */
export function parseSigner(text: string): NoteSigner {
  const trimmed = text.trim();
  if (!trimmed.startsWith('PRIVATE+KEY+')) {
    throw new NoteError('This is not a signing key: it should start with PRIVATE+KEY+.');
  }
  const { name, id, key } = decodeKeyParts(trimmed.slice('PRIVATE+KEY+'.length), 'a signing key');
  const signer = signerOf(name, key);
  if (!signer.id.equals(id)) throw new NoteError('The signing key is damaged: its key id does not match it.');
  return signer;
}

/** Reads a verifier key (`<name>+<id>+<base64>`). */
export function parseVerifier(text: string): NoteVerifier {
  const { name, id, key } = decodeKeyParts(text.trim(), 'a public key');
  const verifier = verifierOf(name, key);
  if (!verifier.id.equals(id))
    throw new NoteError('The public key is damaged: its key id does not match it.');
  return verifier;
}

/** A note's text: UTF-8 lines, each ending in a newline, no other control characters. */
function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('A note text must end with a newline.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) {
    throw new NoteError('A note text may hold no control characters but newlines.');
  }
}

export interface SignedNote {
  text: string;
  signatures: { name: string; id: Buffer; signature: Buffer }[];
}

/** Splits a signed note into its text and signature lines (not yet verified). */
export function parseNote(note: string): SignedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) {
    throw new NoteError('This is not a signed note: no blank line before the signature lines.');
  }
  const text = note.slice(0, split + 1);
  checkNoteText(text);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
      const bytes = match ? Buffer.from(match[2], 'base64') : Buffer.alloc(0);
      if (!match || bytes.length < 5) throw new NoteError(`"${line}" is not a signature line.`);
      return { name: match[1], id: bytes.subarray(0, 4), signature: bytes.subarray(4) };
    });
  return { text, signatures };
}

/**
 * The note's text when one of its signatures is `verifier`'s and is valid; throws NoteError
 * otherwise (no signature by that key, or a signature that does not match the text).
 */
export function openNote(note: string, verifier: NoteVerifier): string {
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((s) => s.name === verifier.name && s.id.equals(verifier.id));
  if (mine.length === 0) {
    throw new NoteError(`The note is not signed by the key ${verifier.name}+${verifier.id.toString('hex')}.`);
  }
  const key = publicKeyObject(verifier.publicKey);
  const valid = mine.some(
    (s) => s.signature.length === 64 && verify(null, Buffer.from(text, 'utf8'), key, s.signature),
  );
  if (!valid)
    throw new NoteError(`The signature by ${verifier.name} does not match the note: it was altered.`);
  return text;
}
