// The board report (CONTRACT.md "Board report"): what a charter's projects did in a period,
// counted from the audit events with set-based SQL (one statement, one snapshot): a scan of
// the period's events joined to the projects read model, whose columns hold each project's
// facts as they stand (levels, reasons, when deadlines settled), so its cost follows the
// events in the period, not the charter's history.
//
// The period is `from` to `to`, both days included, on London's calendar: the instants
// [00:00 London on `from`, 00:00 London on the day after `to`). An event is in the period
// when its `occurredAt` (the workflow's time of the step) is.
//
// Definitions:
// - projectsStarted: ProjectStarted events in the period. projectsClosed:
//   ClosingReportPublished events in the period.
// - ladder, `agreed`: the projects started in the period, by their agreed level as it stands
//   now (the read model). A project whose level is not agreed yet (still in ladder
//   agreement, or cancelled before agreement) has no agreed level and is in no `agreed`
//   count, so the counts add up to projectsStarted less those projects. A standing proposal
//   is not an agreement, and the board should not read it as one.
// - ladder, `achieved`: the projects closed in the period, by their closing report's
//   `levelAchieved` (the counts add up to projectsClosed).
// - compliance: for each rule the charter does not switch OFF, in RULE_IDS order,
//   `breached` = CharterBreachRecorded events naming the rule in the period, and `checked` =
//   the steps in the period at which the rule was applied:
//   - ladder.reasonRequired: each step that sets a level with its reason: ProjectStarted,
//     LadderLevelProposed, LadderLevelCounterProposed, LadderLevelChanged (an agreement takes
//     a level already proposed with its reason, so it is not a check of its own);
//   - briefing.beforeWork: each BriefingCompleted of a project whose agreed level, when the
//     briefing was completed, was PARTNERSHIP or CO_PRODUCTION (the levels the rule covers),
//     and each LadderLevelChanged after the briefing was completed that raised the level
//     into those levels (the raise is allowed only once a parent carer rep is briefed);
//   - meeting.* (booking rules): each MeetingScheduled, MeetingRescheduled and
//     PastMeetingRecorded (every booking, new time or meeting recorded afterwards is checked
//     against every booking rule the charter sets);
//   - papers.minNoticeDays: each meeting whose papers deadline was settled in the period:
//     settled by the first of its PapersDistributed or its papers breach (the breach is
//     recorded once per meeting, at the deadline or at a late distribution), so a meeting
//     is checked once, in the period where it settled;
//   - feedback.ackWorkingDays: likewise each project whose acknowledgement deadline settled
//     in the period: the first of its FeedbackAcknowledged or its acknowledgement breach;
//   - report.youSaidWeDid: each ClosingReportPublished;
//   - board.reportEveryMonths, charter.reviewEveryMonths: 0, as no project step checks them
//     (DOMAIN.md); breaches are still counted should any be recorded.
// - coProductionNotAchieved: the projects started or closed in the period whose agreed
//   level (the closing report's `levelAgreed` once closed) or achieved level is below
//   CO_PRODUCTION, oldest start first. `reason` = the closing report's `barriers` when the
//   level achieved is below the level agreed; otherwise the lead's latest reason for a level
//   below CO_PRODUCTION: the reason of the latest ProjectStarted, LadderLevelProposed or
//   LadderLevelChanged below it, or the comment of the lead's LadderLevelAgreed below it
//   (acceptLadderLevel, or changeLadderLevel with the counter-proposed level) — the
//   organisation's account of why co-production was not possible, never the parent carer
//   side's argument for another level; null when the lead gave none.
// - youSaidWeDidCount: "You said, we did" entries of the closing reports published in the
//   period.
// - projects: every project with a step above in the period (started, a level set, a
//   briefing completed, a meeting booked, papers out, a breach, an acknowledgement or a
//   closing report), oldest start first, with its levels (as for coProductionNotAchieved) and
//   the charter breaches recorded on it in the period, oldest first: which promise was
//   broken, when, what happened and the reason recorded with it (an override's reason; none
//   when the service recorded a missed deadline).
// Levels and reasons are as they stand when the report is made; counts are of events in
// the period, so a past period's counts do not change.
import type { DataSource } from 'typeorm';
import { addDays, daysBetween, isValidIsoDate, startOfLondonDay } from '../../domain/src/calendar';
import { findCharter, RULE_IDS, ruleOf, type RuleId } from '../../domain/src/charters';
import { LADDER_LEVELS, type LadderLevel, type ProjectPhase } from '../../domain/src/vocabulary';
import { InvalidInputError } from './errors';

