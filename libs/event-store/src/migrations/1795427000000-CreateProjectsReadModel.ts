import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projects read model (the fold of each project's events, written in the same
 * transaction as the append) and participants' contact details, which live only here and
 * never in event data.
 */
export class CreateProjectsReadModel1795427000000 implements MigrationInterface {
  name = 'CreateProjectsReadModel1795427000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY REFERENCES event_streams (project_id),
        charter_id text NOT NULL,
        title text NOT NULL,
        phase text NOT NULL,
        confidentiality text NOT NULL,
        proposed_level text NOT NULL,
        agreed_level text,
        has_breaches boolean NOT NULL DEFAULT false,
        participant_person_ids text[] NOT NULL DEFAULT '{}',
        lead_person_ids text[] NOT NULL DEFAULT '{}',
        state jsonb NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX projects_charter_idx ON projects (charter_id)`);
    await q.query(`CREATE INDEX projects_phase_idx ON projects (phase)`);
    await q.query(`CREATE INDEX projects_participants_idx ON projects USING gin (participant_person_ids)`);
    await q.query(`CREATE INDEX projects_created_idx ON projects (created_at, id)`);
    // Title search is a case-insensitive substring match: a trigram index serves it where the
    // pg_trgm extension can be installed; without it the search still works, by scanning.
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
          CREATE INDEX projects_title_trgm_idx ON projects USING gin (lower(title) gin_trgm_ops);
        END IF;
      EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
        RAISE NOTICE 'pg_trgm cannot be installed here: project title search will scan.';
      END
      $$`);
    await q.query(`
      CREATE TABLE participant_contacts (
        project_id uuid NOT NULL REFERENCES projects (id),
        participant_id text NOT NULL,
        email text NOT NULL,
        PRIMARY KEY (project_id, participant_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE participant_contacts`);
    await q.query(`DROP TABLE projects`);
  }
}
