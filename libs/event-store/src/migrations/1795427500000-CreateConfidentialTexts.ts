import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The texts of MEETING_GROUP projects (minutes, decisions, feedback) whose events hold only
 * their SHA-256 ("sha256:<hex>"): kept apart so participants can read them while the audit
 * trail stays verifiable by anyone.
 */
export class CreateConfidentialTexts1795427500000 implements MigrationInterface {
  name = 'CreateConfidentialTexts1795427500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE confidential_texts (
        project_id uuid NOT NULL REFERENCES projects (id),
        sealed text NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (project_id, sealed)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE confidential_texts`);
  }
}
