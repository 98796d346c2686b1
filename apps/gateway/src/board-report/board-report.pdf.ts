// The board report as a PDF (pdfkit): the numbers, a bar chart of the ladder mix drawn with
// pdfkit's vector graphics, the compliance table, the projects below co-production, and how
// the numbers are counted. Plain English, abbreviations expanded. Tagged for screen readers
// (pdf-structure.ts): headings, paragraphs, tables with header cells, the chart with its
// alternative text, language en-GB; every page says when the report was made and its number.
import PDFDocument from 'pdfkit';
import { formatLongDate, londonDateOf } from '../../../../libs/domain/src/calendar';
import type { BoardReportView } from './board-report.service';
import { DEFINITIONS, levelWords, ruleWords } from './board-report.words';
import { formatLondonInstant } from '../../../../libs/domain/src/calendar/london-time';
import { artifact, endStructure, group, startStructure, tag } from './pdf-structure';

const COLOURS = {
  agreed: '#1d70b8',
  achieved: '#00703c',
  text: '#0b0c0c',
  muted: '#505a5f',
  rule: '#b1b4b6',
};
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * The standard PDF fonts cover Windows-1252 only: other characters (say, emoji) are shown
 * as "?" rather than as a wrong letter. The CSV download keeps every character.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfText(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') return ch;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
    return code <= 0xff || WIN_ANSI_EXTRAS.has(ch) ? ch : '?';
  }).join('');
}

type Doc = PDFKit.PDFDocument;

/** The latest signed checkpoint of the audit log, so the board can check the log later. */
function auditCheckpoint(doc: Doc, report: BoardReportView) {
  heading(doc, 'Audit log checkpoint');
  const c = report.checkpoint;
  if (!c) {
    paragraph(doc, 'No checkpoint of the audit log has been signed yet.');
    return;
  }
  paragraph(
    doc,
    `The whole audit log had ${c.treeSize} events when this checkpoint was signed on ` +
      `${formatLongDate(londonDateOf(new Date(c.signedAt)))}. Keep it: the offline checker ` +
      '(verify-audit --checkpoint) shows whether any of those events was changed or removed since.',
  );
  doc.moveDown(0.3);
  paragraph(doc, c.note, { font: 'Courier', size: 8 });
  if (c.publicKey) {
    doc.moveDown(0.3);
    paragraph(doc, `Public key: ${c.publicKey}`, { size: 8, colour: COLOURS.muted });
  }
}

function contentWidth(doc: Doc) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc) {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points fit below the cursor. */
function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, level: 'H2' | 'H3' = 'H2') {
  ensureSpace(doc, level === 'H2' ? 60 : 40);
  doc
    .moveDown(level === 'H2' ? 0.8 : 0.4)
    .font(BOLD)
    .fontSize(level === 'H2' ? 14 : 11)
    .fillColor(COLOURS.text);
  tag(doc, level, () => doc.text(pdfText(text), doc.page.margins.left));
  doc.moveDown(0.3).font(FONT).fontSize(10);
}

function paragraph(doc: Doc, text: string, options: { colour?: string; size?: number; font?: string } = {}) {
  doc
    .font(options.font ?? FONT)
    .fontSize(options.size ?? 10)
    .fillColor(options.colour ?? COLOURS.text);
  tag(doc, 'P', () => doc.text(pdfText(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) }));
}

/** A table: the first column wraps, the others are right-aligned numbers. */
function table(doc: Doc, headers: string[], rows: (string | number)[][], numberWidth = 70) {
  const left = doc.page.margins.left;
  const firstWidth = contentWidth(doc) - numberWidth * (headers.length - 1);
  const drawRow = (cells: (string | number)[], font: string) => {
    doc.font(font).fontSize(10);
    const texts = cells.map((c) => pdfText(String(c)));
    const height =
      Math.max(
        doc.heightOfString(texts[0], { width: firstWidth - 8 }),
        ...texts.slice(1).map((t) => doc.heightOfString(t, { width: numberWidth - 4 })),
      ) + 6;
    ensureSpace(doc, height);
    const y = doc.y;
    const cell = font === BOLD ? 'TH' : 'TD';
    group(doc, 'TR', () => {
      doc.fillColor(COLOURS.text);
      tag(doc, cell, () => doc.text(texts[0], left, y + 3, { width: firstWidth - 8 }));
      texts.slice(1).forEach((t, i) =>
        tag(doc, cell, () =>
          doc.text(t, left + firstWidth + i * numberWidth, y + 3, {
            width: numberWidth - 4,
            align: 'right',
          }),
        ),
      );
    });
    artifact(doc, () =>
      doc
        .moveTo(left, y + height)
        .lineTo(left + contentWidth(doc), y + height)
        .lineWidth(0.5)
        .strokeColor(COLOURS.rule)
        .stroke(),
    );
    doc.x = left;
    doc.y = y + height;
  };
  group(doc, 'Table', () => {
    drawRow(headers, BOLD);
    rows.forEach((r) => drawRow(r, FONT));
  });
}

