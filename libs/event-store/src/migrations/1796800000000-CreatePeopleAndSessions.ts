import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product's own record of who people are and what they may do (roles come from here,
 * not from the identity provider's token), their browser sessions, and the one-time email
 * links parents sign in with. Secrets are stored only as SHA-256 hashes.
 */
export class CreatePeopleAndSessions1796800000000 implements MigrationInterface {
  name = 'CreatePeopleAndSessions1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE people (
        id text PRIMARY KEY,
        display_name text NOT NULL,
        email text UNIQUE CHECK (email = lower(email)),
        oidc_subject text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE memberships (
        person_id text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        charter_id text NOT NULL,
        role text NOT NULL,
        granted_by text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, charter_id, role)
      )`);
    await q.query(`
      CREATE TABLE web_sessions (
        token_hash text PRIMARY KEY,
        person_id text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_sessions_by_person ON web_sessions (person_id)`);
    await q.query(`
      CREATE TABLE sign_in_links (
        token_hash text PRIMARY KEY,
        email text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('SIGN_IN', 'INVITATION')),
        project_id uuid,
        participant_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE rate_limits (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (key, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits, sign_in_links, web_sessions, memberships, people`);
  }
}
