// The offline verifier (`npm run verify-audit`), run as its own process from dist/ (which
// `npm test` builds) against the test database, the way an administrator would run it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, openTestDb, proposed, started, withFreshDatabase, type TestDb } from '../test/support';
import { createDataSource, EventStore, eventHash, runMigrations } from './index';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/libs/event-store/src/verify-audit.js');

let db: TestDb;
let store: EventStore;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/ has no verify-audit.js: run the suite with `npm test`.');
  db = await openTestDb(2);
  store = db.store;
});

afterAll(async () => {
  await db?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, command = [process.execPath, CLI]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], [...command.slice(1), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout, stderr, lines: stdout.split('\n').filter((line) => line !== '') }),
    );
  });
}

/** A project with `count` events (a start, then ladder proposals), appended `batch` at a time. */
async function projectWith(count: number, target: EventStore = store, batch = 100) {
  const projectId = randomUUID();
  const recorded = await target.append({ projectId, expectedVersion: 0, events: [started()] });
  while (recorded.length < count) {
    const n = Math.min(batch, count - recorded.length);
    const events = Array.from({ length: n }, (_, i) =>
      proposed((recorded.length + i) % 2 ? 'PARTNERSHIP' : 'CONSULTATION'),
    );
    recorded.push(...(await target.append({ projectId, expectedVersion: recorded.length, events })));
  }
  return { projectId, events: recorded, head: recorded[recorded.length - 1].hash };
}

/**
 * Changes events directly in PostgreSQL, as only the table owner can: the append-only
 * trigger is switched off and on again (ALWAYS, as the migration left it) in one
 * transaction, so no other session ever sees the table unguarded.
 */
async function tamper(sql: string, params: unknown[], url = databaseUrl()): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await client.query(sql, params);
    await client.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}

describe('verify-audit --project', () => {
  it('passes an intact chain: one ok line with the count and head hash, exit code 0', async () => {
    const { projectId, head } = await projectWith(3);
    const result = await run(['--project', projectId]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.lines).toEqual([`ok ${projectId} 3 events ${head}`, 'The chain is intact (3 events).']);
  });

  it('checks several projects, also given as --project=<id>', async () => {
    const [a, b] = [await projectWith(2), await projectWith(1)];
    const result = await run([`--project=${a.projectId}`, '--project', b.projectId]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      `ok ${a.projectId} 2 events ${a.head}`,
      `ok ${b.projectId} 1 events ${b.head}`,
      'All 2 chains are intact (3 events).',
    ]);
  });

  it('finds a row altered directly in PostgreSQL: exit code 1, naming project and sequence', async () => {
    const { projectId } = await projectWith(4);
    await tamper(
      `UPDATE events SET data = jsonb_set(data, '{level}', '"CO_PRODUCTION"') WHERE project_id = $1 AND sequence = 3`,
      [projectId],
    );
    const result = await run(['--project', projectId]);
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(
      new RegExp(
        `^BROKEN project ${projectId} at sequence 3: its stored hash \\w{12}… does not match its content ` +
          `\\(recomputed \\w{12}…\\): the event \\(LadderLevelProposed\\) was changed after it was recorded\\.$`,
      ),
    );
  });

  it('recomputes chains longer than one batch, and finds a break beyond the first batch', async () => {
    const { projectId, head } = await projectWith(1_250, store, 250);
    expect((await run(['--project', projectId])).lines[0]).toBe(`ok ${projectId} 1250 events ${head}`);
    await tamper(
      `UPDATE events SET occurred_at = occurred_at + interval '1 millisecond'
                  WHERE project_id = $1 AND sequence = 1100`,
      [projectId],
    );
    const result = await run(['--project', projectId]);
    expect(result.code).toBe(1);
    expect(result.lines[0]).toMatch(
      new RegExp(`^BROKEN project ${projectId} at sequence 1100: its stored hash`),
    );
  });

  it('finds a rewritten event whose own hash was recomputed, at the next link', async () => {
    const { projectId, events } = await projectWith(3);
    const forged = { ...events[1], reason: 'A kinder reason' };
    const hash = eventHash(forged.prevHash, { ...forged, actorId: forged.actor.id });
    await tamper('UPDATE events SET reason = $2, hash = $3 WHERE project_id = $1 AND sequence = 2', [
      projectId,
      forged.reason,
      hash,
    ]);
    const result = await run(['--project', projectId]);
    expect(result.code).toBe(1);
    expect(result.lines[0]).toMatch(
      new RegExp(
        `^BROKEN project ${projectId} at sequence 3: its prevHash \\w{12}… is not the hash of event 2`,
      ),
    );
  });

  it('finds deleted events: a gap in the middle, or events missing from the end', async () => {
    const middle = await projectWith(4);
    await tamper('DELETE FROM events WHERE project_id = $1 AND sequence = 2', [middle.projectId]);
    const gap = await run(['--project', middle.projectId]);
    expect(gap.code).toBe(1);
    expect(gap.lines[0]).toBe(
      `BROKEN project ${middle.projectId} at sequence 2: event 2 is missing: the next stored event has sequence 3.`,
    );

    const end = await projectWith(3);
    await tamper('DELETE FROM events WHERE project_id = $1 AND sequence = 3', [end.projectId]);
    const tail = await run(['--project', end.projectId]);
    expect(tail.code).toBe(1);
    expect(tail.lines[0]).toBe(
      `BROKEN project ${end.projectId} at sequence 3: the event stream records 3 events but only 2 are stored: ` +
        'events from 3 on were removed.',
    );
  });

  it('stops at the first broken project and checks no further', async () => {
    const intact = await projectWith(2);
    const broken = await projectWith(2);
    const after = await projectWith(2);
    await tamper(`UPDATE events SET actor_id = 'someone-else' WHERE project_id = $1 AND sequence = 1`, [
      broken.projectId,
    ]);
    const result = await run([
      '--project',
      intact.projectId,
      '--project',
      broken.projectId,
      '--project',
      after.projectId,
    ]);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      `ok ${intact.projectId} 2 events ${intact.head}`,
      expect.stringMatching(new RegExp(`^BROKEN project ${broken.projectId} at sequence 1: `)),
    ]);
  });

  it('exit code 2 with a plain message for an unknown project, a malformed id, or no arguments', async () => {
    const unknown = randomUUID();
    const missing = await run(['--project', unknown]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr.trim()).toBe(`No project ${unknown} is recorded in this database: check the id.`);

    const malformed = await run(['--project', 'not-a-project']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^"not-a-project" is not a project id \(project ids are UUIDs\)\./);

    const nothing = await run([]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(
      /^Say what to check: --project <id>, --all or --checkpoint <file>\.\n\n.*npm run verify-audit/s,
    );

    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/npm run verify-audit -- --all/);
  });

  it('exit code 2 naming where PostgreSQL was looked for when it cannot be reached', async () => {
    const result = await run(['--all'], {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/coproduction',
    });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.trim()).toBe(
      'Cannot check the audit trail: PostgreSQL is not accepting connections at 127.0.0.1:1/coproduction: is it running?',
    );
    expect(result.stderr).not.toMatch(/secret|\n\s+at /);
  });

  it('runs as `npm run verify-audit -- --project <id>`', async () => {
    const { projectId, head } = await projectWith(2);
    const result = await run(['run', '--silent', 'verify-audit', '--', '--project', projectId], {}, ['npm']);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([`ok ${projectId} 2 events ${head}`, 'The chain is intact (2 events).']);
  });
});