/** The longest period a report covers: 100 years, far beyond any board's need. */
export const BOARD_REPORT_MAX_DAYS = 36_525;

export interface LadderCountData {
  level: LadderLevel;
  agreed: number;
  achieved: number;
}

export interface RuleComplianceData {
  rule: RuleId;
  checked: number;
  breached: number;
}

export interface ProjectSummaryData {
  projectId: string;
  title: string;
  levelAgreed: LadderLevel | null;
  levelAchieved: LadderLevel | null;
  reason: string | null;
}

/** A charter breach recorded on a project in the period (as Project.breaches shows it). */
export interface ReportedBreachData {
  id: string;
  rule: RuleId;
  /** When it was recorded (the workflow's time of the step), ISO 8601. */
  at: string;
  detail: string;
  reason: string | null;
  meetingId: string | null;
}

/** A project with a step in the period, and the breaches recorded on it in the period. */
export interface ReportedProjectData {
  projectId: string;
  title: string;
  phase: ProjectPhase;
  levelAgreed: LadderLevel | null;
  levelAchieved: LadderLevel | null;
  /** ISO 8601. */
  startedAt: string;
  breaches: ReportedBreachData[];
}

export interface BoardReportData {
  charterId: string;
  /** First day of the period, YYYY-MM-DD (London). */
  from: string;
  /** Last day of the period, YYYY-MM-DD (London), included. */
  to: string;
  /** The instant the period starts (00:00 London on `from`), ISO 8601. */
  periodStart: string;
  /** The instant just after the period (00:00 London on the day after `to`), ISO 8601. */
  periodEnd: string;
  projectsStarted: number;
  projectsClosed: number;
  /** One count per level, in ladder order. */
  ladder: LadderCountData[];
  /** One entry per rule of the charter that is not OFF, in RULE_IDS order. */
  compliance: RuleComplianceData[];
  coProductionNotAchieved: ProjectSummaryData[];
  youSaidWeDidCount: number;
  /** The projects with a step in the period, oldest start first, each with its breaches. */
  projects: ReportedProjectData[];
}

/** What is wrong with a report request, naming the argument at fault; null when it is fine. */
export function validateBoardReportInput(
  charterId: string,
  from: string,
  to: string,
): { field: 'charterId' | 'from' | 'to'; message: string } | null {
  if (!findCharter(charterId))
    return {
      field: 'charterId',
      message: `There is no charter "${charterId}". Use the id of one of the charters (the charters query lists them).`,
    };
  if (!isValidIsoDate(from))
    return { field: 'from', message: `"${from}" is not a calendar day: use YYYY-MM-DD, e.g. 2027-03-04.` };
  if (!isValidIsoDate(to))
    return { field: 'to', message: `"${to}" is not a calendar day: use YYYY-MM-DD, e.g. 2027-03-04.` };
  if (to < from)
    return {
      field: 'to',
      message: `The period ends (${to}) before it starts (${from}): give a "to" day on or after the "from" day.`,
    };
  if (daysBetween(from, to) >= BOARD_REPORT_MAX_DAYS)
    return { field: 'to', message: 'The period is longer than 100 years: choose a shorter period.' };
  return null;
}

