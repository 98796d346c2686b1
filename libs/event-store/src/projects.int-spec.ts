// Listing projects from the read model: who may read what, filters, keyset pages, totals.
import { randomUUID } from 'node:crypto';
import type { ProjectState } from '../../domain/src/project-state';
import type { Confidentiality } from '../../domain/src/vocabulary';
import { agreed, lead, useTestDb, parentRep, participant, started } from '../test/support';
import type { ProjectListFilter, ReadScope } from './index';

const db = useTestDb();
const store = db.store;

const X = `charter-x-${randomUUID()}`;
const Y = `charter-y-${randomUUID()}`;
const person = `person-${randomUUID()}`;
const BASE = Date.parse('2027-05-01T08:00:00.000Z');

interface Made {
  id: string;
  name: string;
}

async function make(
  name: string,
  charterId: string,
  confidentiality: Confidentiality,
  options: { participant?: boolean; title?: string; minute: number },
): Promise<Made> {
  const id = randomUUID();
  const participants = [participant('LEAD', lead.id)];
  if (options.participant) participants.push(participant('PARENT_REP', person));
  await store.append({
    projectId: id,
    expectedVersion: 0,
    events: [
      started({
        charterId,
        confidentiality,
        participants,
        title: options.title ?? name,
        proposedLevel: 'CO_PRODUCTION',
        occurredAt: new Date(BASE + options.minute * 60_000).toISOString(),
      }),
    ],
  });
  return { id, name };
}

/** Every project a filter lists, following the cursors. */
async function listAll(filter: ProjectListFilter, first: number) {
  const seen: ProjectState[] = [];
  const totals = new Set<number>();
  let after: string | undefined;
  for (;;) {
    const page = await store.listProjects(filter, { first, after });
    seen.push(...page.projects);
    totals.add(page.totalCount);
    for (const p of page.projects) expect(typeof page.cursorOf(p)).toBe('string');
    if (page.projects.length)
      expect(page.endCursor).toBe(page.cursorOf(page.projects[page.projects.length - 1]));
    if (!page.hasNextPage) return { titles: seen.map((p) => p.title), totals: [...totals], projects: seen };
    after = page.endCursor ?? undefined;
  }
}

