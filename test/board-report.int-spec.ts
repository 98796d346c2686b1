// The board report through the running gateway: who may see it (GraphQL and the HTTP
// downloads), its numbers for projects driven through GraphQL mutations, and the CSV and
// PDF downloads agreeing with GraphQL (the PDF read as a reader's tools read it: pdfinfo and
// pdftotext, from poppler-utils, which npm test installs). The stack runs on a database of
// its own, so the projects other test files start today cannot change a count.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, londonDateOf, londonInstant } from '../libs/domain/src/calendar';
import * as Q from './support/documents';
import { cast, startInput, type Cast } from './support/people';
import type { GraphQLResponse } from './support/stack';
import { stackOnOwnDatabaseForFile } from './support/suite';
import { tokenFor } from './support/tokens';
import { bookMeetingTooSoon, ok, step } from './support/answers';

const BOARD_REPORT = `query Report($charterId: ID!, $from: Date!, $to: Date!) {
  boardReport(charterId: $charterId, from: $from, to: $to) {
    charter { id name boardName }
    from to projectsStarted projectsClosed
    ladder { level agreed achieved }
    compliance { rule checked breached }
    coProductionNotAchieved { projectId title levelAgreed levelAchieved reason }
    youSaidWeDidCount
    projects {
      projectId title phase levelAgreed levelAchieved startedAt
      breaches { id rule at detail reason meetingId }
    }
  }
}`;

const W = 'worcestershire';
const { stack } = stackOnOwnDatabaseForFile('board_report_gateway');
let people: Cast;
let baseUrl: string;

// Yesterday to tomorrow in London: every step below happens today.
const from = addDays(londonDateOf(new Date()), -1);
const to = addDays(londonDateOf(new Date()), 1);

beforeAll(() => {
  baseUrl = stack.url.replace(/\/graphql$/, '');
  people = cast(W);
});

const report = (token: string | undefined, variables: Record<string, unknown> = {}) =>
  stack.gql(BOARD_REPORT, { charterId: W, from, to, ...variables }, token);

