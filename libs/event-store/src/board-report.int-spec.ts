// The board report's numbers against a known set of events, in a database of its own (so
// nothing else the suite records can change a count). The period edges are London days in
// British Summer Time: April 2031 is [2031-03-31T23:00Z, 2031-04-30T23:00Z).
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditActor } from '../../domain/src/actor';
import type { EventDataMap, EventType, NewEvent } from '../../domain/src/events';
import type { LadderLevel } from '../../domain/src/vocabulary';
import { databaseUrl, lead, parentRep, participant } from '../test/support';
import { BoardReportQueries, validateBoardReportInput, type BoardReportData } from './board-report';
import { createDataSource, runMigrations } from './data-source';
import { InvalidInputError } from './errors';
import { EventStore } from './event-store';
import { BoardReportFactsOnProjects1797400000000 } from './migrations/1797400000000-BoardReportFactsOnProjects';

const SYSTEM: AuditActor = { id: 'system', displayName: 'System (deadline timer)', roles: [] };
const W = 'worcestershire';

let admin: DataSource;
let dataSource: DataSource;
let store: EventStore;
let reports: BoardReportQueries;
const databaseName = `board_report_${randomUUID().replace(/-/g, '')}`;

/** A project's events, built by hand as the workflow would record them, appended in one go. */
class Seed {
  readonly id = randomUUID();
  private readonly events: NewEvent[] = [];
  private meetings = 0;
  private breaches = 0;

  constructor(
    readonly charterId: string,
    title: string,
    level: LadderLevel,
    reason: string,
    at: string,
  ) {
    this.add(
      'ProjectStarted',
      {
        charterId,
        title,
        purpose: `Purpose of ${title}`,
        confidentiality: 'PARTNERS',
        expectedOutcomes: ['An outcome'],
        proposedLevel: level,
        participants: [participant('LEAD', lead.id), participant('PARENT_REP', parentRep.id)],
      },
      at,
      reason,
    );
  }

  add<T extends EventType>(
    type: T,
    data: EventDataMap[T],
    at: string,
    reason: string | null = null,
    actor: AuditActor = lead,
  ) {
    this.events.push({ type, data, reason, actor, occurredAt: new Date(at).toISOString() } as NewEvent);
    return this;
  }

  propose(level: LadderLevel, reason: string, at: string) {
    return this.add('LadderLevelProposed', { level }, at, reason);
  }
  counter(level: LadderLevel, reason: string, at: string) {
    return this.add('LadderLevelCounterProposed', { level }, at, reason, parentRep);
  }
  agree(level: LadderLevel, at: string, by: AuditActor = parentRep, reason: string | null = null) {
    return this.add('LadderLevelAgreed', { level, comment: reason }, at, reason, by);
  }
  change(from: LadderLevel, level: LadderLevel, reason: string, at: string) {
    return this.add('LadderLevelChanged', { from, level }, at, reason);
  }
  completeBriefing(at: string) {
    return this.add('BriefingCompleted', {}, at);
  }
  /** Schedules a meeting; returns its id. */
  meeting(at: string, startsAt: string): string {
    const meetingId = `${this.id}.m${++this.meetings}`;
    const dueBy = new Date(Date.parse(startsAt) - 7 * 86_400_000).toISOString();
    this.add(
      'MeetingScheduled',
      {
        meetingId,
        title: `Meeting ${this.meetings}`,
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: 60,
        location: 'Town hall',
        accessibilityNotes: null,
        papersDueBy: dueBy,
      },
      at,
    );
    return meetingId;
  }
  breach(rule: string, at: string, meetingId: string | null = null, reason: string | null = null) {
    const actor = reason ? lead : SYSTEM;
    const breachId = `${this.id}.b${++this.breaches}`;
    return this.add(
      'CharterBreachRecorded',
      { breachId, rule, detail: `Breach of ${rule}`, meetingId },
      at,
      reason,
      actor,
    );
  }
  papers(meetingId: string, at: string) {
    return this.add('PapersDistributed', { meetingId, documents: ['Agenda'] }, at);
  }
  feedback(opened: string, closed: string, dueBy: string) {
    return this.add(
      'FeedbackOpened',
      { closesAt: new Date(closed).toISOString(), channels: ['SURVEY'] },
      opened,
    )
      .add(
        'FeedbackSubmitted',
        { feedbackId: `${this.id}.f1`, channel: 'SURVEY', body: 'More clubs', fromParticipantId: null },
        opened,
      )
      .add('FeedbackClosed', { dueBy }, closed, null, SYSTEM);
  }
  acknowledge(at: string, onTime: boolean) {
    return this.add('FeedbackAcknowledged', { message: 'Thank you', onTime }, at);
  }
  close(
    at: string,
    agreed: LadderLevel,
    achieved: LadderLevel,
    entries: number,
    barriers: string | null = null,
  ) {
    return this.add(
      'ClosingReportPublished',
      {
        youSaidWeDid: Array.from({ length: entries }, (_, i) => ({
          youSaid: `Said ${i + 1}`,
          weDid: `Did ${i + 1}`,
          feedbackIds: [],
        })),
        levelAgreed: agreed,
        levelAchieved: achieved,
        barriers,
        lessonsLearned: null,
        celebrate: null,
      },
      at,
    );
  }
  cancel(at: string) {
    return this.add('ProjectCancelled', { phase: 'BRIEFING' }, at, 'No longer needed');
  }

