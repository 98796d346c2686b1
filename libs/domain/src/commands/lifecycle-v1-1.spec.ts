// Lifecycle v1.1 (CONTRACT.md): the lead accepting a counter-proposal, participants after
// the start, raising the level past the briefing, meetings moved or recorded afterwards,
// and feedback beside meetings still to come.
import type { Actor } from '../actor';
import type { NewEvent } from '../events';
import { applyEvents, type ProjectState } from '../project-state';
import type { LadderLevel } from '../vocabulary';
import { decide, decideStart, openDeadlines, type ProjectCommand } from '.';
import { deepFreeze, refusal } from '../../test/decisions';
import { lead, rep, keyContact, person, startInput } from '../../test/people';

const projectId = 'proj-v11';
const p = (n: number) => `${projectId}.p${n}`;
const newRep = person('rep-2', 'Robin Rep', 'PARENT_REP');

const t0 = new Date('2027-01-04T10:00:00.000Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);

function start(charterId = 'worcestershire', level: LadderLevel = 'CO_PRODUCTION'): ProjectState {
  const decision = decideStart(
    projectId,
    startInput({
      charterId,
      purpose: 'Review short breaks',
      expectedOutcomes: ['A new offer'],
      proposedLevel: level,
    }),
    lead,
    t0,
  );
  return deepFreeze(applyEvents(projectId, null, decision.events));
}

const decided = (state: ProjectState, command: ProjectCommand, actor: Actor, now = t0) =>
  decide(state, command, actor, now);
const act = (state: ProjectState, command: ProjectCommand, actor: Actor, now = t0) =>
  deepFreeze(applyEvents(projectId, state, decided(state, command, actor, now).events));
const types = (events: NewEvent[]) => events.map((e) => e.type);

function counterProposed(level: LadderLevel = 'CONSULTATION', proposed: LadderLevel = 'CO_PRODUCTION') {
  return act(
    start('worcestershire', proposed),
    { type: 'counterProposeLadderLevel', level, reason: 'Young people should help write it' },
    rep,
  );
}

function inMeetings(charterId = 'worcestershire', level: LadderLevel = 'CO_PRODUCTION') {
  let s = act(start(charterId, level), { type: 'agreeLadderLevel' }, rep);
  s = act(s, { type: 'recordBriefing', summary: 'What the project is', briefedParticipantIds: [p(2)] }, lead);
  return act(s, { type: 'completeBriefing' }, lead);
}

describe('acceptLadderLevel', () => {
  it('fixes the counter-proposal as agreed and moves to BRIEFING, recording the lead as the side that agreed', () => {
    const state = counterProposed('CO_PRODUCTION', 'PARTNERSHIP');
    const { events } = decided(state, { type: 'acceptLadderLevel', comment: null }, lead);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'LadderLevelAgreed',
      data: { level: 'CO_PRODUCTION', comment: null, side: 'LEAD' },
    });
    const next = applyEvents(projectId, state, events);
    expect(next).toMatchObject({ phase: 'BRIEFING', ladder: { agreedLevel: 'CO_PRODUCTION' } });
  });

  it('needs a comment below CO_PRODUCTION: the lead says why co-production is not possible', () => {
    const state = counterProposed('CONSULTATION');
    for (const comment of [null, '', '   ']) {
      const error = refusal(() => decided(state, { type: 'acceptLadderLevel', comment }, lead));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'comment' } });
    }
    const { events } = decided(
      state,
      { type: 'acceptLadderLevel', comment: 'No budget for paid co-production time this year' },
      lead,
    );
    expect(events[0]).toMatchObject({ reason: 'No budget for paid co-production time this year' });
  });

  it('refuses in the contract order: who, input, phase', () => {
    const state = counterProposed('CONSULTATION');
    // The parent rep cannot accept their own counter-proposal, even with bad input.
    expect(refusal(() => decided(state, { type: 'acceptLadderLevel' }, rep)).code).toBe('FORBIDDEN');
    expect(refusal(() => decided(state, { type: 'acceptLadderLevel' }, lead)).code).toBe('BAD_USER_INPUT');
    // No counter-proposal standing: the lead's own proposal is for the other side to agree.
    const own = start();
    expect(refusal(() => decided(own, { type: 'acceptLadderLevel' }, lead)).code).toBe('INVALID_PHASE');
    const agreed = act(state, { type: 'acceptLadderLevel', comment: 'Budget' }, lead);
    expect(refusal(() => decided(agreed, { type: 'acceptLadderLevel', comment: 'x' }, lead)).code).toBe(
      'INVALID_PHASE',
    );
  });

  it('keeps the old way: changeLadderLevel with the same level agrees', () => {
    const state = counterProposed('PARTNERSHIP');
    const { events } = decided(
      state,
      { type: 'changeLadderLevel', level: 'PARTNERSHIP', reason: 'Fine by us' },
      lead,
    );
    expect(events[0]).toMatchObject({ type: 'LadderLevelAgreed', data: { side: 'LEAD' } });
  });

  it('marks the parent carer side agreeing the lead proposal', () => {
    const { events } = decided(start(), { type: 'agreeLadderLevel' }, rep);
    expect(events[0].data).toMatchObject({ side: 'PARENT_CARERS' });
  });
});

