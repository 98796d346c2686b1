// A fast bulk path to many projects and events, for the audit-page and board-report figures.
//
// 1. Templates: whole project lives (started, agreed, briefed, meetings with papers on time or
//    late, feedback, acknowledgement on time or late, closing report; some stop part-way or
//    are cancelled; a few are large surveys) are decided by the real domain code
//    (decideStart, decide, decideDeadlines) for each charter, with a clock that moves on, so
//    events, breaches and the read model's state are the ones the engine would record.
// 2. Bulk copies: each seeded project is a template under a new id, people and start time,
//    written with INSERT … SELECT (the project list unnested × the template's events) in
//    batches of about 20,000 events per transaction: event_streams, events and projects.
//
// The rows look chained (sequence 1 links to the genesis hash, each prev_hash is the hash of
// the previous row), but a hash is sha256 of "projectId:sequence", not of the event: the
// chain would not verify. That does not change the cost of reading pages or reports. Times
// inside event data (meeting start, feedback close, due dates) stay the template's; only
// occurred_at and the read model's created/updated columns move with the project's start.
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../libs/domain/src/actor';
import { CHARTERS } from '../libs/domain/src/charters';
import {
  decide,
  decideDeadlines,
  decideStart,
  nextSystemWakeUp,
  type Decision,
  type ProjectCommand,
} from '../libs/domain/src/commands';
import { DomainError } from '../libs/domain/src/errors';
import type { NewEvent } from '../libs/domain/src/events';
import { applyEvents, type ProjectState } from '../libs/domain/src/project-state';
import type { LadderLevel } from '../libs/domain/src/vocabulary';
import { GENESIS_HASH } from '../libs/event-store/src/hash';
import { foldProject, NO_BOARD_FACTS, readModelRow } from '../libs/event-store/src/project-read-model';

/** Templates are decided as project TEMPLATE_ID with people ~lead~, ~kc~, ~rep1~…; filled per copy. */
const TEMPLATE_ID = '00000000-0000-4000-8000-000000000000';
/** The templates' clock starts here (a Monday). */
const T0 = Date.parse('2025-01-06T09:00:00Z');
/** Seeded projects start at random instants in the year before this. */
export const SEED_YEAR = { from: '2025-01-01', to: '2025-12-31' };
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

type Stop =
  'started' | 'counter' | 'cancelled' | 'briefing' | 'meetings' | 'feedback' | 'acknowledgement' | 'closed';

interface Variant {
  key: string;
  /** Out of 1000. */
  weight: number;
  stop: Stop;
  level: LadderLevel;
  meetings: number;
  feedback: number;
  papersLate?: boolean;
  ackLate?: boolean;
  achieved?: LadderLevel;
  counter?: boolean;
}

// A year of a large authority's co-produced projects: many closed, some in every phase, a
// few large surveys (1,000 feedback items) — the projects deep audit pages are read from.
const VARIANTS: Variant[] = [
  { key: 'started', weight: 40, stop: 'started', level: 'CO_PRODUCTION', meetings: 0, feedback: 0 },
  { key: 'counter', weight: 30, stop: 'counter', level: 'CO_PRODUCTION', meetings: 0, feedback: 0 },
  { key: 'cancelled', weight: 40, stop: 'cancelled', level: 'PARTNERSHIP', meetings: 0, feedback: 0 },
  { key: 'briefing', weight: 60, stop: 'briefing', level: 'CO_PRODUCTION', meetings: 0, feedback: 0 },
  { key: 'meetings', weight: 90, stop: 'meetings', level: 'CO_PRODUCTION', meetings: 2, feedback: 0 },
  {
    key: 'meetings-late',
    weight: 60,
    stop: 'meetings',
    level: 'PARTNERSHIP',
    meetings: 2,
    feedback: 0,
    papersLate: true,
    counter: true,
  },
  { key: 'feedback', weight: 80, stop: 'feedback', level: 'CO_PRODUCTION', meetings: 1, feedback: 8 },
  {
    key: 'acknowledgement',
    weight: 50,
    stop: 'acknowledgement',
    level: 'PARTNERSHIP',
    meetings: 1,
    feedback: 15,
  },
  { key: 'closed-small', weight: 150, stop: 'closed', level: 'CO_PRODUCTION', meetings: 1, feedback: 10 },
  {
    key: 'closed-below',
    weight: 120,
    stop: 'closed',
    level: 'PARTNERSHIP',
    meetings: 2,
    feedback: 25,
    achieved: 'CONSULTATION',
  },
  {
    key: 'closed-ack-late',
    weight: 100,
    stop: 'closed',
    level: 'CO_PRODUCTION',
    meetings: 2,
    feedback: 30,
    ackLate: true,
    papersLate: true,
  },
  {
    key: 'closed-consultation',
    weight: 80,
    stop: 'closed',
    level: 'CONSULTATION',
    meetings: 1,
    feedback: 20,
  },
  { key: 'closed-large', weight: 98, stop: 'closed', level: 'CO_PRODUCTION', meetings: 3, feedback: 80 },
  { key: 'survey', weight: 2, stop: 'closed', level: 'CO_PRODUCTION', meetings: 2, feedback: 1000 },
];

