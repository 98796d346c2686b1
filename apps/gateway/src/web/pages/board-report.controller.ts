// The board report page (CONTRACT.md "Web"): what a charter's projects did in a period, for
// its board, through the same BoardReportService (and so the same authorisation) as the
// GraphQL boardReport query and the CSV and PDF downloads it links to.
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addDays, isValidIsoDate, londonDateOf } from '../../../../../libs/domain/src/calendar';
import { findCharter } from '../../../../../libs/domain/src/charters';
import { DomainError } from '../../../../../libs/domain/src/errors';
import { BoardReportService, type BoardReportView } from '../../board-report/board-report.service';
import { CSV_TABLES } from '../../board-report/board-report.csv';
import { levelWords, ruleWords } from '../../board-report/board-report.words';
import { fieldErrorsOf, formRefusalOf, type PageError } from '../rendering/form-refusal';
import { PageRenderer } from '../rendering/page-renderer';
import { sendProblemPage } from '../rendering/problem-page';
import { sendPage } from '../rendering/send-page';
import { PHASE_WORDS } from '../rendering/words';
import { sentenceCase } from '../../../../../libs/domain/src/plain-english';
import { WebContextService } from '../session/web-context.service';
import { ladderChart } from '../rendering/ladder-chart';

type Query = Record<string, unknown>;

/** The default period: the six months up to today (London). */
export function defaultPeriod(today = londonDateOf(new Date())): { from: string; to: string } {
  const [year, month, day] = today.split('-').map(Number);
  const back = new Date(Date.UTC(year, month - 1 - 6, 1));
  const lastDay = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 0)).getUTCDate();
  back.setUTCDate(Math.min(day, lastDay));
  return { from: addDays(back.toISOString().slice(0, 10), 1), to: today };
}

const LABELS = { from: 'start', to: 'end' } as const;

/**
 * One day of the period from the form's day, month and year fields (`from-day` …), or from
 * the address's `from=YYYY-MM-DD`; the GOV.UK message when the fields are not a real date.
 */