describe('verify-audit --all', () => {
  // A fresh database for --all: other test files leave broken chains in the shared one.

  it('checks every project in id order, then stops at the first break with exit code 1', async () => {
    await withFreshDatabase('verify_audit', async (url) => {
      await runMigrations(url);
      const empty = await run(['--all'], { DATABASE_URL: url });
      expect(empty).toMatchObject({ code: 0 });
      expect(empty.lines).toEqual(['No projects are recorded yet: there is nothing to check.']);

      const dataSource = await createDataSource(url, { poolSize: 2 }).initialize();
      try {
        const fresh = new EventStore(dataSource);
        const projects = [];
        for (let i = 0; i < 4; i++) projects.push(await projectWith(i + 1, fresh));
        projects.sort((a, b) => a.projectId.localeCompare(b.projectId));

        const intact = await run(['--all'], { DATABASE_URL: url });
        expect(intact.code).toBe(0);
        expect(intact.lines).toEqual([
          ...projects.map((p) => `ok ${p.projectId} ${p.events.length} events ${p.head}`),
          'All 4 chains are intact (10 events).',
        ]);

        const [, second] = projects.filter((p) => p.events.length >= 2);
        const secondIndex = projects.indexOf(second);
        await tamper(
          `UPDATE events SET reason = 'Rewritten later' WHERE project_id = $1 AND sequence = 2`,
          [second.projectId],
          url,
        );
        const broken = await run(['--all'], { DATABASE_URL: url });
        expect(broken.code).toBe(1);
        expect(broken.lines).toEqual([
          ...projects
            .slice(0, secondIndex)
            .map((p) => `ok ${p.projectId} ${p.events.length} events ${p.head}`),
          expect.stringMatching(
            new RegExp(`^BROKEN project ${second.projectId} at sequence 2: its stored hash`),
          ),
        ]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