/** Share of projects per charter (one large authority, four smaller ones), out of 100. */
const CHARTER_WEIGHTS: Record<string, number> = {
  worcestershire: 40,
  wokingham: 15,
  'north-northamptonshire': 15,
  warrington: 15,
  hounslow: 15,
};
export const BIG_CHARTER = 'worcestershire';

const FEEDBACK_BODIES = [
  'The short breaks offer needs more evening sessions for older children.',
  'Transport to the holiday club is unreliable.',
  'We would like the plan written in plain English.',
  'Please hold meetings after the school run.',
  'The online form does not work on a phone.',
  'More support for families waiting for an assessment, please.',
];

const who = (key: string, displayName: string, role: string, charterId: string): Actor => ({
  id: `~${key}~`,
  displayName,
  roles: [role],
  charters: [charterId],
});

/** Replays a project life through the domain's deciders, firing deadlines as the clock passes them. */
class Life {
  state: ProjectState | null = null;
  readonly events: NewEvent[] = [];
  now = T0;

  private record(decision: Decision) {
    if (decision.events.length === 0) return;
    this.state = applyEvents(TEMPLATE_ID, this.state, decision.events);
    this.events.push(...decision.events);
  }

  /** Moves the clock on, recording what the workflow's timers would record on the way. */
  advance(ms: number) {
    const to = this.now + ms;
    for (let k = 0; k < 100 && this.state; k++) {
      const wake = nextSystemWakeUp(this.state);
      if (!wake || wake.getTime() > to) break;
      const at = Math.max(wake.getTime(), this.now);
      const decision = decideDeadlines(this.state, new Date(at));
      if (decision.events.length === 0) break;
      this.now = at;
      this.record(decision);
    }
    this.now = to;
  }

  start(input: Parameters<typeof decideStart>[1], actor: Actor) {
    this.record(decideStart(TEMPLATE_ID, input, actor, new Date(this.now)));
  }

  step(command: ProjectCommand, actor: Actor) {
    this.record(decide(this.state!, command, actor, new Date(this.now)));
  }

  /** A meeting at least three weeks ahead that the charter's booking rules accept. */
  schedule(actor: Actor, title: string): string {
    for (const override of [null, 'Agreed with the forum']) {
      for (let days = 21; days < 70; days++) {
        const day = new Date(this.now + days * DAY);
        if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
        // 11:00 UTC is 11:00 or 12:00 in London: inside every charter's meeting window.
        const startsAt = `${day.toISOString().slice(0, 10)}T11:00:00.000Z`;
        try {
          this.step(
            {
              type: 'scheduleMeeting',
              input: {
                title,
                startsAt,
                durationMinutes: 90,
                location: 'Civic Centre',
                overrideReason: override,
              },
            },
            actor,
          );
          return this.state!.meetings[this.state!.meetings.length - 1].id;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
        }
      }
    }
    throw new Error(`No meeting time was accepted for charter ${this.state!.charterId}.`);
  }
}