function dayOf(query: Query, name: 'from' | 'to', fallback: string) {
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '');
  const parts = { day: text(`${name}-day`), month: text(`${name}-month`), year: text(`${name}-year`) };
  const fromFields = parts.day !== '' || parts.month !== '' || parts.year !== '';
  if (!fromFields) {
    const value = query[name] === undefined ? fallback : text(name);
    const [year = '', month = '', day = ''] = isValidIsoDate(value) ? value.split('-') : ['', '', ''];
    const valid = isValidIsoDate(value);
    return {
      value,
      parts: valid ? { day: String(Number(day)), month: String(Number(month)), year } : parts,
      problem: valid ? null : `The ${LABELS[name]} date must be a real date, like 1 4 2027`,
    };
  }
  const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
  const value = `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  let problem: string | null = null;
  if (missing.length === 3) problem = `Enter the ${LABELS[name]} date`;
  else if (missing.length) problem = `The ${LABELS[name]} date must include a ${missing.join(' and a ')}`;
  else if (!/^\d{4}$/.test(parts.year) || !isValidIsoDate(value))
    problem = `The ${LABELS[name]} date must be a real date, like 1 4 2027`;
  return { value, parts, problem };
}

const FIELDS = { from: 'from-day', to: 'to-day' };

/** What is wrong with the period as the form gave it, field by field. */
function periodProblems(from: ReturnType<typeof dayOf>, to: ReturnType<typeof dayOf>): PageError[] {
  const problems: PageError[] = [];
  if (from.problem) problems.push({ field: FIELDS.from, text: from.problem });
  if (to.problem) problems.push({ field: FIELDS.to, text: to.problem });
  if (!problems.length && to.value < from.value)
    problems.push({ field: FIELDS.to, text: 'The end date must be the same as or after the start date' });
  return problems;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** A promise's record in the period, in words. */
export function promiseInWords(checked: number, breached: number): string {
  if (checked === 0 && breached === 0) return 'Not checked in this period.';
  if (breached === 0) return `Kept every time: checked ${times(checked)}.`;
  // A promise no project step checks may still have breaches recorded: then only those count.
  if (checked <= breached) return `Broken ${times(breached)}${checked ? `, every time it was checked` : ''}.`;
  return `Broken ${times(breached)}, kept ${times(checked - breached)} (checked ${times(checked)}).`;
}

/** The report as the template shows it: words, never codes. */
function reportView(report: BoardReportView) {
  const breaches = report.projects.reduce((n, p) => n + p.breaches.length, 0);
  const belowCoProduction = new Map(report.coProductionNotAchieved.map((s) => [s.projectId, s]));
  const base = `/reports/board?${new URLSearchParams({ charterId: report.charter.id, from: report.from, to: report.to })}`;
  return {
    charter: report.charter,
    from: report.from,
    to: report.to,
    figures: [
      { name: 'Projects started', value: report.projectsStarted },
      { name: 'Projects closed', value: report.projectsClosed },
      { name: '"You said, we did" entries published', value: report.youSaidWeDidCount },
      { name: 'Promises broken', value: breaches },
    ],
    ladder: report.ladder.map((l) => ({
      level: levelWords(l.level),
      agreed: l.agreed,
      achieved: l.achieved,
    })),
    chart: ladderChart(
      report.ladder.map((l) => ({ label: levelWords(l.level), a: l.agreed, b: l.achieved })),
    ),
    rules: report.compliance.map((c) => ({
      promise: ruleWords(c.rule).asks,
      check: sentenceCase(ruleWords(c.rule).check),
      checked: c.checked,
      breached: c.breached,
      words: promiseInWords(c.checked, c.breached),
    })),
    belowCoProduction: report.coProductionNotAchieved.map((s) => ({
      projectId: s.projectId,
      title: s.title,
      agreed: levelWords(s.levelAgreed) || 'Not agreed yet',
      achieved: levelWords(s.levelAchieved) || 'Not closed yet',
      reason: s.reason,
    })),
    projects: report.projects.map((p) => ({
      projectId: p.projectId,
      title: p.title,
      phase: sentenceCase(PHASE_WORDS[p.phase]),
      startedAt: p.startedAt,
      agreed: levelWords(p.levelAgreed) || 'Not agreed yet',
      achieved: levelWords(p.levelAchieved),
      reason: belowCoProduction.get(p.projectId)?.reason ?? null,
      breaches: p.breaches.map((b) => ({
        at: b.at,
        promise: ruleWords(b.rule).asks,
        detail: b.detail,
        reason: b.reason,
      })),
    })),
    breaches,
    checkpoint: report.checkpoint,
    downloads: {
      pdf: `${base}&format=pdf`,
      csv: `${base}&format=csv`,
      tables: CSV_TABLES.map((table) => ({ table, href: `${base}&table=${table}` })),
    },
  };
}

@Controller('boards')
export class BoardReportPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly web: WebContextService,
    private readonly reports: BoardReportService,
  ) {}

  @Get(':charterId/report')
  async report(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('charterId') charterId: string,
    @Query() query: Query,
  ) {
    const who = await this.web.session(request);
    if (!who) return this.web.toSignIn(request, reply);
    const frame = this.web.frame(request, reply, who);
    const period = defaultPeriod();
    const from = dayOf(query, 'from', period.from);
    const to = dayOf(query, 'to', period.to);
    const errors: PageError[] = [];
    let report: BoardReportView | null = null;
    try {
      // Who may see it is the service's to say, before anything about the dates.
      report = await this.reports.report(who.actor, charterId, from.value, to.value);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'FORBIDDEN')
        return sendProblemPage(
          reply,
          this.pages,
          {
            ...frame,
            title: 'You cannot see this board report',
            lines: [
              'Only members of the board of this charter can see its board report.',
              'If you sit on this board, ask a charter administrator to give you the board member role.',
            ],
            link: { href: '/projects', text: 'Go to your projects' },
          },
          403,
        );
      // The dates in the form's words where the form can say what is wrong; else the service's.
      const problems = periodProblems(from, to);
      errors.push(...(problems.length ? problems : formRefusalOf(err, { fields: FIELDS }).errors));
    }
    const charterName = findCharter(charterId)?.name ?? 'this charter';
    return sendPage(
      reply,
      this.pages.render('pages/board/report.njk', {
        ...frame,
        title: `Board report for ${charterName}`,
        section: `board:${charterId}`,
        errors,
        charterId,
        form: { from: from.parts, to: to.parts },
        fieldErrors: fieldErrorsOf(errors),
        report: report ? reportView(report) : null,
      }),
      errors.length ? 400 : 200,
    );
  }
}
