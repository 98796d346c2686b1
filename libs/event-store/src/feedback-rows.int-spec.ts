// Feedback items in rows of their own: an append writes only the new items (the project's
// JSON stays the same size however much feedback it gathers), and every read puts them back
// in order, after any a row from before this layout still holds in its JSON.
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../domain/src/events';
import { lead, started, useTestDb } from '../test/support';

const db = useTestDb();
const store = db.store;

const item = (n: number): NewEvent => ({
  type: 'FeedbackSubmitted',
  data: { feedbackId: `f${n}`, channel: 'SURVEY', body: `Item ${n}`, fromParticipantId: null },
  reason: null,
  actor: lead,
  occurredAt: new Date(Date.parse('2027-06-01T10:00:00Z') + n * 1000).toISOString(),
});

const stored = async (projectId: string) => {
  const [row] = await db.dataSource.query(
    `SELECT jsonb_array_length(state->'feedback') AS in_json, feedback_count,
            (SELECT count(*)::int FROM project_feedback WHERE project_id = $1) AS rows
     FROM projects WHERE id = $1`,
    [projectId],
  );
  return { inJson: row.in_json, count: row.feedback_count, rows: row.rows };
};

it('keeps each item in a row, the JSON without them, and reads them back in order', async () => {
  const projectId = randomUUID();
  await store.append({ projectId, expectedVersion: 0, events: [started()] });
  // One item per append, then three in one append: 1..5, numbered on across appends.
  await store.append({ projectId, expectedVersion: 1, events: [item(1)] });
  await store.append({ projectId, expectedVersion: 2, events: [item(2)] });
  await store.append({ projectId, expectedVersion: 3, events: [item(3), item(4), item(5)] });
  expect(await stored(projectId)).toEqual({ inJson: 0, count: 5, rows: 5 });
  const project = await store.getProject(projectId);
  expect(project?.feedback.map((f) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
  expect(project?.version).toBe(6);
  // The same through the list and the batch read.
  const [byBatch] = await store.getProjects([projectId]);
  expect(byBatch.feedback.map((f) => f.body)).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4', 'Item 5']);
  const listed = await store.listProjects({ search: project!.title }, { first: 100 });
  expect(listed.projects.find((p) => p.id === projectId)?.feedback).toHaveLength(5);
});

it('a retried append adds no row twice', async () => {
  const projectId = randomUUID();
  await store.append({ projectId, expectedVersion: 0, events: [started()] });
  const again = { projectId, expectedVersion: 1, events: [item(1)] };
  await store.append(again);
  await store.append(again);
  expect(await stored(projectId)).toEqual({ inJson: 0, count: 1, rows: 1 });
});

it('reads a row written before the items had rows: its JSON items first, then the new ones', async () => {
  const projectId = randomUUID();
  await store.append({ projectId, expectedVersion: 0, events: [started()] });
  await store.append({ projectId, expectedVersion: 1, events: [item(1), item(2)] });
  // As the read model wrote it before: the items in the JSON, none in rows.
  await db.dataSource.query(
    `UPDATE projects p SET state = jsonb_set(state, '{feedback}',
       (SELECT jsonb_agg(item ORDER BY position) FROM project_feedback f WHERE f.project_id = p.id)),
       feedback_count = 0
     WHERE id = $1`,
    [projectId],
  );
  await db.dataSource.query(`DELETE FROM project_feedback WHERE project_id = $1`, [projectId]);
  await store.append({ projectId, expectedVersion: 3, events: [item(3)] });
  expect(await stored(projectId)).toEqual({ inJson: 2, count: 1, rows: 1 });
  expect((await store.getProject(projectId))?.feedback.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
});
