// The latest signed checkpoint of the audit log, and inclusion proofs of events against it,
// for GraphQL, the board report and the pages (one service, so they all give the same).
//
// The tree is read from PostgreSQL once and then extended with new events only; a proof is
// computed from it for the checkpoint's size. If the stored log no longer matches the
// checkpoint, the proof is still given as computed: it then fails to verify, which is the
// evidence a checker needs, rather than a silence.
import { statSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AuditLogTree, eventLeafHash } from '../../../../libs/event-store/src/transparency/audit-log';
import {
  latestCheckpoint,
  type StoredCheckpoint,
} from '../../../../libs/event-store/src/transparency/checkpoint-files';
import type { NoteVerifier } from '../../../../libs/event-store/src/transparency/signed-note';
import { DATA_SOURCE } from '../infrastructure/infrastructure.module';
import { CHECKPOINT_SETTINGS } from './checkpoint-settings';
import type { AuditCheckpoint, AuditInclusionProof } from './checkpoint.models';

export interface CheckpointSettings {
  dir: string;
  verifier: NoteVerifier | null;
}

/** The folder's modification time: it changes when a checkpoint file is added or removed. */
function folderVersion(dir: string): number | null {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return null;
  }
}

@Injectable()
export class AuditProofsService {
  private readonly log = new Logger('AuditProofs');
  private readonly tree: AuditLogTree;
  private reading: Promise<unknown> = Promise.resolve();
  // The latest checkpoint is read again only when the folder has changed (many proofs are
  // asked for at once, and a new checkpoint must show at once).
  private cached: { version: number | null; checkpoint: StoredCheckpoint | null } | null = null;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
  ) {
    this.tree = new AuditLogTree((sql, params) => dataSource.query(sql, params));
  }

  /** The checkpoint of the largest tree written, checked with the public key; null if none. */
  latest(): AuditCheckpoint | null {
    const checkpoint = this.latestStored();
    return checkpoint ? this.view(checkpoint) : null;
  }

  /** The signed note of the latest checkpoint and its file name, to send with a report. */
  latestAttachment(): { filename: string; content: string } | null {
    const checkpoint = this.latestStored();
    return checkpoint
      ? { filename: `audit-checkpoint-${checkpoint.size}.txt`, content: checkpoint.note }
      : null;
  }

  /**
   * The event's inclusion proof against the latest checkpoint; null when there is no
   * checkpoint yet or the event came after it (it is in the next one).
   */
  async inclusionProof(event: {
    projectId: string;
    sequence: number;
    hash: string;
  }): Promise<AuditInclusionProof | null> {
    const checkpoint = this.latestStored();
    if (!checkpoint) return null;
    await this.readUpTo(checkpoint.size);
    const index = this.tree.indexOf(event.projectId, event.sequence);
    if (index === undefined || index >= checkpoint.size || this.tree.size < checkpoint.size) return null;
    return {
      leafIndex: index,
      treeSize: checkpoint.size,
      leafHash: eventLeafHash(event.hash).toString('hex'),
      hashes: this.tree.tree.inclusionProof(index, checkpoint.size).map((h) => h.toString('hex')),
      checkpoint: this.view(checkpoint),
    };
  }

  /** Extends the tree (one reader at a time) until it holds `size` leaves, if the log has them. */
  private async readUpTo(size: number): Promise<void> {
    const run = this.reading.then(async () => {
      if (this.tree.size < size) await this.tree.catchUp();
    });
    this.reading = run.catch(() => undefined);
    await run;
  }

  private latestStored(): StoredCheckpoint | null {
    const version = folderVersion(this.settings.dir);
    if (this.cached && version !== null && this.cached.version === version) return this.cached.checkpoint;
    let checkpoint: StoredCheckpoint | null = null;
    try {
      checkpoint = latestCheckpoint(this.settings.dir, this.settings.verifier);
    } catch (err) {
      // A checkpoint that fails its signature is not shown as if it were sound.
      this.log.error(
        `The latest audit checkpoint in ${this.settings.dir} cannot be used: ${(err as Error).message}`,
      );
    }
    this.cached = { version, checkpoint };
    return checkpoint;
  }

  private view(checkpoint: StoredCheckpoint): AuditCheckpoint {
    return {
      origin: checkpoint.origin,
      treeSize: checkpoint.size,
      rootHash: checkpoint.rootHash.toString('base64'),
      note: checkpoint.note,
      publicKey: this.settings.verifier?.text ?? null,
      signedAt: checkpoint.writtenAt.toISOString(),
    };
  }
}