/** A grouped bar chart: for each rung of the ladder, projects at that agreed and achieved level. */
function ladderChart(doc: Doc, report: BoardReportView) {
  const chartHeight = 170;
  const total = 250;
  ensureSpace(doc, total);
  const left = doc.page.margins.left + 30;
  const width = contentWidth(doc) - 30;
  const top = doc.y + 30;
  const baseY = top + chartHeight;
  const max = Math.max(1, ...report.ladder.flatMap((l) => [l.agreed, l.achieved]));
  const step = niceStep(max);
  const scaleMax = Math.ceil(max / step) * step;

  // Legend.
  const legend = [
    { label: 'Agreed level (projects started in the period)', colour: COLOURS.agreed },
    { label: 'Achieved level (projects closed in the period)', colour: COLOURS.achieved },
  ];
  let lx = left;
  doc.font(FONT).fontSize(9);
  for (const item of legend) {
    doc.rect(lx, top - 24, 10, 10).fill(item.colour);
    doc.fillColor(COLOURS.text).text(item.label, lx + 14, top - 23, { lineBreak: false });
    lx += 14 + doc.widthOfString(item.label) + 20;
  }

  // Axis and grid lines, with the counts.
  for (let v = 0; v <= scaleMax; v += step) {
    const y = baseY - (v / scaleMax) * chartHeight;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(v === 0 ? 1 : 0.5)
      .strokeColor(v === 0 ? COLOURS.text : COLOURS.rule)
      .stroke();
    doc
      .fillColor(COLOURS.muted)
      .fontSize(8)
      .text(String(v), left - 30, y - 4, { width: 24, align: 'right', lineBreak: false });
  }

  // Bars, each with its count above it so the chart does not rely on colour alone.
  const group = width / report.ladder.length;
  const barWidth = Math.min(40, group / 3);
  report.ladder.forEach((l, i) => {
    const x0 = left + i * group + (group - 2 * barWidth - 6) / 2;
    [
      { value: l.agreed, colour: COLOURS.agreed, x: x0 },
      { value: l.achieved, colour: COLOURS.achieved, x: x0 + barWidth + 6 },
    ].forEach((bar) => {
      const h = (bar.value / scaleMax) * chartHeight;
      if (h > 0) doc.rect(bar.x, baseY - h, barWidth, h).fill(bar.colour);
      doc
        .fillColor(COLOURS.text)
        .fontSize(9)
        .text(String(bar.value), bar.x - 10, baseY - h - 12, {
          width: barWidth + 20,
          align: 'center',
          lineBreak: false,
        });
    });
    doc
      .fillColor(COLOURS.text)
      .fontSize(9)
      .text(levelWords(l.level), left + i * group, baseY + 6, {
        width: group,
        align: 'center',
        lineBreak: false,
      });
  });
  doc.x = doc.page.margins.left;
  doc.y = baseY + 30;
}

/** The chart in words, for a reader who cannot see it. */
function ladderChartAlt(report: BoardReportView): string {
  const bars = report.ladder.map((l) => `${levelWords(l.level)}: ${l.agreed} agreed, ${l.achieved} achieved`);
  return `Bar chart of projects by level of participation. ${bars.join('; ')}. The table below gives the same numbers.`;
}

/** Each project's broken promises: which, when, what happened and the reason recorded. */
function promisesBroken(doc: Doc, report: BoardReportView) {
  heading(doc, 'Promises broken, project by project');
  const projects = report.projects.filter((p) => p.breaches.length > 0);
  if (projects.length === 0) {
    paragraph(doc, 'No promise of the charter was recorded as broken on any project in the period.');
    return;
  }
  paragraph(
    doc,
    'Each promise of the charter that was checked and broken on a project in the period: when it was recorded, what happened, and the reason recorded with it.',
    { colour: COLOURS.muted },
  );
  for (const p of projects) {
    heading(doc, p.title, 'H3');
    for (const b of p.breaches) {
      ensureSpace(doc, 45);
      paragraph(doc, `${ruleWords(b.rule).asks}: broken on ${formatLondonInstant(new Date(b.at))}.`, {
        font: BOLD,
      });
      paragraph(doc, b.detail);
      paragraph(doc, `Reason recorded: ${b.reason ?? 'none given'}`, { colour: COLOURS.muted });
      doc.moveDown(0.4);
    }
  }
}

