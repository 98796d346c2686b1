import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { gatewayConfigFromEnv } from '../../../apps/gateway/src/config';
import { workerConfigFromEnv } from '../../../apps/worker/src/config';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  PayloadDecryptionError,
  workflowIdOf,
} from './encryption-codec';
import { keyRing, keyRingFromEnv, parseKey } from './key-ring';

const newKey = () => parseKey('test key', randomBytes(32).toString('base64'));
const secret = { email: 'pat.parent@example.org', phone: '07700 900123' };
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);
const valueOf = (payload: Parameters<typeof defaultPayloadConverter.fromPayload>[0]) =>
  defaultPayloadConverter.fromPayload(payload);
const context = { type: 'workflow', namespace: 'default', workflowId: 'project-1' } as const;

describe('EncryptionCodec', () => {
  it('encrypts the whole payload: nothing of the value or its encoding is left in clear', async () => {
    const key = newKey();
    const codec = new EncryptionCodec(keyRing(key));
    const [encoded] = await codec.encode([payloadOf(secret)], context);
    const clear = Buffer.concat([
      ...Object.values(encoded.metadata ?? {}).map((v) => Buffer.from(v)),
      Buffer.from(encoded.data ?? []),
    ]).toString('latin1');
    expect(clear).not.toContain('pat.parent');
    expect(clear).not.toContain('07700');
    expect(clear).not.toContain('json/plain');
    expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded.metadata!['encryption-key-id']!).toString()).toBe(key.id);
    expect(workflowIdOf(encoded)).toBe('project-1');
    expect(valueOf((await codec.decode([encoded]))[0])).toEqual(secret);
  });

  it('passes payloads that were never encrypted through unchanged (histories from before encryption)', async () => {
    const codec = new EncryptionCodec(keyRing(newKey()));
    const plain = payloadOf(secret);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('still reads what key 1 wrote after rotating to key 2, with key 1 kept to decrypt only', async () => {
    const [key1, key2] = [newKey(), newKey()];
    const [old] = await new EncryptionCodec(keyRing(key1)).encode([payloadOf(secret)], context);
    const rotated = new EncryptionCodec(keyRing(key2, [key1]));
    expect(valueOf((await rotated.decode([old]))[0])).toEqual(secret);
    const [fresh] = await rotated.encode([payloadOf(secret)], context);
    expect(Buffer.from(fresh.metadata!['encryption-key-id']!).toString()).toBe(key2.id);
    // Without key 1 listed, the old payload is refused, saying which key is missing.
    await expect(new EncryptionCodec(keyRing(key2)).decode([old])).rejects.toThrow(
      new PayloadDecryptionError(
        `A Temporal payload was encrypted with key ${key1.id}, which is not configured: add that old key to PAYLOAD_DECRYPTION_KEYS.`,
      ),
    );
  });

  it('refuses a payload whose clear workflow id was changed (it is authenticated)', async () => {
    const codec = new EncryptionCodec(keyRing(newKey()));
    const [encoded] = await codec.encode([payloadOf(secret)], context);
    encoded.metadata!['encryption-workflow-id'] = Buffer.from('project-2');
    await expect(codec.decode([encoded])).rejects.toThrow(/does not decrypt/);
  });
});

describe('the key from the environment', () => {
  const key = randomBytes(32).toString('base64');
  const base = { DATABASE_URL: 'postgres://x', AUTH_JWT_SECRET: 's' };

  it('reads the active key and the decrypt-only old keys', () => {
    const old = randomBytes(32).toString('base64');
    const ring = keyRingFromEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_DECRYPTION_KEYS: ` ${old} ,` });
    expect(ring.byId.size).toBe(2);
    expect(ring.byId.get(ring.active.id)?.key.toString('base64')).toBe(key);
  });

  it('refuses a key that is not 32 bytes of base64, saying how to make one', () => {
    expect(() => keyRingFromEnv({ PAYLOAD_ENCRYPTION_KEY: 'short' })).toThrow(
      'PAYLOAD_ENCRYPTION_KEY is not a base64 key of 32 bytes: make one with `openssl rand -base64 32`.',
    );
  });

  it.each([
    ['worker', workerConfigFromEnv],
    ['gateway', gatewayConfigFromEnv],
  ])('the %s refuses to start without a key outside development', (_name, configFromEnv) => {
    expect(() => configFromEnv({ ...base, NODE_ENV: 'production' })).toThrow(
      /^PAYLOAD_ENCRYPTION_KEY is not set/,
    );
    // With the key, the payload key is no longer what it asks for (the worker also needs
    // its checkpoint signing key outside development; that is tested with checkpoints).
    expect(() => configFromEnv({ ...base, NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEY: key })).not.toThrow(
      /PAYLOAD_ENCRYPTION_KEY/,
    );
  });
});
