import type { Actor } from '../actor';
import { decide, decideStart, type ProjectCommand, type StartProjectInput } from '.';
import { applyEvents, type ProjectState } from '../project-state';
import type { LadderLevel } from '../vocabulary';
import { refusal } from '../../test/decisions';
import { person, startInput as baseStartInput } from '../../test/people';

const projectId = '00000000-0000-4000-a000-000000000001';
const now = new Date('2027-01-10T09:00:00.000Z');
const inWorcestershire = (id: string, displayName: string, role: string) =>
  person(id, displayName, role, ['worcestershire']);
const lead = inWorcestershire('lead-1', 'Lee Lead', 'LEAD');
const rep = inWorcestershire('rep-1', 'Pat Parent', 'PARENT_REP');
const forum = inWorcestershire('forum-1', 'Fi Forum', 'FORUM');
const board = inWorcestershire('board-1', 'Bo Board', 'BOARD');
const stranger: Actor = { id: 'x', displayName: 'X', roles: ['PARENT_REP'], charters: ['hounslow'] };

const startInput = (overrides: Partial<StartProjectInput> = {}): StartProjectInput =>
  baseStartInput({
    participants: [
      { displayName: 'Pat Parent', role: 'PARENT_REP', personId: 'rep-1', email: 'pat@example.org' },
    ],
    ...overrides,
  });

function started(input = startInput()): ProjectState {
  return applyEvents(projectId, null, decideStart(projectId, input, lead, now).events);
}

// The two ladder commands that carry a level and a reason.
const withLevel =
  (type: 'counterProposeLadderLevel' | 'changeLadderLevel') =>
  (level: LadderLevel, reason: string): ProjectCommand => ({ type, level, reason });
const counterPropose = withLevel('counterProposeLadderLevel');
const changeLevel = withLevel('changeLadderLevel');

function step(state: ProjectState, command: ProjectCommand, actor: Actor): ProjectState {
  return applyEvents(projectId, state, decide(state, command, actor, now).events);
}

describe('starting a project', () => {
  it('records ProjectStarted with the caller as LEAD and keeps emails out of the event', () => {
    const decision = decideStart(projectId, startInput(), lead, now);
    expect(decision.events).toHaveLength(1);
    const [event] = decision.events;
    expect(event.type).toBe('ProjectStarted');
    expect(event.occurredAt).toBe('2027-01-10T09:00:00.000Z');
    expect(event.reason).toBe('Families use the service every week');
    expect(JSON.stringify(event)).not.toContain('pat@example.org');
    expect(decision.contacts).toEqual([{ participantId: `${projectId}.p2`, email: 'pat@example.org' }]);
    const state = started();
    expect(state.participants.map((p) => [p.role, p.personId])).toEqual([
      ['LEAD', 'lead-1'],
      ['PARENT_REP', 'rep-1'],
    ]);
    expect(state).toMatchObject({ phase: 'LADDER_AGREEMENT', version: 1 });
  });

  it('removes contact details typed into free text', () => {
    const state = started(startInput({ purpose: 'Call 07700 900123 or write to a@b.org' }));
    expect(state.purpose).toBe('Call [phone number removed] or write to [email removed]');
  });

  it.each([
    ['not a LEAD', { ...lead, roles: ['BOARD'] }, startInput(), 'FORBIDDEN'],
    ['LEAD in another charter', { ...lead, charters: ['hounslow'] }, startInput(), 'FORBIDDEN'],
    ['blank title', lead, startInput({ title: '  ' }), 'BAD_USER_INPUT'],
    ['overlong title', lead, startInput({ title: 'x'.repeat(201) }), 'BAD_USER_INPUT'],
    [
      'bad email',
      lead,
      startInput({ participants: [{ displayName: 'P', role: 'PARENT_REP', email: 'nope' }] }),
      'BAD_USER_INPUT',
    ],
    ['no reason for the level', lead, startInput({ proposedReason: ' ' }), 'CHARTER_RULE'],
  ] as const)('refuses a start by %s', (_name, actor, input, code) => {
    expect(refusal(() => decideStart(projectId, input as StartProjectInput, actor as Actor, now)).code).toBe(
      code,
    );
  });

  it('names the field and the rule of a refusal', () => {
    expect(refusal(() => decideStart(projectId, startInput({ title: '' }), lead, now)).details).toEqual({
      field: 'title',
    });
    expect(
      refusal(() => decideStart(projectId, startInput({ proposedReason: '' }), lead, now)).details,
    ).toEqual({
      rule: 'ladder.reasonRequired',
    });
  });
});

