// A run's own checkpoint signing key (npm test, npm run bench): the worker requires one
// outside development, and a throwaway run needs no lasting one. Uses the built code.
import path from 'node:path';
import { ROOT } from './paths.mjs';
import { warn } from './ui.mjs';

/**
 * The run's CHECKPOINT_* variables, with a key made in `runDir` by the code built in `distDir`;
 * none when the build failed.
 */
export async function runCheckpointEnv(runDir, origin, distDir = 'dist') {
  const keyFile = path.join(runDir, 'checkpoint-signing.key');
  try {
    const settings = (await import(path.join(ROOT, distDir, 'libs/event-store/src/transparency/settings.js')))
      .default;
    const publicKey = settings.ensureSigningKeyFile(keyFile, origin).signer.verifier.text;
    return {
      CHECKPOINT_KEY_FILE: keyFile,
      CHECKPOINT_PUBLIC_KEY: publicKey,
      CHECKPOINT_DIR: path.join(runDir, 'checkpoints'),
    };
  } catch (err) {
    warn(`No checkpoint signing key for this run (${err.message}); what needs one will fail.`);
    return {};
  }
}
