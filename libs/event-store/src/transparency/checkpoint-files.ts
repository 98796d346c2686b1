// Checkpoints as files, outside PostgreSQL: one file per tree size, `<size>.checkpoint`
// (zero-padded, so the names sort by size), written whole or not at all. Ed25519 signatures
// are deterministic, so two writers of the same size write the same bytes.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpoint, parseCheckpointText, type Checkpoint } from './checkpoint';
import { parseNote, type NoteVerifier } from './signed-note';

const FILE = /^(\d{12})\.checkpoint$/;

export interface StoredCheckpoint extends Checkpoint {
  /** The signed note, exactly as written. */
  note: string;
  file: string;
  /** When the file was written. */
  writtenAt: Date;
}

export function checkpointFileName(size: number): string {
  return `${String(size).padStart(12, '0')}.checkpoint`;
}

/** Writes a signed checkpoint note into `dir` (created if missing); returns the file's path. */
export function writeCheckpointFile(dir: string, size: number, note: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, checkpointFileName(size));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, note, { mode: 0o644 });
  renameSync(temporary, file);
  return file;
}

/** Reads a checkpoint file, checking its signature when a verifier is given. */
export function readCheckpointFile(file: string, verifier: NoteVerifier | null): StoredCheckpoint {
  const note = readFileSync(file, 'utf8');
  const checkpoint = verifier ? openCheckpoint(note, verifier) : parseCheckpointText(parseNote(note).text);
  return { ...checkpoint, note, file, writtenAt: statSync(file).mtime };
}

/** The checkpoint of the largest tree in `dir`, or null when there is none yet. */
export function latestCheckpoint(dir: string, verifier: NoteVerifier | null): StoredCheckpoint | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => FILE.test(name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const latest = names.sort().pop();
  return latest ? readCheckpointFile(join(dir, latest), verifier) : null;
}
