import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway and worker connect as a member of `coproduction_runtime`, not as the owner who
 * runs these migrations: it may read and write the read models but only read and INSERT
 * events, and since it owns nothing it cannot ALTER the events table, so it can never switch
 * the append-only triggers off (only an owner or a superuser can). Tables made by later
 * migrations get the same read-and-write grants by default. The owner needs CREATEROLE for
 * the role to be made here; otherwise an administrator creates it first (README).
 */
export class RuntimeRoleAppendsOnly1796600000000 implements MigrationInterface {
  name = 'RuntimeRoleAppendsOnly1796600000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles belong to the whole server, so another database's migration may make it at once.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'coproduction_runtime') THEN
          CREATE ROLE coproduction_runtime NOLOGIN;
        END IF;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;
        WHEN insufficient_privilege THEN
          RAISE EXCEPTION 'The role coproduction_runtime does not exist and % may not create it: '
            'ask an administrator to run CREATE ROLE coproduction_runtime NOLOGIN, then migrate again.',
            current_user;
      END
      $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO coproduction_runtime`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO coproduction_runtime`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO coproduction_runtime`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events FROM coproduction_runtime`);
    await q.query(`REVOKE ALL ON migrations FROM coproduction_runtime`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO coproduction_runtime`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO coproduction_runtime`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM coproduction_runtime`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM coproduction_runtime`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM coproduction_runtime`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM coproduction_runtime`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM coproduction_runtime`);
  }
}