  async save() {
    await store.append({ projectId: this.id, expectedVersion: 0, events: this.events });
    return this;
  }
}

const seeds: Record<string, Seed> = {};

beforeAll(async () => {
  const url = databaseUrl();
  admin = await createDataSource(url, { poolSize: 1 }).initialize();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const own = new URL(url);
  own.pathname = `/${databaseName}`;
  await runMigrations(own.toString());
  dataSource = await createDataSource(own.toString(), { poolSize: 4 }).initialize();
  store = new EventStore(dataSource);
  reports = new BoardReportQueries(dataSource);

  // A: starts at 00:30 London on 1 April (inside), two meetings, on-time acknowledgement,
  // closed in April below the agreed level.
  const a = new Seed(W, 'A: short breaks', 'CO_PRODUCTION', 'Families design it', '2031-03-31T23:30:00Z');
  a.agree('CO_PRODUCTION', '2031-04-02T09:00:00Z').completeBriefing('2031-04-03T09:00:00Z');
  const a1 = a.meeting('2031-04-04T09:00:00Z', '2031-04-20T08:00:00Z');
  a.breach('meeting.avoidSchoolRun', '2031-04-04T09:00:00Z', a1, 'Only room free');
  a.papers(a1, '2031-04-05T09:00:00Z');
  const a2 = a.meeting('2031-04-06T09:00:00Z', '2031-04-17T14:00:00Z');
  a.breach('meeting.avoidSchoolRun', '2031-04-06T09:00:00Z', a2, 'Speaker only free then');
  a.breach('meeting.avoidSchoolHolidays', '2031-04-06T09:00:00Z', a2, 'Speaker only free then');
  a.breach('papers.minNoticeDays', '2031-04-10T14:00:00Z', a2);
  a.papers(a2, '2031-04-11T09:00:00Z');
  a.feedback('2031-04-12T09:00:00Z', '2031-04-14T09:00:00Z', '2031-04-29');
  a.acknowledge('2031-04-15T09:00:00Z', true);
  a.close('2031-04-20T09:00:00Z', 'CO_PRODUCTION', 'PARTNERSHIP', 3, 'Transport costs');
  seeds.A = await a.save();

  // B: starts one millisecond before April in London (outside), closes at the last
  // millisecond of April (inside); its acknowledgement was late (breach, then acknowledged).
  const b = new Seed(
    W,
    'B: local offer',
    'CONSULTATION',
    'Statutory consultation',
    '2031-03-31T22:59:59.999Z',
  );
  b.agree('CONSULTATION', '2031-04-01T09:00:00Z').completeBriefing('2031-04-01T10:00:00Z');
  b.feedback('2031-04-02T09:00:00Z', '2031-04-04T09:00:00Z', '2031-04-18');
  b.breach('feedback.ackWorkingDays', '2031-04-18T23:00:00Z');
  b.acknowledge('2031-04-22T09:00:00Z', false);
  b.close('2031-04-30T22:59:59.999Z', 'CONSULTATION', 'CONSULTATION', 1);
  seeds.B = await b.save();

  // C: counter-proposal agreed by the lead, then lowered before the briefing was completed.
  const c = new Seed(W, 'C: transport', 'PARTNERSHIP', 'Partnership suits it', '2031-04-05T09:00:00Z');
  c.counter('CO_PRODUCTION', 'We want to co-produce', '2031-04-06T09:00:00Z');
  c.agree('CO_PRODUCTION', '2031-04-07T09:00:00Z', lead, 'Agreed with the forum');
  c.change('CO_PRODUCTION', 'INFORMATION_ONLY', 'Decision already made nationally', '2031-04-08T09:00:00Z');
  c.completeBriefing('2031-04-09T09:00:00Z');
  seeds.C = await c.save();

  // D: briefing completed at PARTNERSHIP, the level lowered afterwards.
  const d = new Seed(W, 'D: therapies', 'PARTNERSHIP', 'Joint design', '2031-04-10T09:00:00Z');
  d.agree('PARTNERSHIP', '2031-04-10T10:00:00Z').completeBriefing('2031-04-11T09:00:00Z');
  d.change('PARTNERSHIP', 'CONSULTATION', 'Not enough time', '2031-04-12T09:00:00Z');
  seeds.D = await d.save();

  // E: the lead proposes again; never agreed.
  const e = new Seed(W, 'E: preparing for adulthood', 'CO_PRODUCTION', 'All in', '2031-04-15T09:00:00Z');
  e.propose('CONSULTATION', 'Smaller scope', '2031-04-16T09:00:00Z');
  seeds.E = await e.save();

  // F: agreed at CO_PRODUCTION, then cancelled.
  const f = new Seed(W, 'F: cancelled', 'CO_PRODUCTION', 'Co-produce it', '2031-04-25T09:00:00Z');
  f.agree('CO_PRODUCTION', '2031-04-25T10:00:00Z').cancel('2031-04-26T09:00:00Z');
  seeds.F = await f.save();

  // J: started in April, closed in May below the agreed level.
  const j = new Seed(
    W,
    'J: inclusion',
    'CO_PRODUCTION',
    'Schools and families together',
    '2031-04-28T09:00:00Z',
  );
  j.agree('CO_PRODUCTION', '2031-04-28T10:00:00Z');
  j.close('2031-05-03T09:00:00Z', 'CO_PRODUCTION', 'CONSULTATION', 2, 'Staff left');
  seeds.J = await j.save();

  // G: starts at 00:00 London on 1 May (outside April).
  const g = new Seed(W, 'G: newsletter', 'INFORMATION_ONLY', 'For information', '2031-04-30T23:00:00Z');
  g.agree('INFORMATION_ONLY', '2031-04-30T23:00:00Z');
  g.meeting('2031-04-30T23:00:00Z', '2031-06-10T10:00:00Z');
  seeds.G = await g.save();

  // K: started in March; one meeting's papers deadline settled (breach) before April and
  // the papers went out late in April; another's papers went out at the first instant of April.
  const k = new Seed(W, 'K: older project', 'PARTNERSHIP', 'Joint work', '2031-03-01T09:00:00Z');
  k.agree('PARTNERSHIP', '2031-03-02T09:00:00Z').completeBriefing('2031-03-03T09:00:00Z');
  const k1 = k.meeting('2031-03-04T09:00:00Z', '2031-03-31T09:00:00Z');
  k.breach('papers.minNoticeDays', '2031-03-24T09:00:00Z', k1);
  k.papers(k1, '2031-04-02T09:00:00Z');
  const k2 = k.meeting('2031-03-30T12:00:00Z', '2031-04-12T09:00:00Z');
  k.papers(k2, '2031-03-31T23:00:00Z');
  seeds.K = await k.save();

  // L: the acknowledgement deadline passed on 31 March (breach); acknowledged in April.
  const l = new Seed(W, 'L: older feedback', 'CONSULTATION', 'Survey only', '2031-02-01T09:00:00Z');
  l.agree('CONSULTATION', '2031-02-02T09:00:00Z').completeBriefing('2031-02-03T09:00:00Z');
  l.feedback('2031-03-01T09:00:00Z', '2031-03-10T09:00:00Z', '2031-03-24');
  l.breach('feedback.ackWorkingDays', '2031-03-31T22:00:00Z');
  l.acknowledge('2031-04-03T09:00:00Z', false);
  seeds.L = await l.save();

  // H: another charter's project, busy in April.
  const h = new Seed(
    'hounslow',
    'H: Hounslow project',
    'INFORMATION_ONLY',
    'Hounslow reason',
    '2031-04-02T09:00:00Z',
  );
  h.agree('INFORMATION_ONLY', '2031-04-02T10:00:00Z').completeBriefing('2031-04-02T11:00:00Z');
  const h1 = h.meeting('2031-04-02T12:00:00Z', '2031-05-20T17:00:00Z');
  h.breach('meeting.window', '2031-04-02T12:00:00Z', h1, 'Evening suits parents');
  h.close('2031-04-03T09:00:00Z', 'INFORMATION_ONLY', 'INFORMATION_ONLY', 5);
  seeds.H = await h.save();
});

