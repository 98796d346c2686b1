// The board report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
// they hold a comma, a quote or a line break), UTF-8 with a byte order mark so that
// spreadsheet programs read it as UTF-8. One section per table, separated by an empty line;
// each section starts with its title, then a header row.
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
    row('How the numbers are counted'),
    row('Note'),
    ...DEFINITIONS.map((d) => row(d)),
  ];
  return BOM + lines.join(CRLF) + CRLF;
}
