import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-project facts the board report used to look up in each project's events at query
 * time, as columns of the projects read model (written by the projection in the append's
 * transaction: readModelRow), so the report is a scan of the period's events plus one join:
 * - the closing report's levels, barriers and number of "You said, we did" entries;
 * - the level agreed when the briefing was completed, and that step's sequence;
 * - the lead's latest reason for a level below CO_PRODUCTION;
 * - when each meeting's papers deadline, and the acknowledgement deadline, first settled.
 *
 * Existing projects are backfilled in SQL from their events, with the report's own
 * definitions (board-report.ts before this migration), in one set-based UPDATE: it reads each
 * event type once through the indexes, however many projects there are, and writes each
 * project's row once; folding every project's events in Node would move the whole event
 * table through the migration for facts SQL can aggregate where they are.
 */
export class BoardReportFactsOnProjects1797400000000 implements MigrationInterface {
  name = 'BoardReportFactsOnProjects1797400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN closing_level_agreed text,
        ADD COLUMN closing_level_achieved text,
        ADD COLUMN closing_barriers text,
        ADD COLUMN closing_entries int,
        ADD COLUMN briefing_level text,
        ADD COLUMN briefing_version int,
        ADD COLUMN ladder_reason text,
        ADD COLUMN papers_settled_at timestamptz[] NOT NULL DEFAULT '{}',
        ADD COLUMN ack_settled_at timestamptz`);
    await q.query(`
      WITH closing AS (
        SELECT DISTINCT ON (project_id) project_id, data->>'levelAgreed' AS level_agreed,
               data->>'levelAchieved' AS level_achieved, data->>'barriers' AS barriers,
               jsonb_array_length(data->'youSaidWeDid') AS entries
        FROM events WHERE type = 'ClosingReportPublished'
        ORDER BY project_id, sequence DESC
      ),
      briefing AS (
        SELECT b.project_id, b.sequence,
               (SELECT l.data->>'level' FROM events l
                WHERE l.project_id = b.project_id AND l.sequence < b.sequence
                  AND l.type IN ('LadderLevelAgreed', 'LadderLevelChanged')
                ORDER BY l.sequence DESC LIMIT 1) AS level
        FROM (SELECT project_id, min(sequence) AS sequence FROM events
              WHERE type = 'BriefingCompleted' GROUP BY project_id) b
      ),
      reasons AS (
        SELECT DISTINCT ON (l.project_id) l.project_id, btrim(l.reason) AS reason
        FROM events l JOIN projects p ON p.id = l.project_id
        WHERE l.type IN ('ProjectStarted', 'LadderLevelProposed', 'LadderLevelAgreed', 'LadderLevelChanged')
          AND nullif(btrim(l.reason), '') IS NOT NULL
          AND array_position(ARRAY['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'],
                             CASE WHEN l.type = 'ProjectStarted' THEN l.data->>'proposedLevel'
                                  ELSE l.data->>'level' END) < 4
          AND (l.type <> 'LadderLevelAgreed' OR l.data->>'side' = 'LEAD'
               OR (l.data->>'side' IS NULL AND l.actor_id = ANY(p.lead_person_ids)))
        ORDER BY l.project_id, l.sequence DESC
      ),
      papers AS (
        SELECT project_id, array_agg(at ORDER BY at) AS settled
        FROM (SELECT project_id, data->>'meetingId' AS meeting_id, min(occurred_at) AS at
              FROM events
              WHERE (type = 'PapersDistributed'
                     OR (type = 'CharterBreachRecorded' AND data->>'rule' = 'papers.minNoticeDays'))
                AND data->>'meetingId' IS NOT NULL
              GROUP BY 1, 2) m
        GROUP BY project_id
      ),
      ack AS (
        SELECT project_id, min(occurred_at) AS at FROM events
        WHERE type = 'FeedbackAcknowledged'
           OR (type = 'CharterBreachRecorded' AND data->>'rule' = 'feedback.ackWorkingDays')
        GROUP BY project_id
      ),
      facts AS (
        SELECT p.id, c.level_agreed, c.level_achieved, c.barriers, c.entries, b.level AS briefing_level,
               b.sequence AS briefing_version, r.reason, coalesce(s.settled, '{}') AS papers, a.at AS ack
        FROM projects p
        LEFT JOIN closing c ON c.project_id = p.id
        LEFT JOIN briefing b ON b.project_id = p.id
        LEFT JOIN reasons r ON r.project_id = p.id
        LEFT JOIN papers s ON s.project_id = p.id
        LEFT JOIN ack a ON a.project_id = p.id
        WHERE c.project_id IS NOT NULL OR b.project_id IS NOT NULL OR r.project_id IS NOT NULL
           OR s.project_id IS NOT NULL OR a.project_id IS NOT NULL
      )
      UPDATE projects p
      SET closing_level_agreed = f.level_agreed, closing_level_achieved = f.level_achieved,
          closing_barriers = f.barriers, closing_entries = f.entries, briefing_level = f.briefing_level,
          briefing_version = f.briefing_version, ladder_reason = f.reason, papers_settled_at = f.papers,
          ack_settled_at = f.ack
      FROM facts f
      WHERE f.id = p.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        DROP COLUMN closing_level_agreed,
        DROP COLUMN closing_level_achieved,
        DROP COLUMN closing_barriers,
        DROP COLUMN closing_entries,
        DROP COLUMN briefing_level,
        DROP COLUMN briefing_version,
        DROP COLUMN ladder_reason,
        DROP COLUMN papers_settled_at,
        DROP COLUMN ack_settled_at`);
  }
}
