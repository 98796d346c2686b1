import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQLSTATE append_to_stream raises when the read-model row is not the caller's copy. */
export const READ_MODEL_MOVED = 'CPRM1';

/** The procedure's signature (INOUT xmin included, as a procedure's is), for grants and DROP. */
export const SIGNATURE =
  'append_to_stream(uuid, integer, text, text, text, jsonb, jsonb, jsonb, integer, text)';

/**
 * `append_to_stream`: the common append in one round trip (append.ts, "one statement"). In one
 * CALL it locks the project's stream row while checking the caller's expected version and
 * head hash, inserts the events (chained and hashed by the caller), moves the head, writes
 * the projects read-model row the caller folded (one jsonb, applied with
 * jsonb_populate_record) and its new feedback items, commits, and then announces the events
 * on `project_events`. Its INOUT `xmin` comes back as the transaction id that is the row's new
 * xmin, or NULL, having written nothing, when the stream is not where the caller thought
 * (another step got in first, or this is a retry): the caller then takes the transactional
 * path. When the read-model row changed since the caller's copy (its xmin or version differ)
 * it raises READ_MODEL_MOVED, which rolls the call back; the caller falls back the same way.
 *
 * A procedure, not a function, so that it can commit before it notifies: a transaction that
 * NOTIFYs holds one database-wide lock from just before its commit until the commit is
 * flushed, so notifying appends flush one after another instead of sharing a flush (group
 * commit), and 8 projects appending at once went little faster than one. Here the events
 * commit (durably, with the server's synchronous_commit) without that lock; the notices
 * then go in a transaction of their own that writes nothing else and does not wait for its
 * flush (synchronous_commit off for it alone). Listeners see them after the events are
 * visible, as before; were the backend to die between the two commits the notices would be
 * lost, which a listener already survives (it catches up by sequence when it reconnects).
 * Called as `CALL`, outside any transaction block (a pooled connection in autocommit).
 *
 * SECURITY INVOKER (as transaction control requires): it runs with the caller's own grants
 * (the runtime role may INSERT events and write the read model, nothing more), and only the
 * runtime role (and the owner) may EXECUTE it.
 *
 * The SET list of the projects row is written from the table's columns as they are when
 * the procedure is created (information_schema), each one taken from the jsonb only when
 * the jsonb has that key (a column the row builder does not write keeps its value). A later
 * migration that adds columns to `projects` must call `createAppendFunction(queryRunner)` at
 * its end so that the procedure writes them too.
 */
export async function createAppendFunction(q: QueryRunner): Promise<void> {
  const columns = (
    (await q.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'projects'
         AND is_generated = 'NEVER' AND identity_generation IS DISTINCT FROM 'ALWAYS'
       ORDER BY ordinal_position`,
    )) as { column_name: string }[]
  )
    .map((c) => c.column_name)
    .filter((name) => name !== 'id');
  if (columns.length === 0) throw new Error('The projects table has no columns to write.');
  const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const literal = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const set = columns
    .map((c) => `${ident(c)} = CASE WHEN p_row ? ${literal(c)} THEN r.${ident(c)} ELSE p.${ident(c)} END`)
    .join(',\n          ');
  await q.query(`
    CREATE OR REPLACE PROCEDURE append_to_stream(
      p_project_id uuid,
      p_expected_version integer,
      p_expected_head text,
      p_read_model_xmin text,
      p_new_head text,
      p_events jsonb,
      p_row jsonb,
      p_feedback jsonb,
      p_feedback_from integer,
      INOUT xmin text DEFAULT NULL
    )
    LANGUAGE plpgsql SECURITY INVOKER AS $fn$
    DECLARE
      moved integer;
      notices text[];
    BEGIN
      xmin := NULL;
      -- Locks the stream row; on a concurrent append it waits, then sees the new version.
      UPDATE event_streams
         SET version = p_expected_version + jsonb_array_length(p_events), head_hash = p_new_head
       WHERE project_id = p_project_id AND version = p_expected_version AND head_hash = p_expected_head;
      GET DIAGNOSTICS moved = ROW_COUNT;
      IF moved = 0 THEN
        RETURN;
      END IF;
      UPDATE projects p SET
          ${set}
        FROM jsonb_populate_record(NULL::projects, p_row) AS r
       WHERE p.id = p_project_id AND p.version = p_expected_version AND p.xmin = p_read_model_xmin::xid;
      GET DIAGNOSTICS moved = ROW_COUNT;
      IF moved = 0 THEN
        RAISE EXCEPTION 'The read model of project % is not the copy this append was folded from.', p_project_id
          USING ERRCODE = '${READ_MODEL_MOVED}';
      END IF;
      IF jsonb_array_length(p_feedback) > 0 THEN
        INSERT INTO project_feedback (project_id, position, item)
        SELECT p_project_id, p_feedback_from + i.n - 1, i.item
          FROM jsonb_array_elements(p_feedback) WITH ORDINALITY AS i(item, n);
      END IF;
      WITH inserted AS (
        INSERT INTO events (project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at,
                            data, reason, prev_hash, hash)
        SELECT p_project_id, v.sequence, v.type, v.actor_id, v.actor_name, v.actor_roles, v.occurred_at,
               v.data, v.reason, v.prev_hash, v.hash
          FROM jsonb_populate_recordset(NULL::events, p_events) AS v
         ORDER BY v.sequence
        RETURNING position, sequence
      )
      -- The same text as JSON.stringify({ projectId, sequence, position }) in append.ts.
      SELECT array_agg('{"projectId":"' || p_project_id::text || '","sequence":' || sequence ||
                       ',"position":' || position || '}' ORDER BY sequence)
        INTO notices FROM inserted;
      xmin := pg_current_xact_id()::xid::text;
      COMMIT;
      -- The notices, in a transaction of their own that need not wait for its flush.
      PERFORM set_config('synchronous_commit', 'off', true);
      PERFORM pg_notify('project_events', n) FROM unnest(notices) AS n;
    END
    $fn$`);
  await q.query(`REVOKE ALL ON PROCEDURE ${SIGNATURE} FROM PUBLIC`);
  await q.query(`GRANT EXECUTE ON PROCEDURE ${SIGNATURE} TO coproduction_runtime`);
}

export class AppendInOneStatement1797410000000 implements MigrationInterface {
  name = 'AppendInOneStatement1797410000000';

  async up(q: QueryRunner): Promise<void> {
    await createAppendFunction(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP PROCEDURE ${SIGNATURE}`);
  }
}