afterAll(async () => {
  await dataSource?.destroy();
  if (admin?.isInitialized) {
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.destroy();
  }
});

const ladder = (agreed: number[], achieved: number[]) =>
  (['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'] as const).map((level, i) => ({
    level,
    agreed: agreed[i],
    achieved: achieved[i],
  }));

/** Worcestershire's compliance rows in the report's order, from [checked, breached] per rule. */
const worcestershireCompliance = (...counts: [number, number][]) =>
  (
    [
      'ladder.reasonRequired',
      'briefing.beforeWork',
      'meeting.avoidSchoolRun',
      'meeting.avoidSchoolHolidays',
      'papers.minNoticeDays',
      'feedback.ackWorkingDays',
      'report.youSaidWeDid',
    ] as const
  ).map((rule, i) => ({ rule, checked: counts[i][0], breached: counts[i][1] }));

const summary = (
  seed: Seed,
  title: string,
  levelAgreed: LadderLevel | null,
  levelAchieved: LadderLevel | null,
  reason: string | null,
) => ({ projectId: seed.id, title, levelAgreed, levelAchieved, reason });

it('counts April 2031 of the Worcestershire charter', async () => {
  const report = await reports.report(W, '2031-04-01', '2031-04-30');
  const expected: BoardReportData = {
    charterId: W,
    from: '2031-04-01',
    to: '2031-04-30',
    periodStart: '2031-03-31T23:00:00.000Z',
    periodEnd: '2031-04-30T23:00:00.000Z',
    // A, C, D, E, F, J (B started a millisecond before; G at the first instant of May).
    projectsStarted: 6,
    // A, and B at the last millisecond of April (J closed in May).
    projectsClosed: 2,
    // Agreed: C INFORMATION_ONLY (changed), D CONSULTATION (changed), A, F and J
    // CO_PRODUCTION; E was never agreed. Achieved: B CONSULTATION, A PARTNERSHIP.
    ladder: ladder([1, 1, 0, 3], [0, 1, 1, 0]),
    compliance: worcestershireCompliance(
      // ladder.reasonRequired: starts of A, C, D, E, F, J; C's counter-proposal and change;
      // D's change; E's proposal.
      [10, 0],
      // briefing.beforeWork: A (CO_PRODUCTION) and D (PARTNERSHIP when completed); B was
      // CONSULTATION, C INFORMATION_ONLY.
      [2, 0],
      // meeting.avoidSchoolRun and meeting.avoidSchoolHolidays: A's two meetings (G's meeting
      // is in May, K's in March).
      [2, 2],
      [2, 1],
      // papers.minNoticeDays: A's m1 (on time) and m2 (breach, then late papers: one check);
      // K's m2 at the first instant of April; K's m1 had settled in March.
      [3, 1],
      // feedback.ackWorkingDays: A on time; B breach then late acknowledgement (one check); L
      // had settled in March.
      [2, 1],
      // report.youSaidWeDid
      [2, 0],
    ),
    coProductionNotAchieved: [
      summary(seeds.B, 'B: local offer', 'CONSULTATION', 'CONSULTATION', 'Statutory consultation'),
      summary(seeds.A, 'A: short breaks', 'CO_PRODUCTION', 'PARTNERSHIP', 'Transport costs'),
      summary(seeds.C, 'C: transport', 'INFORMATION_ONLY', null, 'Decision already made nationally'),
      summary(seeds.D, 'D: therapies', 'CONSULTATION', null, 'Not enough time'),
      summary(seeds.J, 'J: inclusion', 'CO_PRODUCTION', 'CONSULTATION', 'Staff left'),
    ],
    // A's 3 entries and B's 1.
    youSaidWeDidCount: 4,
    // Listed in the test below.
    projects: expect.any(Array),
  };
  expect(report).toEqual(expected);
});

