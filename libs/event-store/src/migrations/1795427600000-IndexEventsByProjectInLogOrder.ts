import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the cross-project audit trail (EventStore.readAuditTrail) at scale:
 * - each project's events in the global log order (transaction_id, position): a reader of
 *   only a few projects (a participant) merges the next events of each of those projects
 *   instead of walking the whole log for the few that are theirs. The log order within a
 *   project need not be sequence order (a writer can take its transaction id before another
 *   that locks the stream first), so (project_id, sequence) cannot serve it;
 * - the time index also covers the log order and the project, so a time range that starts
 *   late in the log is read from the time index alone (no row is fetched until the page's
 *   own 50 are known), instead of walking every older event;
 * - the log index also covers the project and the time, so a walk along the log decides
 *   which events are in the time range and in a readable project without fetching them.
 * INCLUDE leaves each index's order, and so every other reader's use of it, as it was.
 */
export class IndexEventsByProjectInLogOrder1795427600000 implements MigrationInterface {
  name = 'IndexEventsByProjectInLogOrder1795427600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_project_log_idx ON events (project_id, transaction_id, position)`);
    await q.query(`DROP INDEX events_occurred_at_idx`);
    await q.query(
      `CREATE INDEX events_occurred_at_idx ON events (occurred_at, position) INCLUDE (transaction_id, project_id)`,
    );
    await q.query(`DROP INDEX events_transaction_position_idx`);
    await q.query(
      `CREATE INDEX events_transaction_position_idx ON events (transaction_id, position) INCLUDE (project_id, occurred_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_transaction_position_idx`);
    await q.query(`CREATE INDEX events_transaction_position_idx ON events (transaction_id, position)`);
    await q.query(`DROP INDEX events_occurred_at_idx`);
    await q.query(`CREATE INDEX events_occurred_at_idx ON events (occurred_at, position)`);
    await q.query(`DROP INDEX events_project_log_idx`);
  }
}
