// Recomputes one project's chain from storage, in one snapshot: sequences from 1 without
// gaps, each prevHash linked, each hash recomputed, and the last event matching the
// stream's recorded version and head.
import type { DataSource } from 'typeorm';
import { isUuid } from '../../domain/src/input-checks';
import { projectEvents } from './event-rows';
import { ChainVerifier, type ChainVerification } from './hash';
import { inTransaction } from './sql';

const VERIFY_BATCH = 1000;

export interface ProjectVerification extends ChainVerification {
  projectId: string;
}

export async function verifyProject(dataSource: DataSource, projectId: string): Promise<ProjectVerification> {
  if (!isUuid(projectId)) {
    return { projectId, valid: true, eventCount: 0, headHash: null, firstInvalidSequence: null };
  }
  const result = await inTransaction(dataSource, 'REPEATABLE READ', async (run) => {
    const [stream] = await run<{ version: number; head_hash: string }>(
      `SELECT version, head_hash FROM event_streams WHERE project_id = $1`,
      [projectId],
    );
    const verifier = new ChainVerifier();
    for (let after = 0; ;) {
      const batch = await projectEvents(run, projectId, after, VERIFY_BATCH);
      for (const event of batch) verifier.add(event);
      if (batch.length < VERIFY_BATCH) break;
      after = batch[batch.length - 1].sequence;
    }
    const chain = verifier.result();
    const version = stream?.version ?? 0;
    if (version !== chain.eventCount) {
      // Events the stream counts are missing, or events were added around the store.
      verifier.breakAt(Math.min(version, chain.eventCount) + 1);
    } else if (version > 0 && stream.head_hash !== chain.headHash) {
      verifier.breakAt(chain.eventCount);
    }
    return verifier.result();
  });
  return { projectId, ...result };
}
