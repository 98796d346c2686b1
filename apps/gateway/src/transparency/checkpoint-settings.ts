// The checkpoint folder and public key the gateway reads (README "Signed checkpoints").
import { checkpointDir, loadVerifier } from '../../../../libs/event-store/src/transparency/settings';
import type { CheckpointSettings } from './audit-proofs.service';

export const CHECKPOINT_SETTINGS = Symbol('CHECKPOINT_SETTINGS');

export function checkpointSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CheckpointSettings {
  try {
    return { dir: checkpointDir(env), verifier: loadVerifier(env) };
  } catch (err) {
    throw new Error(`CHECKPOINT_PUBLIC_KEY is not a usable public key: ${(err as Error).message}`);
  }
}
