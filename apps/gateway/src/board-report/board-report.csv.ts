// The board report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
// they hold a comma, a quote or a line break), UTF-8 with a byte order mark so that
// spreadsheet programs read it as UTF-8.
//
// `boardReportCsvTable`: one tidy table per download (`?table=`), for filtering and pivoting:
// one header row, then one row per record. `boardReportCsv` (no `table`): every table in one
// file, one section per table, separated by an empty line; each section starts with its
// title, then a header row.
import { londonWallClock } from '../../../../libs/domain/src/calendar';
import { PHASE_WORDS, sentenceCase } from '../../../../libs/domain/src/plain-english';
import type { BoardReportView } from './board-report.service';
import { DEFINITIONS, levelWords, ruleWords } from './board-report.words';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** One field, quoted when RFC 4180 needs it. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Free text a person typed (titles, reasons): a leading =, +, -, @ or control character
 * would make a spreadsheet run it as a formula, so such text gets a leading apostrophe.
 */
export function csvText(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const row = (...fields: (string | number)[]) => fields.map(csvField).join(',');

/** The tables a download may hold alone (`?table=`). */
export const CSV_TABLES = ['summary', 'ladder', 'rules', 'breaches', 'projects'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** Each table: its header row and its rows, one per record. */
const TABLES: Record<CsvTable, (report: BoardReportView) => (string | number)[][]> = {
  summary: (report) => [
    [
      'Charter',
      'Board',
      'First day',
      'Last day (included)',
      'Projects started',
      'Projects closed',
      '"You said, we did" entries',
      'Promises broken',
    ],
    [
      report.charter.name,
      report.charter.boardName ?? '',
      report.from,
      report.to,
      report.projectsStarted,
      report.projectsClosed,
      report.youSaidWeDidCount,
      report.projects.reduce((n, p) => n + p.breaches.length, 0),
    ],
  ],
  ladder: (report) => [
    ['Level', 'Projects started at this agreed level', 'Projects closed at this achieved level'],
    ...report.ladder.map((l) => [levelWords(l.level), l.agreed, l.achieved]),
  ],
  rules: (report) => [
    ['Promise (what the rule asks)', 'What counts as a check', 'Times checked', 'Times broken'],
    ...report.compliance.map((c) => [ruleWords(c.rule).asks, ruleWords(c.rule).check, c.checked, c.breached]),
  ],
  breaches: (report) => [
    [
      'Project',
      'Promise (what the rule asks)',
      'Date (UK)',
      'Time (UK)',
      'What happened',
      'Reason recorded',
      'Project id',
    ],
    ...report.projects.flatMap((p) =>
      p.breaches.map((b) => {
        const clock = londonWallClock(new Date(b.at));
        return [
          csvText(p.title),
          ruleWords(b.rule).asks,
          clock.date,
          clock.time,
          csvText(b.detail),
          csvText(b.reason),
          p.projectId,
        ];
      }),
    ),
  ],
  projects: (report) => [
    [
      'Project',
      'Stage',
      'Started on (UK)',
      'Level agreed',
      'Level achieved',
      'Promises broken in the period',
      'Reason below co-production',
      'Project id',
    ],
    ...report.projects.map((p) => [
      csvText(p.title),
      sentenceCase(PHASE_WORDS[p.phase]),
      londonWallClock(new Date(p.startedAt)).date,
      levelWords(p.levelAgreed),
      levelWords(p.levelAchieved),
      p.breaches.length,
      csvText(report.coProductionNotAchieved.find((s) => s.projectId === p.projectId)?.reason ?? null),
      p.projectId,
    ]),
  ],
};

/** One table of the report as its own CSV file: a header row, then one row per record. */
export function boardReportCsvTable(report: BoardReportView, table: CsvTable): string {
  return (
    BOM +
    TABLES[table](report)
      .map((fields) => row(...fields))
      .join(CRLF) +
    CRLF
  );
}

export function boardReportCsv(report: BoardReportView): string {
  const lines: string[] = [
    row('Board report'),
    row('Item', 'Value'),
    row('Charter', report.charter.name),
    row('Charter id', report.charter.id),
    row('Board', report.charter.boardName ?? ''),
    row('First day', report.from),
    row('Last day (included)', report.to),
    row('Projects started', report.projectsStarted),
    row('Projects closed', report.projectsClosed),
    row('"You said, we did" entries', report.youSaidWeDidCount),
    '',
    row('Ladder of participation'),
    row(
      'Level',
      'Level code',
      'Projects started at this agreed level',
      'Projects closed at this achieved level',
    ),
    ...report.ladder.map((l) => row(levelWords(l.level), l.level, l.agreed, l.achieved)),
    '',
    row('Charter rules'),
    row('Rule', 'What the rule asks', 'Times checked', 'Times breached', 'What counts as a check'),
    ...report.compliance.map((c) => {
      const words = ruleWords(c.rule);
      return row(c.rule, words.asks, c.checked, c.breached, words.check);
    }),
    '',
    row('Projects below co-production'),
    row('Project id', 'Title', 'Level agreed', 'Level achieved', 'Reason'),
    ...report.coProductionNotAchieved.map((p) =>
      row(
        p.projectId,
        csvText(p.title),
        levelWords(p.levelAgreed),
        levelWords(p.levelAchieved),
        csvText(p.reason),
      ),
    ),
    '',
    row('Promises broken'),
    ...TABLES.breaches(report).map((fields) => row(...fields)),
    '',
    row('How the numbers are counted'),
    row('Note'),
    ...DEFINITIONS.map((d) => row(d)),
  ];
  return BOM + lines.join(CRLF) + CRLF;
}