describe('participants after the start', () => {
  const add = (input: Record<string, unknown>): ProjectCommand =>
    ({ type: 'addParticipant', input }) as unknown as ProjectCommand;

  it('adds a participant with the next id, keeping the email out of the event', () => {
    const state = inMeetings();
    const decision = decided(
      state,
      add({ displayName: 'Robin Rep', role: 'PARENT_REP', email: 'robin@example.org' }),
      lead,
    );
    expect(types(decision.events)).toEqual(['ParticipantAdded']);
    expect(JSON.stringify(decision.events)).not.toContain('robin@example.org');
    expect(decision.contacts).toEqual([{ participantId: p(4), email: 'robin@example.org' }]);
    const next = applyEvents(projectId, state, decision.events);
    expect(next.participants.map((x) => [x.id, x.role, x.personId])).toContainEqual([
      p(4),
      'PARENT_REP',
      null,
    ]);
  });

  it('links a participant added without a person id, who can then act', () => {
    let state = act(start(), add({ displayName: 'Robin Rep', role: 'PARENT_REP' }), lead);
    // Not linked yet: Robin cannot agree.
    expect(refusal(() => decided(state, { type: 'agreeLadderLevel' }, newRep)).code).toBe('NOT_FOUND');
    state = act(state, { type: 'linkParticipant', participantId: p(4), personId: 'rep-2' }, lead);
    expect(state.participants.find((x) => x.id === p(4))?.personId).toBe('rep-2');
    expect(types(decided(state, { type: 'agreeLadderLevel' }, newRep).events)).toEqual(['LadderLevelAgreed']);
    // A link is set once.
    const again = refusal(() =>
      decided(state, { type: 'linkParticipant', participantId: p(4), personId: 'rep-3' }, lead),
    );
    expect(again.code).toBe('CONFLICT');
  });

  it('lets the invited person link themselves by invitation, and nobody else', () => {
    const state = act(start(), add({ displayName: 'Robin Rep', role: 'PARENT_REP' }), lead);
    const byInvitation = { type: 'linkParticipant', participantId: p(4), byInvitation: true } as const;
    // Someone else cannot use "by invitation" to link a third person, nor link without it: they
    // may not even see the project.
    expect(refusal(() => decided(state, { ...byInvitation, personId: 'rep-3' }, newRep)).code).toBe(
      'NOT_FOUND',
    );
    expect(
      refusal(() =>
        decided(state, { type: 'linkParticipant', participantId: p(4), personId: 'rep-2' }, newRep),
      ).code,
    ).toBe('NOT_FOUND');
    const { events } = decided(state, { ...byInvitation, personId: 'rep-2' }, newRep);
    expect(events[0]).toMatchObject({
      type: 'ParticipantLinked',
      data: { participantId: p(4), personId: 'rep-2' },
      actor: { id: 'rep-2' },
      reason: 'Followed the invitation link sent to them.',
    });
  });

  it('removes a participant with a reason; they lose access but their past steps still name them', () => {
    const state = inMeetings();
    const { events } = decided(
      state,
      { type: 'removeParticipant', participantId: p(2), reason: 'Moved away' },
      lead,
    );
    expect(events[0]).toMatchObject({
      type: 'ParticipantRemoved',
      data: { participantId: p(2), role: 'PARENT_REP' },
      reason: 'Moved away',
    });
    const next = applyEvents(projectId, state, events);
    expect(next.participants.map((x) => x.id)).not.toContain(p(2));
    expect(next.formerParticipants.map((x) => x.id)).toEqual([p(2)]);
    expect(
      refusal(() => decided(next, { type: 'submitFeedback', channel: 'SURVEY', body: 'x' }, rep)).code,
    ).toBe('NOT_FOUND');
    // The next participant added does not reuse the removed one's id.
    const added = act(next, add({ displayName: 'Robin Rep', role: 'PARENT_REP' }), lead);
    expect(added.participants.at(-1)?.id).toBe(p(4));
  });

  it('changes a role, but never leaves the project without a lead', () => {
    const state = inMeetings();
    const changed = act(
      state,
      {
        type: 'changeParticipantRole',
        participantId: p(3),
        role: 'PROFESSIONAL',
        reason: 'Left the council',
      },
      lead,
    );
    expect(changed.participants.find((x) => x.id === p(3))?.role).toBe('PROFESSIONAL');
    const onlyLead = refusal(() =>
      decided(state, { type: 'changeParticipantRole', participantId: p(1), role: 'PROFESSIONAL' }, lead),
    );
    expect(onlyLead).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'participantId' } });
  });

  // A refusal in MEETINGS, by its code and, where one is at fault, the input field. (Every row names a field
  // or undefined: a row shorter than the test's parameters would make jest wait for a done callback.)
  const refuses = (command: ProjectCommand, actor: Actor, code: string, field?: string) => {
    const error = refusal(() => decided(inMeetings(), command, actor));
    expect(error.code).toBe(code);
    if (field) expect(error.details.field).toBe(field);
  };

  it.each<[string, Record<string, unknown>, Actor, string, string | undefined]>([
    ['a non-lead adding', { displayName: 'X', role: 'PARENT_REP' }, keyContact, 'FORBIDDEN', undefined],
    ['a blank name', { displayName: ' ', role: 'PARENT_REP' }, lead, 'BAD_USER_INPUT', 'displayName'],
    ['a bad email', { displayName: 'X', role: 'PARENT_REP', email: 'nope' }, lead, 'BAD_USER_INPUT', 'email'],
    ['an unknown role', { displayName: 'X', role: 'CHAIR' }, lead, 'BAD_USER_INPUT', 'role'],
    [
      'the same person twice in one role',
      { displayName: 'Pat again', role: 'PARENT_REP', personId: 'rep-1' },
      lead,
      'BAD_USER_INPUT',
      'personId',
    ],
  ])('refuses %s', (_what, input, actor, code, field) => refuses(add(input), actor, code, field));

  it.each<[string, string, string, Actor, string, string | undefined]>([
    ['removing without a reason', p(2), ' ', lead, 'BAD_USER_INPUT', 'reason'],
    ['removing the lead', p(1), 'Leaving', lead, 'BAD_USER_INPUT', 'participantId'],
    ['removing someone unknown', 'nobody', 'x', lead, 'NOT_FOUND', 'participantId'],
    ['the key contact removing', p(2), 'x', keyContact, 'FORBIDDEN', undefined],
  ])('refuses %s', (_what, participantId, reason, actor, code, field) =>
    refuses({ type: 'removeParticipant', participantId, reason }, actor, code, field),
  );

  it.each<[string, string, string, Actor, string, string | undefined]>([
    ['linking someone already linked', p(2), 'rep-9', lead, 'CONFLICT', undefined],
    ['linking without a person id', p(2), '', lead, 'BAD_USER_INPUT', 'personId'],
  ])('refuses %s', (_what, participantId, personId, actor, code, field) =>
    refuses({ type: 'linkParticipant', participantId, personId }, actor, code, field),
  );

  it('refuses participant changes once the project has ended (INVALID_PHASE after who and input)', () => {
    const cancelled = act(start(), { type: 'cancelProject', reason: 'Funding cut' }, lead);
    const addition = add({ displayName: 'Robin', role: 'PARENT_REP' });
    expect(refusal(() => decided(cancelled, addition, lead)).code).toBe('INVALID_PHASE');
    expect(refusal(() => decided(cancelled, addition, keyContact)).code).toBe('FORBIDDEN');
    expect(refusal(() => decided(cancelled, add({ displayName: '', role: 'PARENT_REP' }), lead)).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('raising the level after the briefing (briefing.beforeWork)', () => {
  // Agree CO_PRODUCTION, change to CONSULTATION, complete the briefing without one.
  function bypassed(charterId = 'worcestershire') {
    let s = act(start(charterId), { type: 'agreeLadderLevel' }, rep);
    s = act(s, { type: 'changeLadderLevel', level: 'CONSULTATION', reason: 'Short of time' }, lead);
    return act(s, { type: 'completeBriefing' }, lead);
  }
  const raise: ProjectCommand = { type: 'changeLadderLevel', level: 'CO_PRODUCTION', reason: 'Time found' };

  it('refuses raising it to a level that needs a briefing until a parent rep has been briefed', () => {
    const state = bypassed();
    expect(state.phase).toBe('MEETINGS');
    const error = refusal(() => decided(state, raise, lead));
    expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule: 'briefing.beforeWork' } });
    const briefed = act(
      state,
      { type: 'recordBriefing', summary: 'What co-production asks of you', briefedParticipantIds: [p(2)] },
      keyContact,
    );
    expect(types(decided(briefed, raise, lead).events)).toEqual(['LadderLevelChanged']);
  });

  it('checks the reason (ladder.reasonRequired) before the briefing rule', () => {
    const error = refusal(() => decided(bypassed(), { ...raise, reason: '' }, lead));
    expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule: 'ladder.reasonRequired' } });
  });

  it('does not apply under a charter without the rule', () => {
    expect(types(decided(bypassed('hounslow'), raise, lead).events)).toEqual(['LadderLevelChanged']);
  });
});

