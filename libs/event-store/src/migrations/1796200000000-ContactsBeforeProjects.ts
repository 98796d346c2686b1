import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact details are written by the gateway before the project's workflow starts, so that
 * they never travel through Temporal: the row can exist before the project's row does.
 * participant_contacts stays the one place addresses live, keyed by project and participant.
 */
export class ContactsBeforeProjects1796200000000 implements MigrationInterface {
  name = 'ContactsBeforeProjects1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE participant_contacts DROP CONSTRAINT IF EXISTS participant_contacts_project_id_fkey`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM participant_contacts c WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = c.project_id)`,
    );
    await q.query(
      `ALTER TABLE participant_contacts ADD CONSTRAINT participant_contacts_project_id_fkey
       FOREIGN KEY (project_id) REFERENCES projects (id)`,
    );
  }
}