function download(params: Record<string, string>, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${baseUrl}/reports/board?${new URLSearchParams(params)}`, { headers });
}

const jsonOf = async (res: Response) => (await res.json()) as { errors: any[] };

/** A poppler-utils program's output for a PDF; a plain failure when it is not installed. */
function poppler(program: 'pdfinfo' | 'pdftotext', args: string[], pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `board-report-${randomUUID()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(program, [...args, file, ...(program === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${program} is not installed, so the PDF cannot be checked. npm test installs it (Debian's poppler-utils) when it may; otherwise run "sudo apt-get install -y poppler-utils".`,
      );
    throw err;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The next 10 August at 10:00 in London at least a month away: in the summer school holiday. */
function summerHolidayMorning(): string {
  const today = londonDateOf(new Date());
  const year = Number(today.slice(0, 4));
  const day = addDays(today, 30) <= `${year}-08-10` ? `${year}-08-10` : `${year + 1}-08-10`;
  return londonInstant(day, '10:00').toISOString();
}

/** Text a person reads must not hold the rules' ids. */
const RULE_ID = /\b(ladder|briefing|meeting|papers|feedback|report|board|charter)\.[a-z]+[A-Z]\w*/;

/** RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe(''); // the last line ends with CRLF too
  return rows;
}

/** The CSV's sections (separated by an empty line), by their title row. */
function sections(rows: string[][]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  let current: string[][] = [];
  for (const r of rows) {
    if (r.length === 1 && r[0] === '') {
      current = [];
      continue;
    }
    if (current.length === 0) out[r[0]] = current;
    current.push(r);
  }
  return out;
}

describe('who may see the board report', () => {
  const refusals = () => [
    ['BOARD of another charter', people.otherCharterBoard.token],
    ['LEAD in the charter', people.lead.token],
    ['FORUM in the charter', people.forum.token],
    ['PARENT_REP in the charter', people.rep.token],
    ['KEY_CONTACT in the charter', people.keyContact.token],
  ];

  it('GraphQL: BOARD in the charter only; others FORBIDDEN; no or a bad token UNAUTHENTICATED', async () => {
    expect(ok(await report(people.board.token), 'boardReport').charter).toMatchObject({ id: W });
    for (const [who, token] of refusals()) {
      const res = await report(token);
      expect({ who, data: res.data, code: res.errors?.[0]?.extensions?.code }).toEqual({
        who,
        data: null,
        code: 'FORBIDDEN',
      });
    }
    for (const token of [
      undefined,
      tokenFor({ sub: 'b', roles: ['BOARD'], charters: [W] }, 'wrong-secret'),
    ]) {
      const res = await report(token);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toMatch(/sign in/i);
    }
  });

  it('GraphQL: checks authorization before the input, then names the argument at fault', async () => {
    const refused = (res: GraphQLResponse, code: string, field?: string) => {
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions).toEqual(field ? { code, field } : { code });
    };
    refused(await report(people.forum.token, { from: to, to: from }), 'FORBIDDEN');
    refused(await report(people.board.token, { charterId: 'atlantis' }), 'FORBIDDEN');
    refused(await report(people.board.token, { from: to, to: from }), 'BAD_USER_INPUT', 'to');
    refused(
      await report(people.board.token, { from: '1900-01-01', to: '2100-01-01' }),
      'BAD_USER_INPUT',
      'to',
    );
    const atlantisBoard = tokenFor({ sub: 'a', roles: ['BOARD'], charters: ['atlantis'] });
    refused(await report(atlantisBoard, { charterId: 'atlantis' }), 'BAD_USER_INPUT', 'charterId');
    const badDay = await report(people.board.token, { from: '2027-02-30' });
    expect(badDay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('HTTP download: 200 for BOARD in the charter; 403, 401 and 400 as JSON', async () => {
    const params = { charterId: W, from, to, format: 'csv' };
    const allowed = await download(params, people.board.token);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
    for (const [who, token] of refusals()) {
      const res = await download(params, token);
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await jsonOf(res)).errors[0]).toMatchObject({
        message: expect.stringMatching(/board/),
        extensions: { code: 'FORBIDDEN' },
      });
    }
    for (const token of [undefined, 'not-a-jwt']) {
      const res = await download(params, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await jsonOf(res)).errors[0]).toMatchObject({
        message: expect.stringMatching(/sign in/i),
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    const inputs: [Record<string, string>, string][] = [
      [{ ...params, from: to, to: from }, 'to'],
      [{ ...params, format: 'xlsx' }, 'format'],
      [{ ...params, from: 'yesterday' }, 'from'],
    ];
    for (const [query, field] of inputs) {
      const res = await download(query, people.board.token);
      expect(res.status).toBe(400);
      expect((await jsonOf(res)).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    // Authorization first: a bad format from someone who may not see the report is FORBIDDEN.
    expect((await download({ ...params, format: 'xlsx' }, people.forum.token)).status).toBe(403);
  });
});

describe('the numbers, for projects driven through GraphQL', () => {
  const ids: Record<string, string> = {};
  let expected: Record<string, any>;

  beforeAll(async () => {
    const lead = people.lead.token;
    const start = async (overrides: Record<string, unknown>) =>
      ok(await stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, lead), 'startProject');

    // P1: CO_PRODUCTION agreed by the rep, briefed, a meeting (papers late at once), feedback
    // acknowledged on time, closed at PARTNERSHIP with barriers and two "You said, we did".
    const p1 = await start({ title: 'Short breaks, "holiday" clubs', proposedReason: 'Families design it' });
    ids.p1 = p1.id;
    const repId = p1.participants.find((p: any) => p.role === 'PARENT_REP').id;
    ok(await stack.gql(Q.AGREE, { projectId: p1.id }, people.rep.token), 'agreeLadderLevel');
    ok(
      await stack.gql(
        Q.RECORD_BRIEFING,
        { projectId: p1.id, summary: 'We explained the short breaks offer.', ids: [repId] },
        people.keyContact.token,
      ),
      'recordBriefing',
    );
    ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId: p1.id }, lead), 'completeBriefing');
    const meeting = await bookMeetingTooSoon(stack, p1.id, lead);
    await step(stack, lead, 'distributePapers', {
      projectId: p1.id,
      meetingId: meeting.id,
      documents: ['Agenda'],
    });
    await step(stack, lead, 'cancelMeeting', {
      projectId: p1.id,
      meetingId: meeting.id,
      reason: 'Room flooded',
    });
    // A meeting in the summer holiday, booked knowingly: a breach carrying the override reason.
    const summer = ok(
      await stack.gql(
        Q.SCHEDULE_MEETING,
        {
          projectId: p1.id,
          input: {
            title: 'Summer drop-in',
            startsAt: summerHolidayMorning(),
            durationMinutes: 60,
            location: 'Civic Centre',
            overrideReason: 'The families asked for a summer date',
          },
        },
        lead,
      ),
      'scheduleMeeting',
    );
    await step(stack, lead, 'cancelMeeting', {
      projectId: p1.id,
      meetingId: summer.id,
      reason: 'Merged with the workshop',
    });
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    ok(
      await stack.gql(Q.OPEN_FEEDBACK, { projectId: p1.id, closesAt, channels: ['SURVEY'] }, lead),
      'openFeedback',
    );
    const items = [];
    for (const body of ['More holiday clubs', 'Transport is unreliable'])
      items.push(
        ok(
          await stack.gql(
            Q.SUBMIT_FEEDBACK,
            { projectId: p1.id, input: { channel: 'SURVEY', body } },
            people.rep.token,
          ),
          'submitFeedback',
        ),
      );
    ok(await stack.gql(Q.CLOSE_FEEDBACK, { projectId: p1.id }, lead), 'closeFeedback');
    ok(
      await stack.gql(Q.ACKNOWLEDGE, { projectId: p1.id, message: 'Thank you' }, lead),
      'acknowledgeFeedback',
    );
    const closed = ok(
      await stack.gql(
        Q.PUBLISH_REPORT,
        {
          projectId: p1.id,
          input: {
            youSaidWeDid: items.map((item: any) => ({
              youSaid: item.body,
              weDid: 'Acted',
              feedbackIds: [item.id],
            })),
            levelAchieved: 'PARTNERSHIP',
            barriers: 'Transport costs rose',
          },
        },
        lead,
      ),
      'publishClosingReport',
    );
    const rulesBreached = (rule: string) => closed.breaches.filter((b: any) => b.rule === rule).length;

    // P2: agreed at CONSULTATION by the forum, lowered to INFORMATION_ONLY, closed from meetings.
    const p2 = await start({ title: 'Local offer newsletter', proposedLevel: 'CONSULTATION' });
    ids.p2 = p2.id;
    ok(await stack.gql(Q.AGREE, { projectId: p2.id }, people.forum.token), 'agreeLadderLevel');
    ok(
      await stack.gql(
        Q.CHANGE_LEVEL,
        { projectId: p2.id, level: 'INFORMATION_ONLY', reason: 'Decision made nationally' },
        lead,
      ),
      'changeLadderLevel',
    );
    ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId: p2.id }, lead), 'completeBriefing');
    ok(
      await stack.gql(
        Q.PUBLISH_REPORT,
        { projectId: p2.id, input: { youSaidWeDid: [], levelAchieved: 'INFORMATION_ONLY' } },
        lead,
      ),
      'publishClosingReport',
    );

    // P3: PARTNERSHIP proposed, CO_PRODUCTION counter-proposed, the lead agrees.
    const p3 = await start({ title: 'Therapies', proposedLevel: 'PARTNERSHIP' });
    ids.p3 = p3.id;
    ok(
      await stack.gql(
        Q.COUNTER_PROPOSE,
        { projectId: p3.id, level: 'CO_PRODUCTION', reason: 'We want to co-produce' },
        people.rep.token,
      ),
      'counterProposeLadderLevel',
    );
    ok(
      await stack.gql(Q.CHANGE_LEVEL, { projectId: p3.id, level: 'CO_PRODUCTION', reason: 'Agreed' }, lead),
      'changeLadderLevel',
    );

    // P4: started, never agreed.
    ids.p4 = (await start({ title: 'Preparing for adulthood' })).id;

    // P5: agreed at CONSULTATION, then cancelled; its reason starts like a spreadsheet formula.
    const p5 = await start({
      title: 'Transport review',
      proposedLevel: 'CONSULTATION',
      proposedReason: '=Budget allows a consultation only',
    });
    ids.p5 = p5.id;
    ok(await stack.gql(Q.AGREE, { projectId: p5.id }, people.rep.token), 'agreeLadderLevel');
    ok(
      await stack.gql(Q.CANCEL, { projectId: p5.id, reason: 'Merged into another project' }, lead),
      'cancelProject',
    );

    expected = {
      charter: {
        id: W,
        name: expect.stringContaining('Worcestershire'),
        boardName: 'SEND Improvement Board',
      },
      from,
      to,
      projectsStarted: 5,
      projectsClosed: 2,
      ladder: [
        { level: 'INFORMATION_ONLY', agreed: 1, achieved: 1 },
        { level: 'CONSULTATION', agreed: 1, achieved: 0 },
        { level: 'PARTNERSHIP', agreed: 0, achieved: 1 },
        { level: 'CO_PRODUCTION', agreed: 2, achieved: 0 },
      ],
      compliance: [
        // Five starts, P2's change and P3's counter-proposal (agreements are not checks).
        { rule: 'ladder.reasonRequired', checked: 7, breached: 0 },
        // P1 only: P2 completed its briefing at INFORMATION_ONLY.
        { rule: 'briefing.beforeWork', checked: 1, breached: 0 },
        // Two meetings booked; whether the first fell in a school run or holiday depends on
        // today, the second is in the summer holiday.
        { rule: 'meeting.avoidSchoolRun', checked: 2, breached: rulesBreached('meeting.avoidSchoolRun') },
        {
          rule: 'meeting.avoidSchoolHolidays',
          checked: 2,
          breached: rulesBreached('meeting.avoidSchoolHolidays'),
        },
        // Booked two hours ahead: its papers were late at once (one breach), then went out.
        { rule: 'papers.minNoticeDays', checked: 1, breached: 1 },
        { rule: 'feedback.ackWorkingDays', checked: 1, breached: 0 },
        { rule: 'report.youSaidWeDid', checked: 2, breached: 0 },
      ],
      coProductionNotAchieved: [
        {
          projectId: ids.p1,
          title: 'Short breaks, "holiday" clubs',
          levelAgreed: 'CO_PRODUCTION',
          levelAchieved: 'PARTNERSHIP',
          reason: 'Transport costs rose',
        },
        {
          projectId: ids.p2,
          title: 'Local offer newsletter',
          levelAgreed: 'INFORMATION_ONLY',
          levelAchieved: 'INFORMATION_ONLY',
          reason: 'Decision made nationally',
        },
        {
          projectId: ids.p5,
          title: 'Transport review',
          levelAgreed: 'CONSULTATION',
          levelAchieved: null,
          reason: '=Budget allows a consultation only',
        },
      ],
      youSaidWeDidCount: 2,
      // Every project had a step today; P1's breaches are those its closing showed.
      projects: [
        {
          projectId: ids.p1,
          title: 'Short breaks, "holiday" clubs',
          phase: 'CLOSED',
          levelAgreed: 'CO_PRODUCTION',
          levelAchieved: 'PARTNERSHIP',
          startedAt: p1.createdAt,
          breaches: closed.breaches.map((b: any) => ({ ...b, meetingId: expect.any(String) })),
        },
        {
          projectId: ids.p2,
          title: 'Local offer newsletter',
          phase: 'CLOSED',
          levelAgreed: 'INFORMATION_ONLY',
          levelAchieved: 'INFORMATION_ONLY',
          startedAt: p2.createdAt,
          breaches: [],
        },
        {
          projectId: ids.p3,
          title: 'Therapies',
          phase: 'BRIEFING',
          levelAgreed: 'CO_PRODUCTION',
          levelAchieved: null,
          startedAt: p3.createdAt,
          breaches: [],
        },
        expect.objectContaining({
          projectId: ids.p4,
          phase: 'LADDER_AGREEMENT',
          levelAgreed: null,
          breaches: [],
        }),
        expect.objectContaining({
          projectId: ids.p5,
          phase: 'CANCELLED',
          levelAgreed: 'CONSULTATION',
          breaches: [],
        }),
      ],
    };
    // The override reason is what the board reads for the summer meeting.
    expect(closed.breaches).toContainEqual(
      expect.objectContaining({
        rule: 'meeting.avoidSchoolHolidays',
        reason: 'The families asked for a summer date',
        detail: expect.stringContaining('school holiday'),
      }),
    );
  });

  it('GraphQL gives the counts of the projects above', async () => {
    expect(ok(await report(people.board.token), 'boardReport')).toEqual(expected);
  });

  it('GraphQL counts nothing in a period before the projects', async () => {
    const earlier = ok(
      await report(people.board.token, { from: '2020-01-01', to: '2020-12-31' }),
      'boardReport',
    );
    expect(earlier).toMatchObject({ projectsStarted: 0, projectsClosed: 0, coProductionNotAchieved: [] });
    expect(earlier.compliance.every((c: any) => c.checked === 0 && c.breached === 0)).toBe(true);
  });

  it('the CSV download has the same numbers, one section per table', async () => {
    const graphql = ok(await report(people.board.token), 'boardReport');
    const res = await download({ charterId: W, from, to, format: 'csv' }, people.board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="board-report-${W}-${from}-to-${to}.csv"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
    const text = bytes.toString('utf8').slice(1);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF line ends only
    expect(text).toContain('"Short breaks, ""holiday"" clubs"');

    const s = sections(parseCsv(text));
    expect(Object.keys(s)).toEqual([
      'Board report',
      'Ladder of participation',
      'Charter rules',
      'Projects below co-production',
      'Promises broken',
      'How the numbers are counted',
    ]);
    expect(s['Promises broken'].length - 2).toBe(graphql.projects[0].breaches.length);
    const items = Object.fromEntries(s['Board report'].slice(2).map(([k, v]) => [k, v]));
    expect(items).toMatchObject({
      'Charter id': W,
      'First day': from,
      'Last day (included)': to,
      'Projects started': String(graphql.projectsStarted),
      'Projects closed': String(graphql.projectsClosed),
      '"You said, we did" entries': String(graphql.youSaidWeDidCount),
    });
    expect(
      s['Ladder of participation'].slice(2).map(([, code, agreed, achieved]) => ({ code, agreed, achieved })),
    ).toEqual(
      graphql.ladder.map((l: any) => ({
        code: l.level,
        agreed: String(l.agreed),
        achieved: String(l.achieved),
      })),
    );
    expect(s['Ladder of participation'].slice(2).map((r) => r[0])).toEqual([
      'Information only',
      'Consultation',
      'Partnership',
      'Co-production',
    ]);
    expect(
      s['Charter rules'].slice(2).map(([rule, , checked, breached]) => ({ rule, checked, breached })),
    ).toEqual(
      graphql.compliance.map((c: any) => ({
        rule: c.rule,
        checked: String(c.checked),
        breached: String(c.breached),
      })),
    );
    expect(s['Projects below co-production'].slice(2)).toEqual([
      [ids.p1, 'Short breaks, "holiday" clubs', 'Co-production', 'Partnership', 'Transport costs rose'],
      [ids.p2, 'Local offer newsletter', 'Information only', 'Information only', 'Decision made nationally'],
      // Text a spreadsheet would run as a formula is kept as text.
      [ids.p5, 'Transport review', 'Consultation', '', "'=Budget allows a consultation only"],
    ]);
  });

  it('the CSV download of one table is a tidy table: one header row, one row per record', async () => {
    const graphql = ok(await report(people.board.token), 'boardReport');
    const table = async (name: string) => {
      const res = await download({ charterId: W, from, to, table: name }, people.board.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="board-report-${W}-${from}-to-${to}-${name}.csv"`,
      );
      const rows = parseCsv(
        Buffer.from(await res.arrayBuffer())
          .toString('utf8')
          .slice(1),
      );
      // No blank separator rows and no section titles: every row has the header's columns.
      for (const r of rows) expect(r.length).toBe(rows[0].length);
      expect(rows.filter((r) => r.every((f) => f === ''))).toEqual([]);
      const [header, ...records] = rows;
      return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };

    expect(await table('summary')).toEqual([
      {
        Charter: graphql.charter.name,
        Board: 'SEND Improvement Board',
        'First day': from,
        'Last day (included)': to,
        'Projects started': '5',
        'Projects closed': '2',
        '"You said, we did" entries': '2',
        'Promises broken': String(graphql.projects[0].breaches.length),
      },
    ]);
    expect((await table('ladder')).map((r) => r.Level)).toEqual([
      'Information only',
      'Consultation',
      'Partnership',
      'Co-production',
    ]);
    const rules = await table('rules');
    expect(rules.map((r) => [r['Times checked'], r['Times broken']])).toEqual(
      graphql.compliance.map((c: any) => [String(c.checked), String(c.breached)]),
    );
    expect(
      rules.find((r) => r['Promise (what the rule asks)'] === 'Meetings avoid school holidays'),
    ).toBeTruthy();

    const breaches = await table('breaches');
    const p1 = graphql.projects[0];
    expect(breaches).toHaveLength(p1.breaches.length);
    expect(breaches).toContainEqual({
      Project: 'Short breaks, "holiday" clubs',
      'Promise (what the rule asks)': 'Meetings avoid school holidays',
      'Date (UK)': londonDateOf(
        new Date(p1.breaches.find((b: any) => b.rule === 'meeting.avoidSchoolHolidays' && b.reason).at),
      ),
      'Time (UK)': expect.stringMatching(/^\d{2}:\d{2}$/),
      'What happened': expect.stringContaining('school holiday'),
      'Reason recorded': 'The families asked for a summer date',
      'Project id': ids.p1,
    });
    // The papers deadline the system saw pass has no reason.
    expect(breaches).toContainEqual(
      expect.objectContaining({
        'Promise (what the rule asks)': 'The agenda and papers go out early enough before each meeting',
        'Reason recorded': '',
      }),
    );
    for (const b of breaches)
      for (const column of ['Promise (what the rule asks)', 'What happened'])
        expect(b[column]).not.toMatch(RULE_ID);

    const projects = await table('projects');
    expect(
      projects.map((p) => [p.Project, p.Stage, p['Promises broken in the period'], p['Project id']]),
    ).toEqual([
      ['Short breaks, "holiday" clubs', 'Closed', String(p1.breaches.length), ids.p1],
      ['Local offer newsletter', 'Closed', '0', ids.p2],
      ['Therapies', 'Briefing', '0', ids.p3],
      ['Preparing for adulthood', 'Agreeing the level of participation', '0', ids.p4],
      ['Transport review', 'Cancelled', '0', ids.p5],
    ]);
    expect(projects[0]).toMatchObject({
      'Started on (UK)': londonDateOf(new Date()),
      'Level agreed': 'Co-production',
      'Level achieved': 'Partnership',
      'Reason below co-production': 'Transport costs rose',
    });
  });

  it('refuses an unknown table, and a table as a PDF, saying what to ask for', async () => {
    const unknown = await download({ charterId: W, from, to, table: 'meetings' }, people.board.token);
    expect(unknown.status).toBe(400);
    const [error] = (await jsonOf(unknown)).errors;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'table' });
    expect(error.message).toBe(
      'There is no table "meetings" in the board report. Choose one of: table=summary, table=ladder, table=rules, table=breaches, table=projects; or leave "table" out for every table in one file.',
    );
    const asPdf = await download(
      { charterId: W, from, to, format: 'pdf', table: 'rules' },
      people.board.token,
    );
    expect(asPdf.status).toBe(400);
    expect((await jsonOf(asPdf)).errors[0]).toMatchObject({
      message: expect.stringMatching(/format=csv/),
      extensions: { code: 'BAD_USER_INPUT', field: 'table' },
    });
  });

  it('the PDF is tagged for screen readers, numbers its pages, says when it was made and which promises were broken', async () => {
    const res = await download({ charterId: W, from, to, format: 'pdf' }, people.board.token);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const info = poppler('pdfinfo', [], pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Board report: Worcestershire/m);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
    // The catalogue names the language and asks viewers to show the title (uncompressed objects).
    expect(pdf.toString('latin1')).toContain('/Lang (en-GB)');
    expect(pdf.toString('latin1')).toContain('/DisplayDocTitle true');
    expect(pdf.toString('latin1')).toMatch(
      /\/S \/Figure\s*\/Alt \(Bar chart of projects by level of participation\./,
    );
    // The structure tree: headings, table header cells, the figure, in reading order.
    const structure = poppler('pdfinfo', ['-struct-text'], pdf);
    expect(structure).toMatch(/^Document$/m);
    expect(structure).toMatch(/^ {2}H1 \(block\)\n {4}"Board report"$/m);
    expect(structure).toMatch(/^ {2}H2 \(block\)\n {4}"Promises broken, project by project"$/m);
    expect(structure).toMatch(/^ {2}H3 \(block\)\n {4}"Short breaks, "holiday" clubs"$/m);
    expect(structure).toMatch(/^ {6}TH\n {8}"Checked"$/m);
    expect(structure).toMatch(/^ {2}Figure$/m);
    // Page numbers are decoration, outside the structure; the text has them on every page.
    expect(structure).not.toMatch(/Page \d+ of/);
    const text = poppler('pdftotext', [], pdf);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text).toMatch(/Made on \w+day \d{1,2} \w+ \d{4} at \d{2}:\d{2} \(UK time\)/);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Meetings avoid school holidays: broken on');
    expect(flat).toContain('Reason recorded: The families asked for a summer date');
    expect(flat).toContain('The agenda and papers go out early enough before each meeting: broken on');
    expect(flat).not.toMatch(RULE_ID);
    expect(flat).not.toContain(ids.p1);
  });

  it('the PDF download is a PDF document of some substance', async () => {
    const res = await download({ charterId: W, from, to, format: 'pdf' }, people.board.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="board-report-${W}-${from}-to-${to}.pdf"`,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.length).toBeGreaterThan(4000);
    // An empty period makes a smaller document: the list of projects is part of it.
    const empty = await download(
      { charterId: W, from: '2020-01-01', to: '2020-01-31', format: 'pdf' },
      people.board.token,
    );
    const emptyPdf = Buffer.from(await empty.arrayBuffer());
    expect(emptyPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(emptyPdf.length).toBeLessThan(pdf.length);
  });
});
