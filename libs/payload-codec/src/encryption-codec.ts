// AES-256-GCM encryption of every payload sent to Temporal (the pattern of Temporal's own
// encryption sample). The whole payload (its metadata and data) is serialised and
// encrypted; the clear metadata says only how to decrypt it: the encoding, the key id, and
// the id of the workflow it belongs to (so the codec endpoint can tell whose it is). Key id
// and workflow id are bound as additional authenticated data, so neither can be swapped.
// Payloads that are not encrypted (histories written before encryption) pass through as
// they are.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './key-ring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCODING = 'encoding';
export const METADATA_KEY_ID = 'encryption-key-id';
export const METADATA_WORKFLOW_ID = 'encryption-workflow-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** A payload the codec cannot decrypt (unknown key, or altered bytes); says which, plainly. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

export const isEncrypted = (payload: Payload) =>
  text(payload.metadata?.[METADATA_ENCODING]) === ENCRYPTED_ENCODING;

/** The workflow id an encrypted payload names in its clear metadata, if any. */
export const workflowIdOf = (payload: Payload) => text(payload.metadata?.[METADATA_WORKFLOW_ID]) || undefined;

export const keyIdOfPayload = (payload: Payload) => text(payload.metadata?.[METADATA_KEY_ID]);

function workflowIdFrom(context: SerializationContext | undefined): string {
  return context?.workflowId ?? '';
}

const additionalData = (keyId: string, workflowId: string) => utf8(`${keyId}\n${workflowId}`);

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload, workflowIdFrom(context)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload, workflowId: string): Payload {
    const { id, key } = this.keys.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(additionalData(id, workflowId));
    const clear = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(clear), cipher.final(), cipher.getAuthTag()]);
    const metadata: Record<string, Uint8Array> = {
      [METADATA_ENCODING]: utf8(ENCRYPTED_ENCODING),
      [METADATA_KEY_ID]: utf8(id),
    };
    if (workflowId) metadata[METADATA_WORKFLOW_ID] = utf8(workflowId);
    return { metadata, data: sealed };
  }

  decrypt(payload: Payload): Payload {
    if (!isEncrypted(payload)) return payload;
    const keyId = keyIdOfPayload(payload) ?? '';
    const found = this.keys.byId.get(keyId);
    if (!found)
      throw new PayloadDecryptionError(
        `A Temporal payload was encrypted with key ${keyId || '(none named)'}, which is not configured: ` +
          'add that old key to PAYLOAD_DECRYPTION_KEYS.',
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError('A Temporal payload is too short to be an encrypted one.');
    const decipher = createDecipheriv('aes-256-gcm', found.key, data.subarray(0, IV_BYTES));
    decipher.setAAD(additionalData(keyId, workflowIdOf(payload) ?? ''));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let clear: Buffer;
    try {
      clear = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `A Temporal payload encrypted with key ${keyId} does not decrypt: it was altered, or the key is wrong.`,
      );
    }
    const decoded = temporal.api.common.v1.Payload.decode(clear);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