it('lists each project with a step in April, and the promises broken on it in April', async () => {
  const report = await reports.report(W, '2031-04-01', '2031-04-30');
  // Oldest start first. L and K started earlier but acknowledged or sent papers in April; G
  // starts in May; H is Hounslow's.
  expect(report.projects.map((p) => p.title)).toEqual([
    'L: older feedback',
    'K: older project',
    'B: local offer',
    'A: short breaks',
    'C: transport',
    'D: therapies',
    'E: preparing for adulthood',
    'F: cancelled',
    'J: inclusion',
  ]);
  const byTitle = Object.fromEntries(report.projects.map((p) => [p.title[0], p]));
  const a = seeds.A.id;
  expect(byTitle.A).toEqual({
    projectId: a,
    title: 'A: short breaks',
    phase: 'CLOSED',
    levelAgreed: 'CO_PRODUCTION',
    levelAchieved: 'PARTNERSHIP',
    startedAt: '2031-03-31T23:30:00.000Z',
    // Override reasons with the booking breaches; none with the papers deadline the system saw pass.
    breaches: [
      {
        id: `${a}.b1`,
        rule: 'meeting.avoidSchoolRun',
        at: '2031-04-04T09:00:00.000Z',
        detail: 'Breach of meeting.avoidSchoolRun',
        reason: 'Only room free',
        meetingId: `${a}.m1`,
      },
      {
        id: `${a}.b2`,
        rule: 'meeting.avoidSchoolRun',
        at: '2031-04-06T09:00:00.000Z',
        detail: 'Breach of meeting.avoidSchoolRun',
        reason: 'Speaker only free then',
        meetingId: `${a}.m2`,
      },
      {
        id: `${a}.b3`,
        rule: 'meeting.avoidSchoolHolidays',
        at: '2031-04-06T09:00:00.000Z',
        detail: 'Breach of meeting.avoidSchoolHolidays',
        reason: 'Speaker only free then',
        meetingId: `${a}.m2`,
      },
      {
        id: `${a}.b4`,
        rule: 'papers.minNoticeDays',
        at: '2031-04-10T14:00:00.000Z',
        detail: 'Breach of papers.minNoticeDays',
        reason: null,
        meetingId: `${a}.m2`,
      },
    ],
  });
  expect(byTitle.B.breaches).toEqual([
    {
      id: `${seeds.B.id}.b1`,
      rule: 'feedback.ackWorkingDays',
      at: '2031-04-18T23:00:00.000Z',
      detail: 'Breach of feedback.ackWorkingDays',
      reason: null,
      meetingId: null,
    },
  ]);
  // K's and L's breaches were recorded before April.
  expect(byTitle.K.breaches).toEqual([]);
  expect(byTitle.L.breaches).toEqual([]);
  expect(byTitle.E).toMatchObject({ phase: 'LADDER_AGREEMENT', levelAgreed: null, levelAchieved: null });
  expect(byTitle.F).toMatchObject({ phase: 'CANCELLED', levelAgreed: 'CO_PRODUCTION', breaches: [] });
  // The same breaches as the compliance counts, rule by rule.
  const listed = report.projects.flatMap((p) => p.breaches.map((b) => b.rule));
  for (const c of report.compliance)
    expect([c.rule, listed.filter((r) => r === c.rule).length]).toEqual([c.rule, c.breached]);
});

