// Signed checkpoints of the audit log for a test file's own stack: a signing key and folder,
// the settings the gateway serves them with, and signing one as the worker would.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { clientQuery } from '../../libs/event-store/src/transparency/audit-log';
import { writeCheckpoint } from '../../libs/event-store/src/transparency/checkpointer';
import { generateSigner } from '../../libs/event-store/src/transparency/signed-note';

export function checkpointSigning(origin: string) {
  const signer = generateSigner(origin);
  const dir = mkdtempSync(join(tmpdir(), 'gateway-checkpoints-'));
  return {
    signer,
    dir,
    /** What a stack needs set to show these checkpoints (stackOnOwnDatabaseForFile's env). */
    env: { CHECKPOINT_DIR: dir, CHECKPOINT_PUBLIC_KEY: signer.verifier.text },
    /** Signs a checkpoint of the whole log in the database at `databaseUrl`, now. */
    async sign(databaseUrl: string) {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return await writeCheckpoint({ query: clientQuery(client), signer, dir });
      } finally {
        await client.end();
      }
    },
  };
}
