// The worker's checkpoint settings: a signing key is required outside development, so a
// production log can never silently stop being signed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureSigningKeyFile } from '../../../libs/event-store/src/transparency/settings';
import { workerConfigFromEnv } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'worker-config-'));
const base = {
  DATABASE_URL: 'postgres://localhost/x',
  PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

it('refuses to start outside development without a checkpoint signing key, saying how to make one', () => {
  expect(() => workerConfigFromEnv({ ...base, NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(
    /no checkpoint signing key.*npm run checkpoint -- --new-key/s,
  );
});

it('signs no checkpoints in development until a key exists', () => {
  expect(
    workerConfigFromEnv({ ...base, NODE_ENV: 'development', DATA_DIR: dataDir() }).checkpoints,
  ).toBeNull();
});

it('signs with the key given, into the folder given', () => {
  const dir = dataDir();
  const keyFile = join(dir, 'signing.key');
  const { signer } = ensureSigningKeyFile(keyFile, 'worker.test/audit');
  const config = workerConfigFromEnv({
    ...base,
    NODE_ENV: 'production',
    CHECKPOINT_KEY_FILE: keyFile,
    CHECKPOINT_DIR: join(dir, 'checkpoints'),
  });
  expect(config.checkpoints?.signer.verifier.text).toBe(signer.verifier.text);
  expect(config.checkpoints?.dir).toBe(join(dir, 'checkpoints'));
});