it('counts one London day in summer time, edges included and excluded', async () => {
  // 31 March 2031 in London: [2031-03-30T23:00Z, 2031-03-31T23:00Z).
  const report = await reports.report(W, '2031-03-31', '2031-03-31');
  expect(report).toEqual({
    charterId: W,
    from: '2031-03-31',
    to: '2031-03-31',
    periodStart: '2031-03-30T23:00:00.000Z',
    periodEnd: '2031-03-31T23:00:00.000Z',
    projectsStarted: 1,
    projectsClosed: 0,
    ladder: ladder([0, 1, 0, 0], [0, 0, 0, 0]),
    compliance: worcestershireCompliance([1, 0], [0, 0], [0, 0], [0, 0], [0, 0], [1, 1], [0, 0]),
    coProductionNotAchieved: [
      summary(seeds.B, 'B: local offer', 'CONSULTATION', 'CONSULTATION', 'Statutory consultation'),
    ],
    youSaidWeDidCount: 0,
    // B started that day; L's acknowledgement deadline passed that day (K's steps were the
    // day before and the day after).
    projects: [
      expect.objectContaining({
        title: 'L: older feedback',
        breaches: [expect.objectContaining({ rule: 'feedback.ackWorkingDays', reason: null })],
      }),
      expect.objectContaining({ title: 'B: local offer', breaches: [] }),
    ],
  });
});