describe('meetings as they happen', () => {
  // Hounslow: 25 days' notice, 10:00–14:00, at most 2 hours, papers 7 days before.
  const meeting = (startsAt: string, extra: Record<string, unknown> = {}): ProjectCommand => ({
    type: 'scheduleMeeting',
    input: { title: 'Workshop', startsAt, durationMinutes: 90, location: 'Civic Centre', ...extra },
  });
  const booked = () => act(inMeetings('hounslow'), meeting('2027-03-03T10:00:00.000Z'), keyContact);
  const m1 = `${projectId}.m1`;
  const reschedule = (startsAt: string, extra: Record<string, unknown> = {}): ProjectCommand =>
    ({ type: 'rescheduleMeeting', meetingId: m1, startsAt, durationMinutes: 90, ...extra }) as ProjectCommand;

  it('reschedules a meeting: one event, rules checked again, papers deadline moved', () => {
    const state = booked();
    const { events } = decided(state, reschedule('2027-03-10T10:30:00.000Z'), keyContact);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'MeetingRescheduled',
        data: {
          meetingId: m1,
          previousStartsAt: '2027-03-03T10:00:00.000Z',
          startsAt: '2027-03-10T10:30:00.000Z',
          durationMinutes: 90,
          papersDueBy: '2027-03-03T10:30:00.000Z',
        },
      }),
    ]);
    const next = applyEvents(projectId, state, events);
    expect(next.meetings[0]).toMatchObject({ startsAt: '2027-03-10T10:30:00.000Z', status: 'SCHEDULED' });
    expect(openDeadlines(next)).toContainEqual(
      expect.objectContaining({ kind: 'papers', meetingId: m1, dueAt: '2027-03-03T10:30:00.000Z' }),
    );
  });

  it('refuses a new time that breaks a MONITORED rule unless overridden, then records the breach', () => {
    const state = booked();
    const evening = reschedule('2027-03-10T17:00:00.000Z');
    expect(refusal(() => decided(state, evening, keyContact)).details.rule).toBe('meeting.window');
    const { events } = decided(
      state,
      reschedule('2027-03-10T17:00:00.000Z', { overrideReason: 'Only evening suits the families' }),
      keyContact,
    );
    expect(types(events)).toEqual(['MeetingRescheduled', 'CharterBreachRecorded']);
    expect(events[1]).toMatchObject({
      data: { rule: 'meeting.window', meetingId: m1 },
      reason: 'Only evening suits the families',
    });
  });

  it('records the papers breach at once when the new time leaves them already late', () => {
    const state = booked();
    // Moved to 5 days ahead of now: the booking notice is overridden, papers are already late.
    const soon = later(5).toISOString().replace('T10:00', 'T10:30');
    const { events } = decided(state, reschedule(soon, { overrideReason: 'Urgent decision' }), keyContact);
    expect(
      events.filter((e) => e.type === 'CharterBreachRecorded').map((e) => (e.data as { rule: string }).rule),
    ).toEqual(['meeting.minBookingNoticeDays', 'papers.minNoticeDays']);
  });

  it('refuses rescheduling in the contract order and only for a SCHEDULED meeting', () => {
    const state = booked();
    expect(refusal(() => decided(state, reschedule('nonsense'), rep)).code).toBe('FORBIDDEN');
    expect(refusal(() => decided(state, reschedule('nonsense'), keyContact)).details.field).toBe('startsAt');
    expect(
      refusal(() => decided(state, reschedule('2026-01-01T10:00:00.000Z'), keyContact)).details.field,
    ).toBe('startsAt');
    expect(
      refusal(() =>
        decided(
          state,
          { ...reschedule('2027-03-10T10:30:00.000Z'), meetingId: 'nope' } as ProjectCommand,
          keyContact,
        ),
      ).code,
    ).toBe('NOT_FOUND');
    const cancelled = act(
      state,
      { type: 'cancelMeeting', meetingId: m1, reason: 'Venue closed' },
      keyContact,
    );
    expect(refusal(() => decided(cancelled, reschedule('2027-03-10T10:30:00.000Z'), keyContact)).code).toBe(
      'INVALID_PHASE',
    );
  });

  const past = (extra: Record<string, unknown> = {}): ProjectCommand =>
    ({
      type: 'recordPastMeeting',
      input: {
        title: 'Drop-in at the school',
        startsAt: '2027-01-20T17:00:00.000Z',
        durationMinutes: 150,
        location: 'Hilltop School hall',
        reason: 'Arranged by the school before the project existed here',
        record: {
          minutes: 'Families told us what short breaks they use.',
          decisions: ['Survey all families'],
          actions: [],
          attendance: [{ participantId: p(2), present: true }],
        },
        ...extra,
      },
    }) as ProjectCommand;

  it('records a past meeting with its reason; broken rules become breaches, no override needed', () => {
    const state = inMeetings('hounslow');
    const { events } = decided(state, past(), keyContact, later(20));
    expect(types(events)).toEqual(['PastMeetingRecorded', 'CharterBreachRecorded', 'CharterBreachRecorded']);
    expect(events[0]).toMatchObject({
      reason: 'Arranged by the school before the project existed here',
      data: { meetingId: m1, startsAt: '2027-01-20T17:00:00.000Z' },
    });
    // Its real time: evening (window) and 2.5 hours (maximum); the booking notice is not knowable.
    expect(events.slice(1).map((e) => (e.data as { rule: string }).rule)).toEqual([
      'meeting.window',
      'meeting.maxDurationMinutes',
    ]);
    expect(events[1].reason).toBe('Arranged by the school before the project existed here');
    const next = applyEvents(projectId, state, events);
    expect(next.meetings[0]).toMatchObject({
      id: m1,
      status: 'HELD',
      minutes: 'Families told us what short breaks they use.',
    });
    expect(openDeadlines(next).filter((d) => d.kind === 'papers')).toEqual([]);
  });

  it('records no breach for a past meeting within the rules', () => {
    const ok = past({ startsAt: '2027-01-20T10:30:00.000Z', durationMinutes: 90 });
    expect(types(decided(inMeetings('hounslow'), ok, keyContact, later(20)).events)).toEqual([
      'PastMeetingRecorded',
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a meeting still to come', { startsAt: '2027-06-01T10:00:00.000Z' }, 'startsAt'],
    ['no reason', { reason: '' }, 'reason'],
    ['no title', { title: ' ' }, 'title'],
    [
      'an unknown attendee',
      {
        record: {
          minutes: 'm',
          decisions: [],
          actions: [],
          attendance: [{ participantId: 'x', present: true }],
        },
      },
      'record.attendance[0].participantId',
    ],
    ['no minutes', { record: { minutes: '', decisions: [], actions: [], attendance: [] } }, 'record.minutes'],
  ])('refuses a past meeting with %s', (_what, extra, field) => {
    const error = refusal(() => decided(inMeetings('hounslow'), past(extra), keyContact, later(20)));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
  });

  it('refuses a past meeting before the briefing is complete, after who and input', () => {
    const briefing = act(start('hounslow'), { type: 'agreeLadderLevel' }, rep);
    expect(refusal(() => decided(briefing, past(), rep, later(20))).code).toBe('FORBIDDEN');
    expect(refusal(() => decided(briefing, past({ reason: '' }), lead, later(20))).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refusal(() => decided(briefing, past(), lead, later(20))).code).toBe('INVALID_PHASE');
  });
});