/** Event types the report reads within the period. */
export const BOARD_REPORT_EVENT_TYPES = [
  'ProjectStarted',
  'LadderLevelProposed',
  'LadderLevelCounterProposed',
  'LadderLevelChanged',
  'BriefingCompleted',
  'MeetingScheduled',
  'MeetingRescheduled',
  'PastMeetingRecorded',
  'PapersDistributed',
  'CharterBreachRecorded',
  'FeedbackAcknowledged',
  'ClosingReportPublished',
];

/** Levels at which `briefing.beforeWork` applies (as in the domain's completeBriefing). */
const BRIEFED_LEVELS = ['PARTNERSHIP', 'CO_PRODUCTION'];

// One scan of the period's events of the report's types joined to their projects, whose rows
// carry the per-project facts the report needs (the closing report's levels and barriers, the
// level agreed at the briefing, the lead's reason, when each deadline settled: readModelRow,
// written in the append's transaction); no per-project or per-event look-up into the events.
// Most of the events are only counted: `ev` reads them from events_type_occurred_at_idx alone
// (type, occurred_at, project_id: an index-only scan, as the benchmark's limit does), not
// materialised, so the grouping reads the join directly instead of a tuplestore that spilled
// to disk at a year's 79k rows (measured: the year's p50 824 → 697 ms); only the
// two types whose data the report shows or tests (`dt`: breaches and level changes) are read
// from the table; a closing report's levels and entries are its project's columns (a project
// publishes one). The lists are built as json, not jsonb (no binary form to
// build and print back as text).
const REPORT_SQL = `
WITH ev AS (
  SELECT e.project_id, e.type
  FROM events e
  JOIN projects p ON p.id = e.project_id
  WHERE p.charter_id = $1 AND e.type = ANY($4::text[]) AND e.occurred_at >= $2 AND e.occurred_at < $3
),
dt AS MATERIALIZED (
  SELECT e.project_id, e.sequence, e.type, e.occurred_at, e.data, e.reason, p.briefing_version
  FROM events e
  JOIN projects p ON p.id = e.project_id
  WHERE p.charter_id = $1 AND e.type IN ('CharterBreachRecorded', 'LadderLevelChanged')
    AND e.occurred_at >= $2 AND e.occurred_at < $3
),
reported AS (
  SELECT project_id,
         count(*) FILTER (WHERE type = 'ProjectStarted')::int AS started,
         count(*) FILTER (WHERE type = 'ClosingReportPublished')::int AS closed,
         count(*) FILTER (WHERE type IN ('ProjectStarted', 'LadderLevelProposed', 'LadderLevelCounterProposed',
                                         'LadderLevelChanged'))::int AS ladder_checks,
         count(*) FILTER (WHERE type IN ('MeetingScheduled', 'MeetingRescheduled', 'PastMeetingRecorded'))::int
           AS meeting_checks,
         count(*) FILTER (WHERE type = 'BriefingCompleted')::int AS briefings
  FROM ev GROUP BY project_id
),
levels AS MATERIALIZED (
  SELECT p.id, p.title, p.phase, p.created_at, p.agreed_level, t.started, t.closed, t.ladder_checks,
         t.meeting_checks, t.started > 0 OR t.closed > 0 AS touched,
         CASE WHEN p.briefing_level = ANY($5::text[]) THEN t.briefings ELSE 0 END AS briefing_checks,
         coalesce(p.closing_level_agreed, p.agreed_level) AS level_agreed,
         p.closing_level_achieved AS level_achieved, p.closing_barriers AS barriers, p.ladder_reason,
         t.closed * coalesce(p.closing_entries, 0) AS entries,
         -- a deadline settled in the period settled by one of its events, so its project is here
         (SELECT count(*)::int FROM unnest(p.papers_settled_at) s(at) WHERE s.at >= $2 AND s.at < $3)
           AS papers_settled,
         (p.ack_settled_at >= $2 AND p.ack_settled_at < $3) AS ack_settled
  FROM reported t
  JOIN projects p ON p.id = t.project_id
),
counts AS (
  SELECT coalesce(sum(started), 0)::int AS started, coalesce(sum(closed), 0)::int AS closed,
         coalesce(sum(entries), 0)::int AS entries,
         coalesce(sum(ladder_checks), 0)::int AS ladder_checks,
         coalesce(sum(meeting_checks), 0)::int AS meeting_checks,
         coalesce(sum(briefing_checks), 0)::int AS briefing_checks,
         coalesce(sum(papers_settled), 0)::int AS papers_checks,
         count(*) FILTER (WHERE ack_settled)::int AS ack_checks
  FROM levels
),
details AS (
  SELECT -- a raise into the levels briefing.beforeWork covers, after the briefing was completed
         count(*) FILTER (WHERE type = 'LadderLevelChanged' AND data->>'level' = ANY($5::text[])
                            AND NOT data->>'from' = ANY($5::text[]) AND briefing_version < sequence)::int
           AS raises_after_briefing
  FROM dt
),
achieved AS (
  SELECT coalesce(jsonb_object_agg(level_achieved, n), '{}'::jsonb) AS counts
  FROM (SELECT level_achieved, sum(closed)::int AS n FROM levels
        WHERE closed > 0 GROUP BY level_achieved) x
),
breaches AS (
  SELECT coalesce(jsonb_object_agg(rule, n), '{}'::jsonb) AS counts
  FROM (SELECT data->>'rule' AS rule, count(*)::int AS n FROM dt
        WHERE type = 'CharterBreachRecorded' AND data->>'rule' IS NOT NULL GROUP BY 1) x
),
agreed AS (
  SELECT coalesce(jsonb_object_agg(level, n), '{}'::jsonb) AS counts
  FROM (SELECT agreed_level AS level, sum(started)::int AS n FROM levels
        WHERE started > 0 AND agreed_level IS NOT NULL GROUP BY agreed_level) x
),
summaries AS (
  SELECT coalesce(json_agg(json_build_object(
           'projectId', b.id,
           'title', b.title,
           'levelAgreed', b.level_agreed,
           'levelAchieved', b.level_achieved,
           'reason', CASE WHEN b.achieved_rank < b.agreed_rank THEN nullif(btrim(b.barriers), '')
                          ELSE b.ladder_reason END
         ) ORDER BY b.created_at, b.id), '[]'::json) AS list
  FROM (SELECT v.*, array_position($6::text[], v.level_agreed) AS agreed_rank,
               array_position($6::text[], v.level_achieved) AS achieved_rank
        FROM levels v WHERE v.touched) b
  WHERE b.agreed_rank < $7 OR b.achieved_rank < $7
),
project_breaches AS (
  SELECT project_id, json_agg(json_build_object(
           'id', data->>'breachId',
           'rule', data->>'rule',
           'atMs', floor(extract(epoch FROM occurred_at) * 1000)::bigint,
           'detail', data->>'detail',
           'reason', reason,
           'meetingId', data->>'meetingId'
         ) ORDER BY sequence) AS list
  FROM dt WHERE type = 'CharterBreachRecorded'
  GROUP BY project_id
),
project_list AS (
  SELECT coalesce(json_agg(json_build_object(
           'projectId', v.id,
           'title', v.title,
           'phase', v.phase,
           'levelAgreed', v.level_agreed,
           'levelAchieved', v.level_achieved,
           'startedAtMs', floor(extract(epoch FROM v.created_at) * 1000)::bigint,
           'breaches', coalesce(b.list, '[]'::json)
         ) ORDER BY v.created_at, v.id), '[]'::json) AS list
  FROM levels v LEFT JOIN project_breaches b ON b.project_id = v.id
)
SELECT counts.started, counts.closed, counts.entries, counts.ladder_checks, counts.meeting_checks,
       counts.briefing_checks + details.raises_after_briefing AS briefing_checks, counts.papers_checks,
       counts.ack_checks, agreed.counts AS agreed, achieved.counts AS achieved, breaches.counts AS breaches,
       summaries.list AS summaries, project_list.list AS projects
FROM counts, details, agreed, achieved, breaches, summaries, project_list`;