it('counts May 2031: what starts at midnight and what closes after the period it started in', async () => {
  const report = await reports.report(W, '2031-05-01', '2031-05-31');
  expect(report).toMatchObject({
    projectsStarted: 1,
    projectsClosed: 1,
    ladder: ladder([1, 0, 0, 0], [0, 1, 0, 0]),
    coProductionNotAchieved: [
      summary(seeds.J, 'J: inclusion', 'CO_PRODUCTION', 'CONSULTATION', 'Staff left'),
      summary(seeds.G, 'G: newsletter', 'INFORMATION_ONLY', null, 'For information'),
    ],
    youSaidWeDidCount: 2,
  });
  expect(report.compliance.find((c) => c.rule === 'meeting.avoidSchoolRun')).toEqual({
    rule: 'meeting.avoidSchoolRun',
    checked: 1,
    breached: 0,
  });
});

it("lists only the charter's own rules and projects", async () => {
  const report = await reports.report('hounslow', '2031-04-01', '2031-04-30');
  expect(report).toMatchObject({
    projectsStarted: 1,
    projectsClosed: 1,
    ladder: ladder([1, 0, 0, 0], [1, 0, 0, 0]),
    compliance: [
      { rule: 'ladder.reasonRequired', checked: 1, breached: 0 },
      { rule: 'meeting.minBookingNoticeDays', checked: 1, breached: 0 },
      { rule: 'meeting.window', checked: 1, breached: 1 },
      { rule: 'meeting.maxDurationMinutes', checked: 1, breached: 0 },
      { rule: 'papers.minNoticeDays', checked: 0, breached: 0 },
    ],
    coProductionNotAchieved: [
      summary(seeds.H, 'H: Hounslow project', 'INFORMATION_ONLY', 'INFORMATION_ONLY', 'Hounslow reason'),
    ],
    youSaidWeDidCount: 5,
  });
  const empty = await reports.report('wokingham', '2031-04-01', '2031-04-30');
  expect(empty).toMatchObject({
    projectsStarted: 0,
    projectsClosed: 0,
    ladder: ladder([0, 0, 0, 0], [0, 0, 0, 0]),
    compliance: [
      { rule: 'ladder.reasonRequired', checked: 0, breached: 0 },
      { rule: 'report.youSaidWeDid', checked: 0, breached: 0 },
      { rule: 'board.reportEveryMonths', checked: 0, breached: 0 },
      { rule: 'charter.reviewEveryMonths', checked: 0, breached: 0 },
    ],
    coProductionNotAchieved: [],
    youSaidWeDidCount: 0,
  });
});

it('refuses an unknown charter and a malformed period, naming the argument', async () => {
  expect(validateBoardReportInput('atlantis', '2031-04-01', '2031-04-30')).toMatchObject({
    field: 'charterId',
  });
  expect(validateBoardReportInput(W, '2031-02-30', '2031-04-30')).toMatchObject({ field: 'from' });
  expect(validateBoardReportInput(W, '2031-04-01', '30/04/2031')).toMatchObject({ field: 'to' });
  expect(validateBoardReportInput(W, '2031-04-02', '2031-04-01')).toMatchObject({ field: 'to' });
  expect(validateBoardReportInput(W, '2000-01-01', '2099-12-31')).toBeNull();
  expect(validateBoardReportInput(W, '2000-01-01', '2100-01-01')).toMatchObject({ field: 'to' });
  expect(validateBoardReportInput(W, '2031-04-01', '2031-04-01')).toBeNull();
  await expect(reports.report('atlantis', '2031-04-01', '2031-04-30')).rejects.toBeInstanceOf(
    InvalidInputError,
  );
  await expect(reports.report(W, '2031-04-02', '2031-04-01')).rejects.toThrow(/before it starts/);
});

