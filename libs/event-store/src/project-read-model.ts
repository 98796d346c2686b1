// The projects read model: one row per project holding its state (the domain's fold of its
// events) and the columns that lists filter on, and one row per feedback item (so an append
// writes only what is new, however many items a survey gathers). Registered with the store
// as an inline projection, so it is updated in the same transaction as every append.
import type { NewEvent } from '../../domain/src/events';
import { isUuid } from '../../domain/src/input-checks';
import { applyEvent, upgradeState, type ProjectState } from '../../domain/src/project-state';
import { isBelow, type LadderLevel, type ProjectPhase } from '../../domain/src/vocabulary';
import { decodeCursor, encodeCursor } from './cursors';
import type { InlineProjection } from './projection';
import { readableByScope, type ReadScope } from './read-scope';
import { pageSize, Where, type PageRequest, type Run } from './sql';

export interface ProjectListFilter {
  readableBy?: ReadScope;
  charterId?: string | null;
  phase?: ProjectPhase | null;
  /** The agreed level, or the proposed one while none is agreed. */
  ladderLevel?: LadderLevel | null;
  hasBreaches?: boolean | null;
  /** Case-insensitive substring of the title. */
  search?: string | null;
}

export interface ProjectPage {
  projects: ProjectState[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  /** The cursor of a project on this page. */
  cursorOf(project: ProjectState): string;
}

/**
 * What the board report reads of a project's history that its state does not keep, folded
 * event by event alongside the state (foldBoardFacts) and stored in columns of its own, which
 * the next append reads back to carry the fold on.
 */
export interface BoardFacts {
  /** The level agreed when the briefing was completed (null before, or when none was agreed). */
  briefingLevel: LadderLevel | null;
  /** The sequence of the BriefingCompleted event; null before the briefing was completed. */
  briefingVersion: number | null;
  /**
   * The lead's latest reason for a level below CO_PRODUCTION, trimmed of spaces: the reason of
   * the latest ProjectStarted, LadderLevelProposed or LadderLevelChanged below it, or of the
   * lead's LadderLevelAgreed below it (side LEAD; without a side, when its actor leads the
   * project then). Null when the lead gave none.
   */
  ladderReason: string | null;
}

export const NO_BOARD_FACTS: BoardFacts = { briefingLevel: null, briefingVersion: null, ladderReason: null };

/** Trims spaces only, as PostgreSQL's btrim(text) does. */
const trimSpaces = (text: string) => text.replace(/^ +| +$/g, '');

const leadPersonIds = (state: ProjectState) =>
  state.participants.filter((p) => p.role === 'LEAD' && p.personId !== null).map((p) => p.personId);

/** The board facts after `event`, given the state just after it (pure). */
export function foldBoardFacts(facts: BoardFacts, event: NewEvent, after: ProjectState): BoardFacts {
  if (event.type === 'BriefingCompleted') {
    if (facts.briefingVersion !== null) return facts;
    return { ...facts, briefingLevel: after.ladder.agreedLevel, briefingVersion: after.version };
  }
  let level: LadderLevel;
  const data = event.data as { level?: LadderLevel; proposedLevel?: LadderLevel; side?: string };
  switch (event.type) {
    case 'ProjectStarted':
      level = data.proposedLevel!;
      break;
    case 'LadderLevelProposed':
    case 'LadderLevelChanged':
      level = data.level!;
      break;
    case 'LadderLevelAgreed':
      // An agreement is the lead's when it says so (or, recorded before it did, by a lead).
      if (!(data.side === 'LEAD' || (data.side == null && leadPersonIds(after).includes(event.actor.id))))
        return facts;
      level = data.level!;
      break;
    default:
      return facts;
  }
  const reason = trimSpaces(event.reason ?? '');
  if (reason === '' || !isBelow(level, 'CO_PRODUCTION')) return facts;
  return { ...facts, ladderReason: reason };
}

/** The state and board facts after `events` (pure): the projection's fold, and the seed's. */
export function foldProject(
  projectId: string,
  state: ProjectState | null,
  facts: BoardFacts,
  events: readonly NewEvent[],
): { state: ProjectState; facts: BoardFacts } {
  for (const event of events) {
    state = applyEvent(projectId, state, event);
    facts = foldBoardFacts(facts, event, state);
  }
  return { state: state!, facts };
}

/** The earliest of some instants (ISO 8601, as the store writes them), or null. */
const earliest = (instants: (string | null | undefined)[]) =>
  instants.reduce<string | null>((min, at) => (at && (min === null || at < min) ? at : min), null);

/** A row of the projects table, by column, as the projection writes it. */
export function readModelRow(state: ProjectState, facts: BoardFacts = NO_BOARD_FACTS) {
  const personIds = (roles?: string[]) => [
    ...new Set(
      state.participants
        .filter((p) => p.personId !== null && (!roles || roles.includes(p.role)))
        .map((p) => p.personId as string),
    ),
  ];
  return {
    id: state.id,
    charter_id: state.charterId,
    title: state.title,
    phase: state.phase,
    confidentiality: state.confidentiality,
    proposed_level: state.ladder.proposedLevel,
    agreed_level: state.ladder.agreedLevel,
    has_breaches: state.breaches.length > 0,
    participant_person_ids: personIds(),
    lead_person_ids: personIds(['LEAD']),
    state: JSON.stringify(state),
    version: state.version,
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    // For the board report (board-report.ts), so it reads them here rather than from events.
    closing_level_agreed: state.closingReport?.levelAgreed ?? null,
    closing_level_achieved: state.closingReport?.levelAchieved ?? null,
    closing_barriers: state.closingReport?.barriers ?? null,
    closing_entries: state.closingReport?.youSaidWeDid.length ?? null,
    briefing_level: facts.briefingLevel,
    briefing_version: facts.briefingVersion,
    ladder_reason: facts.ladderReason,
    papers_settled_at: papersSettledAt(state),
    ack_settled_at: earliest([
      state.acknowledgement?.sentAt,
      ...state.breaches.filter((b) => b.rule === 'feedback.ackWorkingDays').map((b) => b.at),
    ]),
  };
}

/**
 * Per meeting whose papers deadline has settled, when it first did: its papers went out, or
 * its papers breach was recorded, whichever came first. Oldest first.
 */
function papersSettledAt(state: ProjectState): string[] {
  const settled = new Map<string, string>();
  const settle = (meetingId: string | null, at: string | null) => {
    if (meetingId === null || at === null) return;
    const known = settled.get(meetingId);
    if (known === undefined || at < known) settled.set(meetingId, at);
  };
  for (const m of state.meetings) settle(m.id, m.papersDistributedAt);
  for (const b of state.breaches) if (b.rule === 'papers.minNoticeDays') settle(b.meetingId, b.at);
  return [...settled.values()].sort();
}

/**
 * The state as stored, with its feedback items put back: any the JSON still holds (a row
 * written before the items had rows of their own), then the rows in order.
 */
const STATE_WITH_FEEDBACK = `jsonb_set(projects.state, '{feedback}', coalesce(projects.state->'feedback', '[]') ||
  coalesce((SELECT jsonb_agg(f.item ORDER BY f.position) FROM project_feedback f WHERE f.project_id = projects.id),
    '[]')) AS state`;

/** A project's read-model row as stored: its state (without its feedback rows) and item count. */
export interface StoredReadModel {
  state: ProjectState;
  feedbackCount: number;
  /** The board facts its columns hold, which the next fold carries on. */
  facts: BoardFacts;
}

/** What an append writes to the read model: the row, and the feedback items that get rows. */
export interface ReadModelUpdate {
  /** The row by column (`state` as JSON text), feedback_count included. */
  row: ReturnType<typeof readModelRow> & { feedback_count: number };
  /** The row as it is stored afterwards: the state a next fold starts from. */
  stored: StoredReadModel;
  /** New feedback items, numbered from `feedbackFrom` in project_feedback. */
  added: unknown[];
  feedbackFrom: number;
}

/**
 * The pure fold of an append (the domain's own reducer): the stored row before (null for a
 * new project) and the new events give the row to write. Both append paths use it, the
 * transactional one and the one-statement one (which sends the row as one jsonb).
 */
export function readModelUpdate(
  projectId: string,
  current: StoredReadModel | null,
  events: readonly NewEvent[],
  newVersion: number,
): ReadModelUpdate {
  // Without its items: the fold of the new events adds only the new ones.
  const before = current ? current.state : null;
  const { state, facts } = foldProject(projectId, before, current?.facts ?? NO_BOARD_FACTS, events);
  if (state.version !== newVersion) {
    throw new Error(
      `The read model of project ${projectId} is at version ${state.version} after the append, ` +
        `but the project has ${newVersion} events.`,
    );
  }
  // Items the stored JSON already held stay there (a row from before project_feedback); the
  // new ones go to project_feedback, numbered on from feedback_count.
  const kept = before?.feedback.length ?? 0;
  const added = state.feedback.slice(kept);
  const count = (current?.feedbackCount ?? 0) + added.length;
  const storedState = { ...state, feedback: state.feedback.slice(0, kept) };
  return {
    row: { ...readModelRow(storedState, facts), feedback_count: count },
    stored: { state: storedState, feedbackCount: count, facts },
    added,
    feedbackFrom: count - added.length,
  };
}

/**
 * The row as one jsonb object for jsonb_populate_record: the state column goes in as the
 * JSON it already is, not as a string.
 */
export function readModelRowJson(row: ReadModelUpdate['row']): string {
  const { state, ...columns } = row;
  return `${JSON.stringify(columns).slice(0, -1)},"state":${state}}`;
}

/**
 * Reads the stored row, folds the new events into it and writes it (new items get rows).
 * Returns the row as stored and its xmin, for the store's cache of recent heads.
 */
export async function applyToReadModel(
  run: Run,
  projectId: string,
  events: NewEvent[],
  newVersion: number,
): Promise<StoredReadModel & { xmin: string }> {
  const [current] = await run<{
    state: ProjectState;
    feedback_count: number;
    briefing_level: LadderLevel | null;
    briefing_version: number | null;
    ladder_reason: string | null;
  }>(
    `SELECT state, feedback_count, briefing_level, briefing_version, ladder_reason FROM projects WHERE id = $1`,
    [projectId],
  );
  const { row, stored, added, feedbackFrom } = readModelUpdate(
    projectId,
    current
      ? {
          state: upgradeState(current.state),
          feedbackCount: current.feedback_count,
          facts: {
            briefingLevel: current.briefing_level,
            briefingVersion: current.briefing_version,
            ladderReason: current.ladder_reason,
          },
        }
      : null,
    events,
    newVersion,
  );
  const [written] = await run<{ xmin: string }>(
    `INSERT INTO projects (id, charter_id, title, phase, confidentiality, proposed_level, agreed_level,
                           has_breaches, participant_person_ids, lead_person_ids, state, version,
                           created_at, updated_at, closing_level_agreed, closing_level_achieved,
                           closing_barriers, closing_entries, briefing_level, briefing_version,
                           ladder_reason, papers_settled_at, ack_settled_at, feedback_count)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11::jsonb, $12, $13, $14, $15, $16,
             $17, $18, $19, $20, $21, $22::timestamptz[], $23, $24)
     ON CONFLICT (id) DO UPDATE SET
       charter_id = excluded.charter_id, title = excluded.title, phase = excluded.phase,
       confidentiality = excluded.confidentiality, proposed_level = excluded.proposed_level,
       agreed_level = excluded.agreed_level, has_breaches = excluded.has_breaches,
       participant_person_ids = excluded.participant_person_ids, lead_person_ids = excluded.lead_person_ids,
       state = excluded.state, version = excluded.version, updated_at = excluded.updated_at,
       closing_level_agreed = excluded.closing_level_agreed,
       closing_level_achieved = excluded.closing_level_achieved, closing_barriers = excluded.closing_barriers,
       closing_entries = excluded.closing_entries,
       briefing_level = excluded.briefing_level, briefing_version = excluded.briefing_version,
       ladder_reason = excluded.ladder_reason, papers_settled_at = excluded.papers_settled_at,
       ack_settled_at = excluded.ack_settled_at, feedback_count = excluded.feedback_count
     RETURNING xmin::text`,
    Object.values(row),
  );
  if (added.length)
    await run(
      `INSERT INTO project_feedback (project_id, position, item)
       SELECT $1, $2 + i.n - 1, i.item FROM unnest($3::jsonb[]) WITH ORDINALITY AS i(item, n)`,
      [projectId, feedbackFrom, added.map((item) => JSON.stringify(item))],
    );
  return { ...stored, xmin: written.xmin };
}

/** Folds the new events into the project's row (the domain's own reducer); new items get rows. */
export const projectsReadModel: InlineProjection = {
  name: 'projects',
  async handle(run: Run, projectId: string, events: NewEvent[], newVersion: number): Promise<void> {
    await applyToReadModel(run, projectId, events, newVersion);
  },
};

const projectCursor = (p: ProjectState) => encodeCursor({ k: 'proj', c: p.createdAt, i: p.id });

export async function getProject(run: Run, id: string): Promise<ProjectState | null> {
  if (!isUuid(id)) return null;
  const [row] = await run<{ state: ProjectState }>(
    `SELECT ${STATE_WITH_FEEDBACK} FROM projects WHERE id = $1`,
    [id],
  );
  return row ? upgradeState(row.state) : null;
}

/** The projects found, in the order asked; unknown ids are left out. */
export async function getProjects(run: Run, ids: readonly string[]): Promise<ProjectState[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  const rows = await run<{ state: ProjectState }>(
    `SELECT ${STATE_WITH_FEEDBACK} FROM projects WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  const byId = new Map(rows.map((r) => [r.state.id, upgradeState(r.state)]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** Projects newest first (by createdAt, then id), filtered, with the total the filter matches. */
export async function listProjects(
  run: Run,
  filter: ProjectListFilter,
  page: PageRequest,
): Promise<ProjectPage> {
  const first = pageSize(page.first);
  const where = new Where();
  if (filter.readableBy) where.add(readableByScope(where, filter.readableBy, 'projects'));
  if (filter.charterId) where.add(`charter_id = ${where.param(filter.charterId)}`);
  if (filter.phase) where.add(`phase = ${where.param(filter.phase)}`);
  if (filter.ladderLevel)
    where.add(`coalesce(agreed_level, proposed_level) = ${where.param(filter.ladderLevel)}`);
  if (filter.hasBreaches !== undefined && filter.hasBreaches !== null) {
    where.add(`has_breaches = ${where.param(filter.hasBreaches)}`);
  }
  const search = filter.search?.trim();
  if (search) {
    const pattern = search.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    where.add(`lower(title) LIKE '%' || lower(${where.param(pattern)}) || '%' ESCAPE '\\'`);
  }

  const countSql = `SELECT count(*)::int AS n FROM projects ${where.sql}`;
  const countParams = [...where.params];
  if (page.after) {
    const after = decodeCursor(page.after, 'proj');
    where.add(`(created_at, id) < (${where.param(after.c)}::timestamptz, ${where.param(after.i)}::uuid)`);
  }
  const listSql =
    `SELECT ${STATE_WITH_FEEDBACK} FROM projects ${where.sql} ORDER BY created_at DESC, id DESC ` +
    `LIMIT ${where.param(first + 1)}`;
  const [rows, [count]] = await Promise.all([
    run<{ state: ProjectState }>(listSql, where.params),
    run<{ n: number }>(countSql, countParams),
  ]);
  const projects = rows.slice(0, first).map((r) => upgradeState(r.state));
  return {
    projects,
    hasNextPage: rows.length > first,
    endCursor: projects.length ? projectCursor(projects[projects.length - 1]) : null,
    totalCount: count.n,
    cursorOf: projectCursor,
  };
}