interface ReportRow {
  started: number;
  closed: number;
  entries: number;
  ladder_checks: number;
  meeting_checks: number;
  briefing_checks: number;
  papers_checks: number;
  ack_checks: number;
  agreed: Record<string, number>;
  achieved: Record<string, number>;
  breaches: Record<string, number>;
  summaries: ProjectSummaryData[];
  projects: (Omit<ReportedProjectData, 'startedAt' | 'breaches'> & {
    startedAtMs: number;
    breaches: (Omit<ReportedBreachData, 'at'> & { atMs: number })[];
  })[];
}

/** How many times each rule was checked, from the counts the query returns. */
function checksOf(rule: RuleId, row: ReportRow): number {
  switch (rule) {
    case 'ladder.reasonRequired':
      return row.ladder_checks;
    case 'briefing.beforeWork':
      return row.briefing_checks;
    case 'meeting.minBookingNoticeDays':
    case 'meeting.window':
    case 'meeting.maxDurationMinutes':
    case 'meeting.avoidSchoolRun':
    case 'meeting.avoidSchoolHolidays':
      return row.meeting_checks;
    case 'papers.minNoticeDays':
      return row.papers_checks;
    case 'feedback.ackWorkingDays':
      return row.ack_checks;
    case 'report.youSaidWeDid':
      return row.closed;
    case 'board.reportEveryMonths':
    case 'charter.reviewEveryMonths':
      return 0;
  }
}