describe('lifecycle v1.1 in the report (June 2033)', () => {
  const june = (day: number) => `2033-06-${String(day).padStart(2, '0')}T09:00:00Z`;

  it("gives the lead's latest reason below CO_PRODUCTION, never the parent rep's argument for another level", async () => {
    // M: the lead accepts the counter-proposal with a comment (acceptLadderLevel).
    const m = new Seed(W, 'M: accepted', 'INFORMATION_ONLY', 'Decided nationally', june(1));
    m.counter('CONSULTATION', 'Young people should help write it', june(2));
    m.add(
      'LadderLevelAgreed',
      { level: 'CONSULTATION', comment: 'Budget allows a consultation only', side: 'LEAD' },
      june(3),
      'Budget allows a consultation only',
    );
    await m.save();
    // N: agreed by the lead before agreements said which side (no comment).
    const n = new Seed(W, 'N: older agreement', 'INFORMATION_ONLY', 'Decided nationally', june(4));
    n.counter('CONSULTATION', 'Young people should help write it', june(5));
    n.agree('CONSULTATION', june(6), lead);
    await n.save();
    // P: the parent carer side agrees a CONSULTATION proposal with a comment of its own.
    const p = new Seed(W, 'P: parents agree', 'CONSULTATION', 'A survey is enough here', june(7));
    p.add(
      'LadderLevelAgreed',
      { level: 'CONSULTATION', comment: 'We hoped for more', side: 'PARENT_CARERS' },
      june(8),
      'We hoped for more',
      parentRep,
    );
    await p.save();

    const report = await reports.report(W, '2033-06-01', '2033-06-30');
    const reasons = Object.fromEntries(report.coProductionNotAchieved.map((s) => [s.title, s.reason]));
    expect(reasons).toEqual({
      'M: accepted': 'Budget allows a consultation only',
      'N: older agreement': 'Decided nationally',
      'P: parents agree': 'A survey is enough here',
    });
  });

  it('counts raising the level after the briefing as a check of briefing.beforeWork', async () => {
    const r = new Seed(W, 'R: raised', 'CO_PRODUCTION', 'Co-produce it', '2033-07-01T09:00:00Z');
    r.agree('CO_PRODUCTION', '2033-07-02T09:00:00Z');
    r.change('CO_PRODUCTION', 'CONSULTATION', 'Short of time', '2033-07-03T09:00:00Z');
    r.completeBriefing('2033-07-04T09:00:00Z');
    r.change('CONSULTATION', 'CO_PRODUCTION', 'Time found', '2033-07-05T09:00:00Z');
    await r.save();
    const report = await reports.report(W, '2033-07-01', '2033-07-31');
    expect(report.compliance.find((c) => c.rule === 'briefing.beforeWork')).toEqual({
      rule: 'briefing.beforeWork',
      checked: 1,
      breached: 0,
    });
  });
});

