// The keys that encrypt Temporal payloads: one active key that encrypts, and old keys kept
// only to decrypt histories written before a rotation. Each key is named by an id derived
// from the key itself, so rotating needs no bookkeeping: the id travels in each payload.
import { createHash } from 'node:crypto';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

export interface KeyRing {
  /** Encrypts every new payload. */
  active: PayloadKey;
  /** Every key a payload may name, the active one included. */
  byId: ReadonlyMap<string, PayloadKey>;
}

const KEY_BYTES = 32;

/** A short, stable name for a key: it tells keys apart, and says nothing about the key. */
export const keyIdOf = (key: Buffer) =>
  createHash('sha256').update('coproduction payload key\n').update(key).digest('hex').slice(0, 16);

/** Reads one base64 key of 32 bytes (AES-256); `name` says which setting it came from. */
export function parseKey(name: string, base64: string): PayloadKey {
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== KEY_BYTES)
    throw new Error(
      `${name} is not a base64 key of ${KEY_BYTES} bytes: make one with \`openssl rand -base64 32\`.`,
    );
  return { id: keyIdOf(key), key };
}

export function keyRing(active: PayloadKey, decryptOnly: PayloadKey[] = []): KeyRing {
  const byId = new Map<string, PayloadKey>();
  for (const k of [active, ...decryptOnly]) byId.set(k.id, k);
  return { active, byId };
}

/**
 * The key ring from the environment: PAYLOAD_ENCRYPTION_KEY (base64, 32 bytes) encrypts;
 * PAYLOAD_DECRYPTION_KEYS (comma-separated, same form) are old keys, used only to decrypt.
 * There is no default key: `npm start` makes one under DATA_DIR, `npm test` makes one per run,
 * and anywhere else a missing key stops the process before it writes anything in clear.
 */
export function keyRingFromEnv(env: NodeJS.ProcessEnv = process.env): KeyRing {
  const activeText = env.PAYLOAD_ENCRYPTION_KEY;
  if (!activeText?.trim())
    throw new Error(
      'PAYLOAD_ENCRYPTION_KEY is not set: it encrypts what is sent to Temporal, and nothing may be sent in clear. ' +
        'Set it to a base64 key of 32 bytes (`openssl rand -base64 32`); `npm start` makes one for you under DATA_DIR.',
    );
  const old = (env.PAYLOAD_DECRYPTION_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k, i) => parseKey(`PAYLOAD_DECRYPTION_KEYS (key ${i + 1})`, k));
  return keyRing(parseKey('PAYLOAD_ENCRYPTION_KEY', activeText), old);
}
