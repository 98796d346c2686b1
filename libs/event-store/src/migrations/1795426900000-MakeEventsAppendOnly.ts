import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is append-only by construction: PostgreSQL itself refuses UPDATE, DELETE
 * and TRUNCATE of events. The triggers fire ALWAYS, so `session_replication_role = replica`
 * does not skip them either; only the table owner disabling them explicitly can.
 */
export class MakeEventsAppendOnly1795426900000 implements MigrationInterface {
  name = 'MakeEventsAppendOnly1795426900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'The audit trail is append-only: events cannot be changed or removed.'
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only`);
    await q.query(`ALTER TABLE events ENABLE ALWAYS TRIGGER events_no_truncate`);
    // Roles other than the owner get no way to change events through grants either.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER events_no_truncate ON events`);
    await q.query(`DROP TRIGGER events_append_only ON events`);
    await q.query(`DROP FUNCTION events_refuse_change()`);
  }
}