describe('the per-project facts the report reads from the projects read model', () => {
  const august = (day: number, hour = 9) =>
    `2033-08-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const step = <T extends EventType>(
    type: T,
    data: EventDataMap[T],
    at: string,
    reason: string | null = null,
    actor: AuditActor = lead,
  ) => ({ type, data, reason, actor, occurredAt: at }) as NewEvent;
  const columns = async (id: string) =>
    (
      await dataSource.query(
        `SELECT closing_level_agreed, closing_level_achieved, closing_barriers, closing_entries, briefing_level,
                briefing_version,
                ladder_reason, papers_settled_at, ack_settled_at FROM projects WHERE id = $1`,
        [id],
      )
    )[0];

  it('follows each step appended on its own: the level, the reason, the briefing, the closing report', async () => {
    const id = randomUUID();
    let version = 0;
    const append = async (...events: NewEvent[]) => {
      await store.append({ projectId: id, expectedVersion: version, events });
      version += events.length;
    };
    const inAugust = async () => {
      const report = await reports.report(W, '2033-08-01', '2033-08-31');
      return {
        summary: report.coProductionNotAchieved.find((s) => s.projectId === id) ?? null,
        project: report.projects.find((p) => p.projectId === id),
        briefing: report.compliance.find((c) => c.rule === 'briefing.beforeWork')!.checked,
        papers: report.compliance.find((c) => c.rule === 'papers.minNoticeDays')!.checked,
      };
    };

    await append(
      step(
        'ProjectStarted',
        {
          charterId: W,
          title: 'S: step by step',
          purpose: 'Purpose',
          confidentiality: 'PARTNERS',
          expectedOutcomes: ['An outcome'],
          proposedLevel: 'CO_PRODUCTION',
          participants: [participant('LEAD', lead.id), participant('PARENT_REP', parentRep.id)],
        },
        august(1),
        'Co-produce it',
      ),
    );
    await append(
      step('LadderLevelAgreed', { level: 'CO_PRODUCTION', comment: null }, august(2), null, parentRep),
    );
    expect(await inAugust()).toMatchObject({ summary: null, project: { levelAgreed: 'CO_PRODUCTION' } });

    await append(
      step(
        'LadderLevelChanged',
        { from: 'CO_PRODUCTION', level: 'PARTNERSHIP' },
        august(3),
        '  Short of staff ',
      ),
    );
    expect((await inAugust()).summary).toEqual({
      projectId: id,
      title: 'S: step by step',
      levelAgreed: 'PARTNERSHIP',
      levelAchieved: null,
      reason: 'Short of staff',
    });

    const before = (await inAugust()).briefing;
    await append(step('BriefingCompleted', {}, august(4)));
    expect((await inAugust()).briefing).toBe(before + 1);
    expect(await columns(id)).toMatchObject({ briefing_level: 'PARTNERSHIP', briefing_version: 4 });

    const meetingId = `${id}.m1`;
    await append(
      step(
        'MeetingScheduled',
        {
          meetingId,
          title: 'Meeting',
          startsAt: august(25),
          durationMinutes: 60,
          location: 'Town hall',
          accessibilityNotes: null,
          papersDueBy: august(18),
        },
        august(5),
      ),
    );
    const papersBefore = (await inAugust()).papers;
    await append(step('PapersDistributed', { meetingId, documents: ['Agenda'] }, august(6)));
    expect((await inAugust()).papers).toBe(papersBefore + 1);

    await append(
      step('LadderLevelChanged', { from: 'PARTNERSHIP', level: 'CONSULTATION' }, august(7), 'Budget cut'),
    );
    expect((await inAugust()).summary).toMatchObject({ levelAgreed: 'CONSULTATION', reason: 'Budget cut' });

    await append(
      step(
        'ClosingReportPublished',
        {
          youSaidWeDid: [],
          levelAgreed: 'PARTNERSHIP',
          levelAchieved: 'CONSULTATION',
          barriers: ' Transport ',
          lessonsLearned: null,
          celebrate: null,
        },
        august(8),
      ),
    );
    expect(await inAugust()).toMatchObject({
      summary: { levelAgreed: 'PARTNERSHIP', levelAchieved: 'CONSULTATION', reason: 'Transport' },
      project: { levelAgreed: 'PARTNERSHIP', levelAchieved: 'CONSULTATION' },
    });
    expect(await columns(id)).toEqual({
      closing_level_agreed: 'PARTNERSHIP',
      closing_level_achieved: 'CONSULTATION',
      closing_barriers: ' Transport ',
      closing_entries: 0,
      briefing_level: 'PARTNERSHIP',
      briefing_version: 4,
      ladder_reason: 'Budget cut',
      papers_settled_at: [new Date(august(6))],
      ack_settled_at: null,
    });
  });

  it('backfills them from the events as the projection wrote them, and the report does not change', async () => {
    const all = () =>
      dataSource.query(
        `SELECT id, closing_level_agreed, closing_level_achieved, closing_barriers, closing_entries, briefing_level,
                briefing_version, ladder_reason, papers_settled_at, ack_settled_at FROM projects ORDER BY id`,
      );
    const periods: [string, string, string][] = [
      [W, '2031-04-01', '2031-04-30'],
      [W, '2031-05-01', '2031-05-31'],
      [W, '2031-01-01', '2033-12-31'],
      ['hounslow', '2031-04-01', '2031-04-30'],
    ];
    const reportsNow = () => Promise.all(periods.map(([c, from, to]) => reports.report(c, from, to)));
    const live = await all();
    const liveReports = await reportsNow();
    expect(
      live.filter((r: { ack_settled_at: Date | null }) => r.ack_settled_at !== null).length,
    ).toBeGreaterThan(2);
    expect(
      live.filter((r: { ladder_reason: string | null }) => r.ladder_reason !== null).length,
    ).toBeGreaterThan(5);

    const migration = new BoardReportFactsOnProjects1797400000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await all()).toEqual(live);
    expect(await reportsNow()).toEqual(liveReports);
  });
});