describe('listProjects', () => {
  let p: Record<string, Made>;
  const member: ReadScope = { personId: person, charterIds: [X], boardOrForumCharterIds: [] };

  beforeAll(async () => {
    const made = await Promise.all([
      make('x-partners-participant', X, 'PARTNERS', { participant: true, minute: 1 }),
      make('x-public', X, 'PUBLIC', { minute: 2, title: 'Short BREAKS review' }),
      make('x-partners', X, 'PARTNERS', { minute: 3, title: 'Transport 100% plan' }),
      make('y-public', Y, 'PUBLIC', { minute: 4, title: 'under_score' }),
      make('y-group-participant', Y, 'MEETING_GROUP', { participant: true, minute: 5 }),
      make('x-meeting-group', X, 'MEETING_GROUP', { minute: 6, title: 'Underscore breaks' }),
    ]);
    p = Object.fromEntries(made.map((m) => [m.name, m]));
    // One project agrees its ladder level: phase BRIEFING, agreed level PARTNERSHIP.
    const id = p['x-public'].id;
    await store.append({
      projectId: id,
      expectedVersion: 1,
      events: [{ ...agreed('PARTNERSHIP'), actor: parentRep }],
    });
  });

  const ids = (projects: ProjectState[]) => projects.map((s) => s.id);

  it('lists what a participant and charter member may read, newest first, with the total', async () => {
    const page = await store.listProjects({ readableBy: member }, { first: 10 });
    expect(page.projects.map((s) => s.title)).toEqual([
      'y-group-participant',
      'Short BREAKS review',
      'x-partners-participant',
    ]);
    expect(page.totalCount).toBe(3);
    expect(page.hasNextPage).toBe(false);
  });

  it('lets BOARD or FORUM read every project of their charters', async () => {
    const board: ReadScope = {
      personId: `board-${randomUUID()}`,
      charterIds: [Y],
      boardOrForumCharterIds: [Y],
    };
    const page = await store.listProjects({ readableBy: board }, { first: 10 });
    expect(ids(page.projects)).toEqual([p['y-group-participant'].id, p['y-public'].id]);
    expect(page.totalCount).toBe(2);

    const both: ReadScope = { ...board, charterIds: [X, Y], boardOrForumCharterIds: [X, Y] };
    expect((await store.listProjects({ readableBy: both }, { first: 10 })).totalCount).toBe(6);
  });

  it('shows nothing to a stranger', async () => {
    const stranger: ReadScope = {
      personId: `nobody-${randomUUID()}`,
      charterIds: [],
      boardOrForumCharterIds: [],
    };
    const page = await store.listProjects({ readableBy: stranger, charterId: X }, { first: 10 });
    expect(page).toMatchObject({ projects: [], totalCount: 0, hasNextPage: false, endCursor: null });
  });

  it('pages newest first by keyset, with the same total on every page', async () => {
    const everything: ReadScope = { personId: person, charterIds: [X, Y], boardOrForumCharterIds: [X, Y] };
    const { projects, totals } = await listAll({ readableBy: everything }, 4);
    expect(totals).toEqual([6]);
    expect(ids(projects)).toEqual(
      [
        'x-meeting-group',
        'y-group-participant',
        'y-public',
        'x-partners',
        'x-public',
        'x-partners-participant',
      ].map((n) => p[n].id),
    );
    const byTwo = await listAll({ readableBy: everything }, 2);
    expect(ids(byTwo.projects)).toEqual(ids(projects));
  });

  it('keeps projects started at the same instant in a stable order across pages', async () => {
    const charterId = `charter-tie-${randomUUID()}`;
    const made = await Promise.all(
      Array.from({ length: 5 }, (_, i) => make(`tie-${i}`, charterId, 'PUBLIC', { minute: 100 })),
    );
    const scope: ReadScope = {
      personId: `reader-${randomUUID()}`,
      charterIds: [charterId],
      boardOrForumCharterIds: [],
    };
    const { projects, totals } = await listAll({ readableBy: scope }, 2);
    expect(totals).toEqual([5]);
    expect(ids(projects)).toEqual(
      made
        .map((m) => m.id)
        .sort()
        .reverse(),
    );
  });

  it('filters by charter, phase, ladder level, breaches and title', async () => {
    const everything: ReadScope = { personId: person, charterIds: [X, Y], boardOrForumCharterIds: [X, Y] };
    const titles = async (filter: Omit<ProjectListFilter, 'readableBy'>) => {
      const page = await store.listProjects({ ...filter, readableBy: everything }, { first: 50 });
      expect(page.totalCount).toBe(page.projects.length);
      return page.projects.map((s) => s.title).sort();
    };
    expect(await titles({ charterId: Y })).toEqual(['under_score', 'y-group-participant']);
    expect(await titles({ phase: 'BRIEFING' })).toEqual(['Short BREAKS review']);
    expect(await titles({ ladderLevel: 'PARTNERSHIP' })).toEqual(['Short BREAKS review']);
    expect(await titles({ ladderLevel: 'CO_PRODUCTION', charterId: Y })).toEqual([
      'under_score',
      'y-group-participant',
    ]);
    expect(await titles({ hasBreaches: true })).toEqual([]);
    expect((await titles({ hasBreaches: false })).length).toBe(6);
    expect(await titles({ search: 'breaks' })).toEqual(['Short BREAKS review', 'Underscore breaks']);
    expect(await titles({ search: '  BREAKS ' })).toEqual(['Short BREAKS review', 'Underscore breaks']);
    expect(await titles({ search: '100%' })).toEqual(['Transport 100% plan']);
    expect(await titles({ search: '%' })).toEqual(['Transport 100% plan']);
    expect(await titles({ search: '_' })).toEqual(['under_score']);
    expect(await titles({ search: 'd_r' })).toEqual([]); // '_' is not a wildcard
    expect(await titles({ search: 'breaks', charterId: X, phase: 'LADDER_AGREEMENT' })).toEqual([
      'Underscore breaks',
    ]);
  });

  it('lists without a reader scope for internal use', async () => {
    const page = await store.listProjects({ charterId: X }, { first: 2 });
    expect(page.totalCount).toBe(4);
    expect(page.projects).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
  });
});