describe('feedback beside meetings', () => {
  const workshop = (startsAt: string): ProjectCommand => ({
    type: 'scheduleMeeting',
    input: { title: 'Second workshop', startsAt, durationMinutes: 90, location: 'Civic Centre' },
  });
  const open: ProjectCommand = {
    type: 'openFeedback',
    closesAt: '2027-02-20T17:00:00.000Z',
    channels: ['SURVEY'],
  };

  it('books, moves, sends papers for and records a meeting while gathering feedback', () => {
    let s = act(inMeetings(), open, lead);
    expect(s.phase).toBe('FEEDBACK');
    s = act(s, workshop('2027-02-24T10:00:00.000Z'), keyContact, later(1));
    s = act(
      s,
      {
        type: 'rescheduleMeeting',
        meetingId: `${projectId}.m1`,
        startsAt: '2027-02-24T11:00:00.000Z',
        durationMinutes: 60,
      },
      keyContact,
      later(2),
    );
    s = act(
      s,
      { type: 'distributePapers', meetingId: `${projectId}.m1`, documents: ['Agenda'] },
      keyContact,
      later(3),
    );
    const held = new Date('2027-02-24T12:00:00.000Z');
    s = act(
      s,
      {
        type: 'recordMeeting',
        meetingId: `${projectId}.m1`,
        input: { minutes: 'Went well', decisions: [], actions: [], attendance: [] },
      },
      keyContact,
      held,
    );
    expect(s.meetings[0]).toMatchObject({ status: 'HELD', startsAt: '2027-02-24T11:00:00.000Z' });
  });
});
