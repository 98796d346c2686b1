// Signs a checkpoint of the audit log now (the worker also does so every few minutes):
//
//   npm run checkpoint                        sign one, into the checkpoint folder
//   npm run checkpoint -- --new-key <origin>  make a signing key for a log named <origin>
//
// The database is DATABASE_URL (or the `npm start` default); the key is CHECKPOINT_KEY_FILE
// (default DATA_DIR/checkpoint-signing.key); the folder CHECKPOINT_DIR (default
// DATA_DIR/checkpoints). Exit 0 when signed (or nothing new to sign), 1 when the log no
// longer extends the latest checkpoint, 2 when it cannot run.
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { plainReason } from '../migrate';
import { DEFAULT_DATABASE_URL } from '../verify-audit';
import { clientQuery } from './audit-log';
import { LogRewrittenError, writeCheckpoint } from './checkpointer';
import { checkpointDir, ensureSigningKeyFile, loadSigner, publicKeyFileOf, signingKeyFile } from './settings';
import { checkKeyName } from './signed-note';
import { processCommandLine, runAsProgram, type CommandLine } from '../command-line';

export async function main(
  { argv, env, print, complain }: CommandLine = processCommandLine(),
): Promise<number> {
  const keyFile = signingKeyFile(env);
  if (argv[0] === '--new-key') {
    const origin = argv[1];
    try {
      checkKeyName(origin ?? '');
    } catch {
      complain(
        'Give the log a name after --new-key, e.g. --new-key coproduction.example.org/audit (no spaces or "+").',
      );
      return 2;
    }
    if (existsSync(keyFile)) {
      complain(
        `There is a signing key at ${keyFile} already: move it away first, or set CHECKPOINT_KEY_FILE.`,
      );
      return 2;
    }
    const { signer } = ensureSigningKeyFile(keyFile, origin);
    print(`Signing key written to ${keyFile} (keep it secret).`);
    print(`Public key (also in ${publicKeyFileOf(keyFile)}), to give to the board and to verifiers:`);
    print(signer.verifier.text);
    return 0;
  }
  if (argv.length > 0) {
    complain('Usage: npm run checkpoint   or   npm run checkpoint -- --new-key <origin>');
    return 2;
  }

  let signer;
  try {
    signer = loadSigner(env);
  } catch (err) {
    complain(`Cannot sign a checkpoint: ${(err as Error).message}`);
    return 2;
  }
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const client = new Client({ connectionString: url, application_name: 'checkpoint' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const dir = checkpointDir(env);
    const outcome = await writeCheckpoint({ query: clientQuery(client), signer, dir });
    if (outcome.written) print(`Signed a checkpoint of ${outcome.size} audit events: ${outcome.file}`);
    else if (outcome.why === 'empty') print('No events are recorded yet: there is nothing to sign.');
    else print(`The log has not grown since ${outcome.file} (${outcome.size} events): nothing new to sign.`);
    return 0;
  } catch (err) {
    if (err instanceof LogRewrittenError) {
      complain(err.message);
      return 1;
    }
    complain(`Cannot sign a checkpoint: ${plainReason(err, url)}`);
    return 2;
  } finally {
    await client.end().catch(() => undefined);
  }
}

runAsProgram(module, main);
