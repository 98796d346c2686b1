// Signed checkpoints catch what the hash chains alone cannot: an administrator who rewrites
// an event and recomputes every later hash, or who removes the last events and rewinds the
// stream, passes the chain checks but not a checkpoint signed before. Each case runs in its
// own fresh database, as the checkpoint covers the whole log.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectWithEvents, withFreshDatabase } from '../../test/support';
import { createDataSource, EventStore, eventHash, runMigrations } from '../index';
import { main as verifyAudit } from '../verify-audit';
import { main as checkpointCommand } from './write-checkpoint';
import { AuditLogTree, clientQuery, eventLeafHash } from './audit-log';
import { openCheckpoint } from './checkpoint';
import { latestCheckpoint } from './checkpoint-files';
import { LogRewrittenError, writeCheckpoint } from './checkpointer';
import { verifyInclusion } from './merkle';
import { generateSigner } from './signed-note';

const signer = generateSigner('test.example/audit');

interface Output {
  code: number;
  out: string[];
  err: string[];
}

async function verify(args: string[], url: string): Promise<Output> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyAudit({
    argv: args,
    env: { DATABASE_URL: url, CHECKPOINT_PUBLIC_KEY: signer.verifier.text },
    print: (l) => out.push(l),
    complain: (l) => err.push(l),
  });
  return { code, out, err };
}

/** Runs `work` with a migrated fresh database, its store and a checkpoint folder. */
function withLog(work: (url: string, store: EventStore, dir: string) => Promise<void>) {
  return withFreshDatabase('checkpoints', async (url) => {
    await runMigrations(url);
    const dataSource = await createDataSource(url, { poolSize: 2 }).initialize();
    try {
      await work(url, new EventStore(dataSource), mkdtempSync(join(tmpdir(), 'checkpoints-')));
    } finally {
      await dataSource.destroy();
    }
  });
}

async function sign(url: string, dir: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await writeCheckpoint({ query: clientQuery(client), signer, dir });
  } finally {
    await client.end();
  }
}

/** Changes events as only the table owner can, with the append-only trigger off meanwhile. */
async function asOwner(url: string, work: (client: Client) => Promise<void>) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await work(client);
    await client.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Rewrites one event's reason and recomputes its hash and every later hash, and the head. */
async function rewriteAndRechain(url: string, projectId: string, sequence: number) {
  await asOwner(url, async (client) => {
    const { rows } = await client.query(
      `SELECT sequence, type, actor_id, occurred_at, data, reason, prev_hash FROM events
       WHERE project_id = $1 ORDER BY sequence`,
      [projectId],
    );
    let prev = rows[0].prev_hash as string;
    for (const row of rows) {
      const reason = row.sequence === sequence ? 'A kinder reason, written later' : row.reason;
      const hash = eventHash(prev, {
        actorId: row.actor_id,
        data: row.data,
        occurredAt: row.occurred_at.toISOString(),
        projectId,
        reason,
        sequence: row.sequence,
        type: row.type,
      });
      await client.query(
        'UPDATE events SET reason = $3, prev_hash = $4, hash = $5 WHERE project_id = $1 AND sequence = $2',
        [projectId, row.sequence, reason, prev, hash],
      );
      prev = hash;
    }
    await client.query('UPDATE event_streams SET head_hash = $2 WHERE project_id = $1', [projectId, prev]);
  });
}

/** Removes the last `count` events of a project and rewinds its stream to match. */
async function truncate(url: string, projectId: string, count: number) {
  await asOwner(url, async (client) => {
    const { rows } = await client.query('SELECT version FROM event_streams WHERE project_id = $1', [
      projectId,
    ]);
    const keep = rows[0].version - count;
    await client.query('DELETE FROM events WHERE project_id = $1 AND sequence > $2', [projectId, keep]);
    const { rows: head } = await client.query(
      'SELECT hash FROM events WHERE project_id = $1 AND sequence = $2',
      [projectId, keep],
    );
    await client.query('UPDATE event_streams SET version = $2, head_hash = $3 WHERE project_id = $1', [
      projectId,
      keep,
      head[0].hash,
    ]);
  });
}