describe('agreeing the ladder level', () => {
  it('the parent rep agrees the lead proposal: level fixed, phase BRIEFING', () => {
    const state = step(started(), { type: 'agreeLadderLevel', comment: 'Yes' }, rep);
    expect(state.phase).toBe('BRIEFING');
    expect(state.ladder).toMatchObject({ agreedLevel: 'CO_PRODUCTION', agreedBy: { id: 'rep-1' } });
    expect(state.ladder.history.map((h) => h.level)).toEqual(['CO_PRODUCTION', 'CO_PRODUCTION']);
  });

  it('FORUM in the charter may agree for the parent carer side', () => {
    expect(step(started(), { type: 'agreeLadderLevel' }, forum).phase).toBe('BRIEFING');
  });

  it('a counter-proposal needs the lead to agree it with changeLadderLevel at the same level', () => {
    let state = step(started(), counterPropose('PARTNERSHIP', 'Time is short'), rep);
    expect(state.ladder).toMatchObject({
      proposedLevel: 'PARTNERSHIP',
      proposedBy: 'PARENT_CARERS',
      agreedLevel: null,
    });
    expect(refusal(() => decide(state, { type: 'agreeLadderLevel' }, rep, now)).code).toBe('INVALID_PHASE');
    state = step(state, changeLevel('PARTNERSHIP', 'Agreed'), lead);
    expect(state).toMatchObject({
      phase: 'BRIEFING',
      ladder: { agreedLevel: 'PARTNERSHIP', agreedBy: { id: 'lead-1' } },
    });
  });

  it("the lead's other level replaces the proposal and waits for the parent carer side", () => {
    let state = step(started(), counterPropose('CONSULTATION', 'Busy'), rep);
    state = step(state, changeLevel('PARTNERSHIP', 'Middle ground'), lead);
    expect(state).toMatchObject({
      phase: 'LADDER_AGREEMENT',
      ladder: { proposedLevel: 'PARTNERSHIP', proposedBy: 'LEAD' },
    });
    expect(step(state, { type: 'agreeLadderLevel' }, rep).ladder.agreedLevel).toBe('PARTNERSHIP');
  });

  it('after agreement the lead changes the level at once, with a reason, and it is kept in history', () => {
    let state = step(started(), { type: 'agreeLadderLevel' }, rep);
    state = step(state, changeLevel('CONSULTATION', 'Budget cut'), lead);
    expect(state.ladder.agreedLevel).toBe('CONSULTATION');
    expect(state.ladder.history.at(-1)).toMatchObject({
      level: 'CONSULTATION',
      reason: 'Budget cut',
      by: { id: 'lead-1' },
    });
    expect(refusal(() => decide(state, changeLevel('PARTNERSHIP', ''), lead, now)).code).toBe('CHARTER_RULE');
    expect(refusal(() => decide(state, counterPropose('PARTNERSHIP', 'x'), rep, now)).code).toBe(
      'INVALID_PHASE',
    );
  });

  it.each<[string, ProjectCommand, Actor, string]>([
    ['the lead agrees their own proposal', { type: 'agreeLadderLevel' }, lead, 'FORBIDDEN'],
    ['a board member counter-proposes', counterPropose('CONSULTATION', 'x'), board, 'FORBIDDEN'],
    ['the parent rep changes the level', changeLevel('CONSULTATION', 'x'), rep, 'FORBIDDEN'],
    ['someone who cannot see the project', { type: 'agreeLadderLevel' }, stranger, 'NOT_FOUND'],
    ['a counter-proposal without reason', counterPropose('CONSULTATION', ''), rep, 'CHARTER_RULE'],
    // TOKENISM is no rung of the ladder: the cast stands for input from outside.
    ['an unknown level', counterPropose('TOKENISM' as LadderLevel, 'x'), rep, 'BAD_USER_INPUT'],
  ])('refuses when %s', (_name, command, actor, code) => {
    expect(refusal(() => decide(started(), command, actor, now)).code).toBe(code);
  });
});

describe('cancelling', () => {
  it('the lead cancels with a reason; nothing more can happen', () => {
    const state = step(started(), { type: 'cancelProject', reason: 'Merged into another project' }, lead);
    expect(state).toMatchObject({
      phase: 'CANCELLED',
      cancellation: { reason: 'Merged into another project' },
    });
    expect(refusal(() => decide(state, { type: 'cancelProject', reason: 'again' }, lead, now)).code).toBe(
      'INVALID_PHASE',
    );
    expect(refusal(() => decide(state, { type: 'agreeLadderLevel' }, rep, now)).code).toBe('INVALID_PHASE');
  });

  it('checks authorization before input, and input before phase', () => {
    const cancelled = step(started(), { type: 'cancelProject', reason: 'x' }, lead);
    expect(refusal(() => decide(cancelled, { type: 'cancelProject', reason: '' }, rep, now)).code).toBe(
      'FORBIDDEN',
    );
    expect(refusal(() => decide(cancelled, { type: 'cancelProject', reason: '' }, lead, now)).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});
