// Signs checkpoints of the whole audit log: reads the log's tree afresh, checks it still
// extends the latest checkpoint written (a consistency proof), and writes a new checkpoint
// when the log has grown. A log that no longer extends it was truncated or rewritten: then
// nothing is written and the error says so, so the evidence is kept, not papered over.
import { signCheckpoint } from './checkpoint';
import { latestCheckpoint, writeCheckpointFile, type StoredCheckpoint } from './checkpoint-files';
import { AuditLogTree, awaitHorizon, type Query } from './audit-log';
import { verifyConsistency } from './merkle';
import type { NoteSigner } from './signed-note';

export class LogRewrittenError extends Error {}

export type CheckpointOutcome =
  | { written: true; size: number; file: string }
  | { written: false; size: number; file: string | null; why: 'unchanged' | 'empty' };

/** Compares today's log with an earlier checkpoint; null when consistent, else why not. */
export function inconsistency(log: AuditLogTree, earlier: { size: number; rootHash: Buffer }): string | null {
  if (log.size < earlier.size) {
    return (
      `the log has ${log.size} events, but the checkpoint of ${earlier.size} events shows more were ` +
      `recorded: events were removed.`
    );
  }
  const proof = log.tree.consistencyProof(earlier.size, log.size);
  if (!verifyConsistency(earlier.size, log.size, earlier.rootHash, log.tree.root(), proof)) {
    return (
      `the first ${earlier.size} events of today's log do not hash to the checkpoint's root: ` +
      `events were changed, removed or reordered since it was signed.`
    );
  }
  return null;
}

export async function writeCheckpoint(options: {
  query: Query;
  signer: NoteSigner;
  dir: string;
  /** The checkpoint to extend (default: the latest in `dir`, checked with the signer's key). */
  previous?: StoredCheckpoint | null;
}): Promise<CheckpointOutcome> {
  const { query, signer, dir } = options;
  const previous = options.previous === undefined ? latestCheckpoint(dir, signer.verifier) : options.previous;
  const log = new AuditLogTree(query);
  await awaitHorizon(query);
  await log.catchUp();
  if (previous) {
    const why = inconsistency(log, previous);
    if (why) {
      throw new LogRewrittenError(
        `The audit log no longer extends the checkpoint ${previous.file}: ${why} ` +
          'No new checkpoint was written; check it with npm run verify-audit -- --checkpoint <file>.',
      );
    }
    if (previous.size === log.size) {
      return { written: false, size: log.size, file: previous.file, why: 'unchanged' };
    }
  }
  if (log.size === 0) return { written: false, size: 0, file: null, why: 'empty' };
  const note = signCheckpoint({ origin: signer.name, size: log.size, rootHash: log.tree.root() }, signer);
  return { written: true, size: log.size, file: writeCheckpointFile(dir, log.size, note) };
}
