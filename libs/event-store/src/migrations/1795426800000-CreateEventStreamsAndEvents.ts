import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log: one stream row per project (its version and head hash, locked by every
 * append) and the events themselves, in global append order (`position`) and per-project
 * order (`sequence`, unique per project so a retried append can never add a row twice).
 */
export class CreateEventStreamsAndEvents1795426800000 implements MigrationInterface {
  name = 'CreateEventStreamsAndEvents1795426800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_streams (
        project_id uuid PRIMARY KEY,
        version integer NOT NULL CHECK (version >= 0),
        head_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE events (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES event_streams (project_id),
        sequence integer NOT NULL CHECK (sequence >= 1),
        type text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_roles text[] NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        reason text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_project_sequence_key UNIQUE (project_id, sequence)
      )`);
    // The unique key above is also the (project_id, sequence) index for one project's trail.
    // Cross-project readers page by (transaction_id, position); the filtered variants carry
    // the same order after the filter column, so a filtered page is one index range scan.
    await q.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);
    await q.query(`CREATE INDEX events_actor_idx ON events (actor_id, transaction_id, position)`);
    await q.query(`CREATE INDEX events_type_idx ON events (type, transaction_id, position)`);
    await q.query(`CREATE INDEX events_occurred_at_idx ON events (occurred_at, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE event_streams`);
  }
}
