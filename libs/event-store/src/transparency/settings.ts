// Where checkpoints go and which keys sign and check them, from the environment
// (README "Signed checkpoints"). Shared by the worker, the gateway and the command-line tools.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  generateSigner,
  NoteError,
  parseSigner,
  parseVerifier,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note';

/** Minutes between the worker's checkpoints when CHECKPOINT_INTERVAL_MINUTES is not set. */
export const DEFAULT_INTERVAL_MINUTES = 5;

/** The folder of checkpoint files: CHECKPOINT_DIR, or `checkpoints` in DATA_DIR (default `.data`). */
export function checkpointDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CHECKPOINT_DIR || join(env.DATA_DIR || '.data', 'checkpoints'));
}

/** The signing key file: CHECKPOINT_KEY_FILE, or `checkpoint-signing.key` in DATA_DIR. */
export function signingKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CHECKPOINT_KEY_FILE || join(env.DATA_DIR || '.data', 'checkpoint-signing.key'));
}

export function intervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CHECKPOINT_INTERVAL_MINUTES;
  const minutes = raw === undefined || raw === '' ? DEFAULT_INTERVAL_MINUTES : Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(`CHECKPOINT_INTERVAL_MINUTES "${raw}" is not a positive number of minutes.`);
  }
  return Math.round(minutes * 60_000);
}

function readKeyFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NoteError(
      code === 'ENOENT'
        ? `There is no ${what} at ${file}.`
        : `The ${what} at ${file} cannot be read (${code ?? (err as Error).message}).`,
    );
  }
}

/** The key that signs checkpoints (the worker's), from its file. */
export function loadSigner(env: NodeJS.ProcessEnv = process.env): NoteSigner {
  const file = signingKeyFile(env);
  return parseSigner(readKeyFile(file, 'checkpoint signing key'));
}

/**
 * The public key that checks checkpoints: CHECKPOINT_PUBLIC_KEY (`<name>+<id>+<base64>`), or
 * the public half of the signing key file when that is readable; null when neither is there.
 */
export function loadVerifier(env: NodeJS.ProcessEnv = process.env): NoteVerifier | null {
  if (env.CHECKPOINT_PUBLIC_KEY) return parseVerifier(env.CHECKPOINT_PUBLIC_KEY);
  try {
    return loadSigner(env).verifier;
  } catch {
    return null;
  }
}

/** The log's name in development checkpoints when CHECKPOINT_ORIGIN is not set. */
export const DEVELOPMENT_ORIGIN = 'localhost/coproduction-audit';

/**
 * The signing key in `file`, made first (readable by its owner only) when there is none:
 * what `npm start` and `npm test` do, so that a first run signs checkpoints with no set-up.
 */
export function ensureSigningKeyFile(file: string, origin: string): { signer: NoteSigner; created: boolean } {
  if (existsSync(file))
    return { signer: parseSigner(readKeyFile(file, 'checkpoint signing key')), created: false };
  const signer = generateSigner(origin);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${signer.text}\n`, { mode: 0o600, flag: 'wx' });
  writeFileSync(publicKeyFileOf(file), `${signer.verifier.text}\n`, { mode: 0o644 });
  return { signer, created: true };
}

/** Where the public key is written beside a signing key file: `<name>.pub`. */
export function publicKeyFileOf(keyFile: string): string {
  return keyFile.replace(/\.key$/, '') + '.pub';
}
