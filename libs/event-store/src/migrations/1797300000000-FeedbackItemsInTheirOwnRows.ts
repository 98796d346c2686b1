import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's feedback items in rows of their own, not inside the project's state JSON: an
 * append then writes only the new items, so giving feedback to a project with 5,000 items
 * costs what it costs with 10 (the whole JSON used to be rewritten on every append).
 * `feedback_count` numbers the next item without counting the rows.
 */
export class FeedbackItemsInTheirOwnRows1797300000000 implements MigrationInterface {
  name = 'FeedbackItemsInTheirOwnRows1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_feedback (
        project_id uuid NOT NULL REFERENCES projects (id),
        position int NOT NULL,
        item jsonb NOT NULL,
        PRIMARY KEY (project_id, position)
      )`);
    await q.query(`ALTER TABLE projects ADD COLUMN feedback_count int NOT NULL DEFAULT 0`);
    await q.query(`
      INSERT INTO project_feedback (project_id, position, item)
      SELECT p.id, f.ordinality - 1, f.value
      FROM projects p, jsonb_array_elements(p.state->'feedback') WITH ORDINALITY f
      WHERE jsonb_typeof(p.state->'feedback') = 'array'`);
    await q.query(`
      UPDATE projects
      SET feedback_count = jsonb_array_length(state->'feedback'), state = jsonb_set(state, '{feedback}', '[]')
      WHERE jsonb_typeof(state->'feedback') = 'array' AND jsonb_array_length(state->'feedback') > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE projects p SET state = jsonb_set(p.state, '{feedback}',
        coalesce(p.state->'feedback', '[]') || coalesce((SELECT jsonb_agg(f.item ORDER BY f.position)
          FROM project_feedback f WHERE f.project_id = p.id), '[]'))`);
    await q.query(`ALTER TABLE projects DROP COLUMN feedback_count`);
    await q.query(`DROP TABLE project_feedback`);
  }
}
