// GET /reports/board?charterId=…&from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|pdf: the board
// report as a download, for BOARD in the charter; `&table=summary|ladder|rules|breaches|projects`
// gives one table alone as CSV (a table implies format=csv). Authenticated with the same bearer token
// as GraphQL, or the browser's session cookie (the board report page links here). Refusals are JSON
// shaped like GraphQL's errors, with the HTTP status of the
// code: 401 UNAUTHENTICATED, 403 FORBIDDEN, 400 BAD_USER_INPUT (field named).
import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badInput } from '../../../../libs/domain/src/errors';
import { unauthenticated } from '../common/app-error';
import { sendRefusal } from '../common/http-refusal';
import { SignedInService } from '../identity/signed-in.service';
import { boardReportCsv, boardReportCsvTable, CSV_TABLES, type CsvTable } from './board-report.csv';
import { boardReportPdf } from './board-report.pdf';
import { BoardReportService } from './board-report.service';

const FORMATS = ['csv', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

/** One query parameter as text; a repeated or missing one is refused, naming it. */
function parameter(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw badInput(name, `Give "${name}" once in the address, e.g. ${EXAMPLE}.`);
  return value.trim();
}

const EXAMPLE = '/reports/board?charterId=worcestershire&from=2027-01-01&to=2027-06-30&format=pdf';

/** The one table asked for (`table=`), or null for every table in one file. */
function tableOf(value: unknown, format: Format): CsvTable | null {
  if (value === undefined) return null;
  const valid = `Choose one of: ${CSV_TABLES.map((t) => `table=${t}`).join(', ')}; or leave "table" out for every table in one file.`;
  if (typeof value !== 'string' || !CSV_TABLES.includes(value.trim() as CsvTable))
    throw badInput(
      'table',
      `${typeof value === 'string' ? `There is no table "${value}" in the board report.` : 'Give "table" once in the address.'} ${valid}`,
    );
  if (format !== 'csv')
    throw badInput(
      'table',
      'A single table comes as a CSV file: use format=csv with "table", or leave "table" out for the PDF.',
    );
  return value.trim() as CsvTable;
}

@Controller('reports')
export class BoardReportController {
  private readonly logger = new Logger(BoardReportController.name);

  constructor(
    private readonly reports: BoardReportService,
    private readonly signedIn: SignedInService,
  ) {}

  @Get('board')
  async board(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    let notice: string | null = null;
    try {
      // A bearer token, or the browser's session: the board report page links here.
      const check = await this.signedIn.check(request);
      if (!('actor' in check)) throw unauthenticated(check.problem);
      notice = check.notice;
      // charterId is needed to know whose board is asking; the rest is checked after authorization.
      const charterId = parameter(query, 'charterId');
      const tableText = query.table;
      const formatText =
        query.format === undefined ? (tableText === undefined ? 'pdf' : 'csv') : query.format;
      const from = typeof query.from === 'string' ? query.from.trim() : '';
      const to = typeof query.to === 'string' ? query.to.trim() : '';
      this.reports.check(check.actor, charterId, from, to);
      if (!FORMATS.includes(formatText as Format))
        throw badInput('format', 'Choose the format of the download: format=csv or format=pdf.');
      const format = formatText as Format;
      const table = tableOf(tableText, format);
      const report = await this.reports.report(check.actor, charterId, from, to);
      const body =
        format === 'pdf'
          ? await boardReportPdf(report)
          : Buffer.from(table ? boardReportCsvTable(report, table) : boardReportCsv(report), 'utf8');
      const name = `board-report-${report.charter.id}-${report.from}-to-${report.to}${table ? `-${table}` : ''}.${format}`;
      await reply
        .status(200)
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/pdf',
        )
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    } catch (err) {
      await sendRefusal(reply, err, { realm: 'board reports', logger: this.logger, notice });
    }
  }
}