describe('signed checkpoints of the audit log', () => {
  it('are written as C2SP checkpoints, once per tree size, and extended as the log grows', async () => {
    await withLog(async (url, store, dir) => {
      expect(await sign(url, dir)).toMatchObject({ written: false, why: 'empty' });
      const projectId = await projectWithEvents(store, 3);
      const first = await sign(url, dir);
      expect(first).toMatchObject({ written: true, size: 3 });
      expect(await sign(url, dir)).toMatchObject({ written: false, why: 'unchanged', size: 3 });
      await projectWithEvents(store, 2);
      expect(await sign(url, dir)).toMatchObject({ written: true, size: 5 });
      expect(readdirSync(dir).sort()).toEqual(['000000000003.checkpoint', '000000000005.checkpoint']);

      const note = readFileSync(join(dir, '000000000003.checkpoint'), 'utf8');
      const checkpoint = openCheckpoint(note, signer.verifier, 'test.example/audit');
      expect(checkpoint.size).toBe(3);
      expect(note.split('\n').slice(0, 3)).toEqual([
        'test.example/audit',
        '3',
        checkpoint.rootHash.toString('base64'),
      ]);

      // Each event is in the latest checkpoint's tree, provably from its own chain hash.
      const latest = latestCheckpoint(dir, signer.verifier)!;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const log = new AuditLogTree(clientQuery(client));
        await log.catchUp();
        const [event] = await store.readProjectEvents(projectId, { limit: 1 });
        const index = log.indexOf(projectId, 1)!;
        const proof = log.tree.inclusionProof(index, latest.size);
        expect(verifyInclusion(index, latest.size, eventLeafHash(event.hash), proof, latest.rootHash)).toBe(
          true,
        );
      } finally {
        await client.end();
      }

      expect(await verify(['--checkpoint', join(dir, '000000000003.checkpoint')], url)).toMatchObject({
        code: 0,
        out: [
          expect.stringMatching(/^ok checkpoint .*: today's log of 5 events extends its 3 events/),
          expect.any(String),
        ],
      });
    });
  });

  it('catch an event rewritten with every later hash recomputed, which the chains miss', async () => {
    await withLog(async (url, store, dir) => {
      const projectId = await projectWithEvents(store, 4);
      await projectWithEvents(store, 2);
      const { file } = await sign(url, dir);
      await rewriteAndRechain(url, projectId, 2);

      // The chains are whole again after the rewrite: only the checkpoint tells.
      expect((await verify(['--all'], url)).code).toBe(0);
      expect(await store.verify(projectId)).toMatchObject({ valid: true });
      const result = await verify(['--checkpoint', file!, '--all'], url);
      expect(result.code).toBe(1);
      expect(result.out).toEqual([
        expect.stringMatching(
          /^BROKEN checkpoint .*: the first 6 events of today's log do not hash to the checkpoint's root/,
        ),
      ]);
      await expect(sign(url, dir)).rejects.toThrow(LogRewrittenError);
    });
  });

  it('catch the last events removed and the stream rewound, which the chains miss', async () => {
    await withLog(async (url, store, dir) => {
      await projectWithEvents(store, 2);
      const projectId = await projectWithEvents(store, 5);
      const { file } = await sign(url, dir);
      await truncate(url, projectId, 2);

      expect((await verify(['--all'], url)).code).toBe(0);
      const result = await verify(['--checkpoint', file!], url);
      expect(result.code).toBe(1);
      expect(result.out[0]).toMatch(
        /^BROKEN checkpoint .*: the log has 5 events, but the checkpoint of 7 events shows more were recorded: events were removed\./,
      );
      await expect(sign(url, dir)).rejects.toThrow(LogRewrittenError);
    });
  });

  it('refuse a checkpoint that is forged, altered, or signed by another key', async () => {
    await withLog(async (url, store, dir) => {
      await projectWithEvents(store, 2);
      const { file } = await sign(url, dir);
      const note = readFileSync(file!, 'utf8');
      const other = generateSigner('test.example/audit');
      const forgedDir = mkdtempSync(join(tmpdir(), 'forged-'));
      const forged = await (async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          return await writeCheckpoint({ query: clientQuery(client), signer: other, dir: forgedDir });
        } finally {
          await client.end();
        }
      })();
      const byOther = await verify(['--checkpoint', forged.file!], url);
      expect(byOther.code).toBe(2);
      expect(byOther.err[0]).toMatch(/not signed by the key test\.example\/audit\+/);

      const alteredFile = join(forgedDir, 'altered.checkpoint');
      writeFileSync(alteredFile, note.replace('\n2\n', '\n1\n'));
      const altered = await verify(['--checkpoint', alteredFile], url);
      expect(altered.code).toBe(2);
      expect(altered.err[0]).toMatch(/does not match the note: it was altered/);

      expect((await verify(['--checkpoint', join(dir, 'missing.checkpoint')], url)).err[0]).toMatch(
        /There is no checkpoint file/,
      );
    });
  });

  it('can be signed on demand from the command line, with a key it makes', async () => {
    await withLog(async (url, store) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
      const env = { DATABASE_URL: url, DATA_DIR: dataDir };
      const out: string[] = [];
      const quiet = () => undefined;
      const run = (argv: string[], print: (line: string) => void = (l) => out.push(l)) => ({
        argv,
        env,
        print,
        complain: (line: string) => console.error(line),
      });
      expect(await checkpointCommand(run(['--new-key', 'board.example/audit']))).toBe(0);
      const publicKey = out[2];
      expect(publicKey).toMatch(/^board\.example\/audit\+[0-9a-f]{8}\+/);
      await projectWithEvents(store, 3);
      expect(await checkpointCommand(run([]))).toBe(0);
      expect(out[3]).toMatch(/^Signed a checkpoint of 3 audit events: .*000000000003\.checkpoint$/);
      const file = join(dataDir, 'checkpoints', '000000000003.checkpoint');
      expect(await verifyAudit(run(['--checkpoint', file, '--public-key', publicKey], quiet))).toBe(0);
      expect(
        await checkpointCommand({ ...run(['--new-key', 'board.example/audit'], quiet), complain: quiet }),
      ).toBe(2);
    });
  });
});
