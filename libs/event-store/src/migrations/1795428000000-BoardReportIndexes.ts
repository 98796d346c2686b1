import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the board report (board-report.ts), which counts a charter's events in a
 * period with set-based SQL rather than a loop over projects:
 * - the events of some types in a period (starts, ladder steps, meetings, breaches, ...);
 * - per project, the ladder steps and the closing report, read backwards by sequence (the
 *   level agreed when a briefing was completed, the reason for the current level);
 * - per project, the steps that settle a deadline (papers out, feedback acknowledged, or a
 *   breach), to tell whether a deadline settled in the period had settled before it.
 */
export class BoardReportIndexes1795428000000 implements MigrationInterface {
  name = 'BoardReportIndexes1795428000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX events_type_occurred_at_idx ON events (type, occurred_at) INCLUDE (project_id)`,
    );
    await q.query(`
      CREATE INDEX events_ladder_facts_idx ON events (project_id, sequence)
        WHERE type IN ('ProjectStarted', 'LadderLevelProposed', 'LadderLevelCounterProposed',
                       'LadderLevelAgreed', 'LadderLevelChanged', 'ClosingReportPublished')`);
    await q.query(`
      CREATE INDEX events_deadline_settled_idx ON events (project_id, occurred_at)
        WHERE type IN ('PapersDistributed', 'CharterBreachRecorded', 'FeedbackAcknowledged')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_deadline_settled_idx`);
    await q.query(`DROP INDEX events_ladder_facts_idx`);
    await q.query(`DROP INDEX events_type_occurred_at_idx`);
  }
}