/** The foot of every page: when the report was made, and the page number of the total. */
function pageFooters(doc: Doc, madeAt: Date) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin would otherwise add a page
    artifact(
      doc,
      () =>
        doc
          .font(FONT)
          .fontSize(8)
          .fillColor(COLOURS.muted)
          .text(
            `Made on ${formatLondonInstant(madeAt)} (UK time). Page ${i - start + 1} of ${count}`,
            doc.page.margins.left,
            doc.page.height - bottomMargin + 15,
            { width: contentWidth(doc), align: 'center', lineBreak: false },
          ),
      'Pagination',
    );
    doc.page.margins.bottom = bottomMargin;
  }
}

/** A step for the count axis: 1, 2 or 5 times a power of ten, giving at most 5 lines. */
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  for (const m of [1, 2, 5, 10]) if (m * power >= rough) return Math.max(1, m * power);
  return 10 * power;
}

export function boardReportPdf(report: BoardReportView): Promise<Buffer> {
  const madeAt = new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: {
      Title: pdfText(`Board report: ${report.charter.name}, ${report.from} to ${report.to}`),
      Subject: 'Co-production projects under the charter, for the board',
      Creator: 'Co-production engine',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  startStructure(doc);
  doc.font(BOLD).fontSize(20).fillColor(COLOURS.text);
  tag(doc, 'H1', () => doc.text('Board report'));
  doc.moveDown(0.2);
  paragraph(doc, report.charter.name, { size: 13 });
  if (report.charter.boardName)
    paragraph(doc, `For the ${report.charter.boardName}`, { colour: COLOURS.muted });
  doc.moveDown(0.5);
  paragraph(
    doc,
    `Period: ${formatLongDate(report.from)} to ${formatLongDate(report.to)}, both days included (UK time).`,
  );
  paragraph(doc, `Made on ${formatLondonInstant(madeAt)} (UK time).`, { colour: COLOURS.muted });

  heading(doc, 'Summary');
  table(
    doc,
    ['What was counted', 'Number'],
    [
      ['Projects started', report.projectsStarted],
      ['Projects closed', report.projectsClosed],
      ['"You said, we did" entries in closing reports', report.youSaidWeDidCount],
    ],
  );

  heading(doc, 'Ladder of participation');
  paragraph(
    doc,
    'How far parent carers and young people take part in each project: information only, consultation, partnership or co-production.',
    { colour: COLOURS.muted },
  );
  ensureSpace(doc, 250);
  tag(doc, 'Figure', () => ladderChart(doc, report), { alt: ladderChartAlt(report) });
  table(
    doc,
    ['Level', 'Agreed', 'Achieved'],
    report.ladder.map((l) => [levelWords(l.level), l.agreed, l.achieved]),
  );

  heading(doc, 'Charter rules: checks and breaches');
  if (report.compliance.length === 0) paragraph(doc, 'This charter switches every rule off.');
  else
    table(
      doc,
      ['What the rule asks (what counts as a check)', 'Checked', 'Breached'],
      report.compliance.map((c) => {
        const words = ruleWords(c.rule);
        return [`${words.asks} (${words.check}).`, c.checked, c.breached];
      }),
    );
  promisesBroken(doc, report);

  heading(doc, 'Projects below co-production');
  if (report.coProductionNotAchieved.length === 0)
    paragraph(
      doc,
      'None: every project started or closed in the period was agreed and achieved at co-production.',
    );
  for (const p of report.coProductionNotAchieved) {
    heading(doc, p.title, 'H3');
    const achieved = p.levelAchieved ? levelWords(p.levelAchieved) : 'not closed yet';
    paragraph(
      doc,
      `Level agreed: ${levelWords(p.levelAgreed) || 'not agreed yet'}. Level achieved: ${achieved}.`,
    );
    paragraph(doc, `Reason: ${p.reason ?? 'none given'}`, { colour: COLOURS.muted });
    doc.moveDown(0.4);
  }

  auditCheckpoint(doc, report);

  heading(doc, 'How the numbers are counted');
  for (const d of DEFINITIONS) {
    paragraph(doc, `• ${d}`, { size: 9, colour: COLOURS.muted });
    doc.moveDown(0.2);
  }

  pageFooters(doc, madeAt);
  endStructure(doc);
  doc.end();
  return done;
}