function live(charterId: string, v: Variant): Life {
  const lead = who('lead', 'Lee Lead', 'LEAD', charterId);
  const kc = who('kc', 'Kim Contact', 'KEY_CONTACT', charterId);
  const reps = [1, 2, 3].map((n) => who(`rep${n}`, `Parent Rep ${n}`, 'PARENT_REP', charterId));
  const life = new Life();
  life.start(
    {
      charterId,
      title: `Short breaks review ~n~`,
      purpose: 'Review the short breaks offer with families',
      confidentiality: 'PARTNERS',
      expectedOutcomes: ['A short breaks offer families helped design'],
      proposedLevel: v.level,
      proposedReason: 'Families rely on short breaks every week',
      participants: [
        ...reps.map((r) => ({ displayName: r.displayName, role: 'PARENT_REP' as const, personId: r.id })),
        { displayName: kc.displayName, role: 'KEY_CONTACT' as const, personId: kc.id },
      ],
    },
    lead,
  );
  if (v.stop === 'started') return life;
  life.advance(2 * DAY);
  if (v.counter || v.stop === 'counter') {
    life.step(
      {
        type: 'counterProposeLadderLevel',
        level: 'PARTNERSHIP',
        reason: 'Parents have little time this term',
      },
      reps[0],
    );
    if (v.stop === 'counter') return life;
    life.advance(DAY);
    life.step({ type: 'changeLadderLevel', level: 'PARTNERSHIP', reason: 'We accept the forum view' }, lead);
  } else {
    life.step({ type: 'agreeLadderLevel', comment: 'Agreed at the forum meeting' }, reps[0]);
  }
  if (v.stop === 'cancelled') {
    life.advance(5 * DAY);
    life.step({ type: 'cancelProject', reason: 'Funding was withdrawn' }, lead);
    return life;
  }
  const participantId = (personId: string) =>
    life.state!.participants.find((p) => p.personId === personId)!.id;
  life.advance(3 * DAY);
  life.step(
    {
      type: 'recordBriefing',
      summary: 'We explained the review, the timetable and who to ask for help.',
      briefedParticipantIds: reps.slice(0, 2).map((r) => participantId(r.id)),
    },
    kc,
  );
  if (v.stop === 'briefing') return life;
  life.advance(DAY);
  life.step({ type: 'completeBriefing' }, lead);

  for (let m = 0; m < v.meetings; m++) {
    life.advance(DAY);
    const meetingId = life.schedule(kc, `Workshop ${m + 1}`);
    const startsAt = Date.parse(life.state!.meetings.find((x) => x.id === meetingId)!.startsAt);
    const late = v.papersLate && m === 0;
    life.advance(startsAt - (late ? 3 : 10) * DAY - life.now);
    life.step({ type: 'distributePapers', meetingId, documents: ['Agenda', 'Options paper'] }, kc);
    life.advance(startsAt + 3 * HOUR - life.now);
    life.step(
      {
        type: 'recordMeeting',
        meetingId,
        input: {
          minutes: 'Parents described the gaps in short breaks.',
          decisions: ['Draft a new offer'],
          actions: ['Lead to share a draft'],
          attendance: reps.map((r) => ({ participantId: participantId(r.id), present: true })),
        },
      },
      kc,
    );
  }
  if (v.stop === 'meetings') return life;

  life.advance(DAY);
  const window = 14 * DAY;
  life.step(
    {
      type: 'openFeedback',
      closesAt: new Date(life.now + window).toISOString(),
      channels: ['SURVEY', 'FORUM'],
    },
    lead,
  );
  const givers = [...reps, kc];
  for (let i = 0; i < v.feedback; i++) {
    life.advance(Math.floor((window * 0.9) / Math.max(1, v.feedback)));
    life.step(
      {
        type: 'submitFeedback',
        channel: i % 3 === 0 ? 'FORUM' : 'SURVEY',
        body: FEEDBACK_BODIES[i % FEEDBACK_BODIES.length],
        anonymous: i % 5 === 4,
      },
      givers[i % givers.length],
    );
  }
  if (v.stop === 'feedback') return life;
  // The window closes by its timer (the system records FeedbackClosed).
  life.advance(Date.parse(life.state!.feedbackWindow!.closesAt) + HOUR - life.now);
  if (v.stop === 'acknowledgement') return life;
  life.advance((v.ackLate ? 20 : 3) * DAY);
  life.step({ type: 'acknowledgeFeedback', message: 'Thank you: we read every reply.' }, lead);
  life.advance(7 * DAY);
  const ids = life.state!.feedback.map((f) => f.id);
  const groups = Math.min(10, Math.max(1, ids.length));
  const youSaidWeDid = Array.from({ length: groups }, (_, g) => ({
    youSaid: FEEDBACK_BODIES[g % FEEDBACK_BODIES.length],
    weDid: 'We changed the offer and wrote to every family about it.',
    feedbackIds: ids.filter((_, i) => i % groups === g),
  })).filter((e) => e.feedbackIds.length > 0);
  const achieved = v.achieved ?? life.state!.ladder.agreedLevel ?? v.level;
  life.step(
    {
      type: 'publishClosingReport',
      input: {
        youSaidWeDid,
        levelAchieved: achieved,
        barriers: v.achieved ? 'Meetings clashed with the school run for many parents.' : null,
        lessonsLearned: 'Start the briefing earlier',
        celebrate: 'Parents designed the new offer',
      },
    },
    lead,
  );
  return life;
}