const reportParams = (charterId: string, periodStart: string, periodEnd: string) => [
  charterId,
  periodStart,
  periodEnd,
  BOARD_REPORT_EVENT_TYPES,
  BRIEFED_LEVELS,
  [...LADDER_LEVELS],
  LADDER_LEVELS.indexOf('CO_PRODUCTION') + 1,
];

/** The report's statement and its parameters, for EXPLAIN in the benchmark. */
export function boardReportStatement(charterId: string, from: string, to: string) {
  return {
    sql: REPORT_SQL,
    params: reportParams(
      charterId,
      startOfLondonDay(from).toISOString(),
      startOfLondonDay(addDays(to, 1)).toISOString(),
    ),
  };
}

export class BoardReportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The board report of charter `charterId` for the London days `from` to `to` (both
   * included). Throws InvalidInputError for an unknown charter or a malformed period
   * (validateBoardReportInput says which argument is at fault).
   */
  async report(charterId: string, from: string, to: string): Promise<BoardReportData> {
    const problem = validateBoardReportInput(charterId, from, to);
    if (problem) throw new InvalidInputError(problem.message);
    const charter = findCharter(charterId)!;
    const periodStart = startOfLondonDay(from).toISOString();
    const periodEnd = startOfLondonDay(addDays(to, 1)).toISOString();

    const [row] = (await this.dataSource.query(
      REPORT_SQL,
      reportParams(charterId, periodStart, periodEnd),
    )) as ReportRow[];

    return {
      charterId,
      from,
      to,
      periodStart,
      periodEnd,
      projectsStarted: row.started,
      projectsClosed: row.closed,
      ladder: LADDER_LEVELS.map((level) => ({
        level,
        agreed: row.agreed[level] ?? 0,
        achieved: row.achieved[level] ?? 0,
      })),
      compliance: RULE_IDS.filter((rule) => ruleOf(charter, rule).mode !== 'OFF').map((rule) => ({
        rule,
        checked: checksOf(rule, row),
        breached: row.breaches[rule] ?? 0,
      })),
      coProductionNotAchieved: row.summaries,
      youSaidWeDidCount: row.entries,
      projects: row.projects.map(({ startedAtMs, breaches, ...project }) => ({
        ...project,
        startedAt: new Date(startedAtMs).toISOString(),
        breaches: breaches.map(({ atMs, ...breach }) => ({ ...breach, at: new Date(atMs).toISOString() })),
      })),
    };
  }
}