interface Template {
  tpl: number;
  charterId: string;
  variant: Variant;
  events: NewEvent[];
  state: ProjectState;
}

function buildTemplates(): { templates: Template[]; problems: string[] } {
  const templates: Template[] = [];
  const problems: string[] = [];
  for (const charter of CHARTERS) {
    for (const variant of VARIANTS) {
      try {
        const life = live(charter.id, variant);
        templates.push({
          tpl: templates.length,
          charterId: charter.id,
          variant,
          events: life.events,
          state: life.state!,
        });
      } catch (err) {
        problems.push(`${charter.id}/${variant.key}: ${(err as Error).message}`);
      }
    }
  }
  return { templates, problems };
}

/** A small deterministic PRNG (mulberry32), so every run seeds the same projects. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: readonly T[], weight: (t: T) => number, r: number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = r * total;
  for (const t of items) {
    x -= weight(t);
    if (x < 0) return t;
  }
  return items[items.length - 1];
}

const uuidOf = (g: number) => {
  const h = createHash('md5').update(`bench-project-${g}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export interface SeededProject {
  g: number;
  id: string;
  charterId: string;
  variant: string;
  events: number;
}

const FILL_FUNCTION = `
CREATE OR REPLACE FUNCTION bench_fill(t text, pid uuid, g int) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(replace(replace(replace(t,
    '${TEMPLATE_ID}', pid::text),
    '~lead~', 'lead-' || (g % 500)),
    '~kc~', 'kc-' || (g % 300)),
    '~rep1~', 'rep-' || (g % 3000)),
    '~rep2~', 'rep-' || ((g * 7 + 1) % 3000)),
    '~rep3~', 'rep-' || ((g * 13 + 2) % 3000)),
    '~n~', g::text)
$$`;

const HASH_OF = (seq: string) => `encode(sha256(convert_to(p.id::text || ':' || ${seq}, 'UTF8')), 'hex')`;
const PROJECT_LIST = `unnest($1::int[], $2::uuid[], $3::int[], $4::timestamptz[]) AS p(g, id, tpl, start_at)`;

export class Seeder {
  readonly projects: SeededProject[] = [];
  problems: string[] = [];
  private templates: Template[] = [];
  private readonly random = prng(20251106);
  private nextG = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Decides the templates and stores them (and the fill function) in the database. */
  async prepare(): Promise<{ templates: number; meanEvents: number }> {
    const built = buildTemplates();
    this.templates = built.templates;
    this.problems = built.problems;
    if (this.templates.length === 0)
      throw new Error(`No template could be built: ${this.problems.join('; ')}`);
    const q = (sql: string, params?: unknown[]) => this.dataSource.query(sql, params);
    await q(FILL_FUNCTION);
    await q(`DROP TABLE IF EXISTS bench_tpl_events, bench_tpl_projects`);
    await q(`CREATE TABLE bench_tpl_events (tpl int, seq int, type text, actor_id text, actor_name text,
               actor_roles text[], offset_ms bigint, data text, reason text, PRIMARY KEY (tpl, seq))`);
    await q(`CREATE TABLE bench_tpl_projects (tpl int PRIMARY KEY, event_count int, charter_id text, title text,
               phase text, confidentiality text, proposed_level text, agreed_level text, has_breaches boolean,
               participant_person_ids text, lead_person_ids text, state text, created_offset_ms bigint,
               updated_offset_ms bigint, closing_level_agreed text, closing_level_achieved text,
               closing_barriers text, closing_entries int, briefing_level text, briefing_version int, ladder_reason text,
               papers_settled_offsets_ms bigint[], ack_settled_offset_ms bigint)`);
    for (const t of this.templates) {
      const rows = t.events.map((e, i) => ({
        tpl: t.tpl,
        seq: i + 1,
        type: e.type,
        actor_id: e.actor.id,
        actor_name: e.actor.displayName,
        actor_roles: e.actor.roles,
        offset_ms: Date.parse(e.occurredAt) - T0,
        data: JSON.stringify(e.data),
        reason: e.reason,
      }));
      await q(
        `INSERT INTO bench_tpl_events
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(tpl int, seq int, type text, actor_id text,
           actor_name text, actor_roles text[], offset_ms bigint, data text, reason text)`,
        [JSON.stringify(rows)],
      );
      // The template's row as the projects read model writes it; ids are filled per project.
      const row = readModelRow(t.state, foldProject(TEMPLATE_ID, null, NO_BOARD_FACTS, t.events).facts);
      await q(
        `INSERT INTO bench_tpl_projects VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
           $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
        [
          t.tpl,
          t.events.length,
          row.charter_id,
          row.title,
          row.phase,
          row.confidentiality,
          row.proposed_level,
          row.agreed_level,
          row.has_breaches,
          row.participant_person_ids.join(','),
          row.lead_person_ids.join(','),
          row.state,
          Date.parse(row.created_at) - T0,
          Date.parse(row.updated_at) - T0,
          row.closing_level_agreed,
          row.closing_level_achieved,
          row.closing_barriers,
          row.closing_entries,
          row.briefing_level,
          row.briefing_version,
          row.ladder_reason,
          row.papers_settled_at.map((at) => Date.parse(at) - T0),
          row.ack_settled_at === null ? null : Date.parse(row.ack_settled_at) - T0,
        ],
      );
    }
    const variantShare = (t: Template) => t.variant.weight * (CHARTER_WEIGHTS[t.charterId] ?? 1);
    const total = this.templates.reduce((s, t) => s + variantShare(t), 0);
    const meanEvents = this.templates.reduce((s, t) => s + variantShare(t) * t.events.length, 0) / total;
    return { templates: this.templates.length, meanEvents };
  }

  private pick(): { template: Template; project: SeededProject; startAt: string } {
    const g = this.nextG++;
    // The first project is a large survey of the big charter, so even the smallest data set
    // has a project deep enough for deep per-project pages.
    const template =
      g === 0
        ? (this.templates.find((t) => t.charterId === BIG_CHARTER && t.variant.key === 'survey') ??
          this.templates[0])
        : (() => {
            const charterId = weighted(
              Object.keys(CHARTER_WEIGHTS),
              (c) => CHARTER_WEIGHTS[c],
              this.random(),
            );
            const ofCharter = this.templates.filter((t) => t.charterId === charterId);
            return weighted(ofCharter, (t) => t.variant.weight, this.random());
          })();
    const startAt = new Date(YEAR_START + Math.floor(this.random() * (YEAR_MS - 120 * DAY))).toISOString();
    return {
      template,
      startAt,
      project: {
        g,
        id: uuidOf(g),
        charterId: template.charterId,
        variant: template.variant.key,
        events: template.events.length,
      },
    };
  }

  /** Adds projects until the events table holds at least `target` events. Returns its count. */
  async seedTo(target: number): Promise<number> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM events`)) as { n: number }[];
    let count = n;
    while (count < target) {
      const batch: ReturnType<Seeder['pick']>[] = [];
      let events = 0;
      while (count + events < target && events < 20_000) {
        const p = this.pick();
        batch.push(p);
        events += p.project.events;
      }
      await this.insert(batch);
      this.projects.push(...batch.map((b) => b.project));
      count += events;
    }
    await this.dataSource.query(`VACUUM ANALYZE events`);
    await this.dataSource.query(`ANALYZE projects`);
    await this.dataSource.query(`ANALYZE event_streams`);
    return count;
  }

  private async insert(batch: ReturnType<Seeder['pick']>[]) {
    const params = [
      batch.map((b) => b.project.g),
      batch.map((b) => b.project.id),
      batch.map((b) => b.template.tpl),
      batch.map((b) => b.startAt),
    ];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `INSERT INTO event_streams (project_id, version, head_hash, created_at)
         SELECT p.id, t.event_count, ${HASH_OF('t.event_count')}, p.start_at
         FROM ${PROJECT_LIST} JOIN bench_tpl_projects t ON t.tpl = p.tpl`,
        params,
      );
      await runner.query(
        `INSERT INTO events (project_id, sequence, type, actor_id, actor_name, actor_roles, occurred_at, data,
                             reason, prev_hash, hash)
         SELECT p.id, e.seq, e.type, bench_fill(e.actor_id, p.id, p.g), e.actor_name, e.actor_roles,
                p.start_at + e.offset_ms * interval '1 millisecond', bench_fill(e.data, p.id, p.g)::jsonb, e.reason,
                CASE WHEN e.seq = 1 THEN $5 ELSE ${HASH_OF('(e.seq - 1)')} END, ${HASH_OF('e.seq')}
         FROM ${PROJECT_LIST} JOIN bench_tpl_events e ON e.tpl = p.tpl
         ORDER BY p.start_at + e.offset_ms * interval '1 millisecond'`,
        [...params, GENESIS_HASH],
      );
      await runner.query(
        `INSERT INTO projects (id, charter_id, title, phase, confidentiality, proposed_level, agreed_level,
                               has_breaches, participant_person_ids, lead_person_ids, state, version,
                               created_at, updated_at, closing_level_agreed, closing_level_achieved,
                               closing_barriers, closing_entries, briefing_level, briefing_version,
                               ladder_reason, papers_settled_at, ack_settled_at)
         SELECT p.id, t.charter_id, bench_fill(t.title, p.id, p.g), t.phase, t.confidentiality, t.proposed_level,
                t.agreed_level, t.has_breaches,
                string_to_array(bench_fill(t.participant_person_ids, p.id, p.g), ','),
                string_to_array(bench_fill(t.lead_person_ids, p.id, p.g), ','),
                bench_fill(t.state, p.id, p.g)::jsonb, t.event_count,
                p.start_at + t.created_offset_ms * interval '1 millisecond',
                p.start_at + t.updated_offset_ms * interval '1 millisecond',
                t.closing_level_agreed, t.closing_level_achieved, bench_fill(t.closing_barriers, p.id, p.g),
                t.closing_entries,
                t.briefing_level, t.briefing_version, bench_fill(t.ladder_reason, p.id, p.g),
                ARRAY(SELECT p.start_at + o * interval '1 millisecond'
                      FROM unnest(t.papers_settled_offsets_ms) AS o ORDER BY o),
                p.start_at + t.ack_settled_offset_ms * interval '1 millisecond'
         FROM ${PROJECT_LIST} JOIN bench_tpl_projects t ON t.tpl = p.tpl`,
        params,
      );
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** Drops the template tables and the fill function (the seeded rows stay). */
  async cleanUp() {
    await this.dataSource.query(`DROP TABLE IF EXISTS bench_tpl_events, bench_tpl_projects`);
    await this.dataSource.query(`DROP FUNCTION IF EXISTS bench_fill(text, uuid, int)`);
  }
}
