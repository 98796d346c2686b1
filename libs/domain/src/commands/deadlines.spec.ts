// Deadlines: when papers are due, when the feedback window closes and when feedback must be
// acknowledged; what `openDeadlines` shows, when the workflow must wake (`nextSystemWakeUp`),
// and what the system records as each passes (`decideDeadlines`): once, and only when due.
import type { Actor } from '../actor';
import type { NewEvent } from '../events';
import { applyEvents, type ProjectState } from '../project-state';
import {
  decide,
  decideDeadlines,
  decideStart,
  nextSystemWakeUp,
  openDeadlines,
  type ProjectCommand,
} from '.';
import { refusal, deepFreeze } from '../../test/decisions';
import { lead, rep, keyContact, startInput } from '../../test/people';

const ACK_OFF = ['wokingham', 'north-northamptonshire', 'warrington', 'hounslow'];
const projectId = 'proj-due';
const m = (n: number) => `${projectId}.m${n}`;
const b = (n: number) => `${projectId}.b${n}`;
const ms = (iso: string, delta = 0) => new Date(new Date(iso).getTime() + delta);

const T0 = new Date('2027-01-04T10:00:00.000Z');

const apply = (state: ProjectState, events: NewEvent[]) => deepFreeze(applyEvents(projectId, state, events));
const act = (state: ProjectState, command: ProjectCommand, actor: Actor, now: Date) =>
  apply(state, decide(state, command, actor, now).events);
/** What the system records at `now`, applied. */
const tick = (state: ProjectState, now: Date) => apply(state, decideDeadlines(state, now).events);
const types = (events: NewEvent[]) => events.map((e) => e.type);

/** A CO_PRODUCTION project, briefed, in phase MEETINGS at `now`. */
function atMeetings(charterId: string, now = T0): ProjectState {
  const start = decideStart(projectId, startInput({ charterId, expectedOutcomes: [] }), lead, now);
  let state = deepFreeze(applyEvents(projectId, null, start.events));
  state = act(state, { type: 'agreeLadderLevel' }, rep, now);
  state = act(
    state,
    { type: 'recordBriefing', summary: 'Aims', briefedParticipantIds: [`${projectId}.p2`] },
    keyContact,
    now,
  );
  return act(state, { type: 'completeBriefing' }, keyContact, now);
}

const meeting = (startsAt: string, durationMinutes = 120, overrideReason?: string): ProjectCommand => ({
  type: 'scheduleMeeting',
  input: { title: 'Workshop', startsAt, durationMinutes, location: 'Civic Centre', overrideReason },
});
const papers = (meetingId: string): ProjectCommand => ({
  type: 'distributePapers',
  meetingId,
  documents: ['Agenda'],
});
const recordMeeting = (meetingId: string): ProjectCommand => ({
  type: 'recordMeeting',
  meetingId,
  input: { minutes: 'Notes', decisions: [], actions: [], attendance: [] },
});
const acknowledge: ProjectCommand = { type: 'acknowledgeFeedback', message: 'Thank you' };

/** In FEEDBACK (no meetings), the window closing at `closesAt`. */
function inFeedback(charterId: string, closesAt: string, now = T0): ProjectState {
  return act(atMeetings(charterId, now), { type: 'openFeedback', closesAt, channels: ['SURVEY'] }, lead, now);
}

describe('papers are due startsAt minus 7 × 24 hours, under the charters that set papers.minNoticeDays', () => {
  it.each([
    ['wokingham', null],
    ['north-northamptonshire', null],
    ['worcestershire', '2027-02-24T10:00:00.000Z'],
    ['warrington', null],
    ['hounslow', '2027-02-24T10:00:00.000Z'],
  ])('%s: a meeting at 10:00 on Wednesday 3 March 2027 has papers due %s', (charterId, dueBy) => {
    const state = act(atMeetings(charterId), meeting('2027-03-03T10:00:00.000Z'), keyContact, T0);
    expect(state.meetings[0].papersDueBy).toBe(dueBy);
    expect(openDeadlines(state)).toEqual(
      dueBy === null ? [] : [{ kind: 'papers', dueAt: dueBy, meetingId: m(1), acts: true }],
    );
    expect(nextSystemWakeUp(state)?.toISOString() ?? null).toBe(dueBy);
  });

  it.each([
    // 10:00 BST on Thursday 1 April; 7 × 24 hours earlier is 09:00 GMT, before the clocks went forward.
    ['2027-04-01T09:00:00.000Z', '2027-03-25T09:00:00.000Z'],
    // 10:00 GMT on Wednesday 3 November; 7 × 24 hours earlier is 11:00 BST.
    ['2027-11-03T10:00:00.000Z', '2027-10-27T10:00:00.000Z'],
  ])('counts hours, not London days, across a clock change: %s -> %s', (startsAt, dueBy) => {
    const state = act(atMeetings('hounslow'), meeting(startsAt), keyContact, T0);
    expect(state.meetings[0].papersDueBy).toBe(dueBy);
  });
});

describe('openDeadlines and nextSystemWakeUp', () => {
  it('list what is open, soonest first, and drop each once met', () => {
    let state = atMeetings('worcestershire');
    expect(openDeadlines(state)).toEqual([]);
    expect(nextSystemWakeUp(state)).toBeNull();
    state = act(state, meeting('2027-03-10T10:00:00.000Z'), keyContact, T0); // m1, papers due 3 March
    state = act(state, meeting('2027-03-03T10:00:00.000Z'), keyContact, T0); // m2, papers due 24 February
    expect(openDeadlines(state)).toEqual([
      { kind: 'papers', dueAt: '2027-02-24T10:00:00.000Z', meetingId: m(2), acts: true },
      { kind: 'papers', dueAt: '2027-03-03T10:00:00.000Z', meetingId: m(1), acts: true },
    ]);
    expect(nextSystemWakeUp(state)).toEqual(new Date('2027-02-24T10:00:00.000Z'));

    state = act(state, papers(m(2)), keyContact, new Date('2027-02-20T10:00:00.000Z'));
    expect(openDeadlines(state).map((d) => d.meetingId)).toEqual([m(1)]);
    expect(nextSystemWakeUp(state)).toEqual(new Date('2027-03-03T10:00:00.000Z'));
    state = act(state, papers(m(1)), keyContact, new Date('2027-02-21T10:00:00.000Z'));
    expect(openDeadlines(state)).toEqual([]);
    expect(nextSystemWakeUp(state)).toBeNull();

    state = act(state, recordMeeting(m(2)), keyContact, new Date('2027-03-10T12:00:00.000Z'));
    state = act(state, recordMeeting(m(1)), keyContact, new Date('2027-03-10T12:00:00.000Z'));
    const closesAt = '2027-03-18T17:00:00.000Z';
    state = act(
      state,
      { type: 'openFeedback', closesAt, channels: ['SURVEY'] },
      lead,
      new Date('2027-03-10T13:00:00.000Z'),
    );
    expect(openDeadlines(state)).toEqual([
      { kind: 'feedbackClose', dueAt: closesAt, meetingId: null, acts: true },
    ]);
    expect(nextSystemWakeUp(state)).toEqual(new Date(closesAt));

    state = act(state, { type: 'closeFeedback' }, lead, new Date('2027-03-10T15:00:00.000Z'));
    expect(state.acknowledgement?.dueBy).toBe('2027-03-24');
    expect(openDeadlines(state)).toEqual([
      { kind: 'acknowledgement', dueAt: '2027-03-25T00:00:00.000Z', meetingId: null, acts: true },
    ]);
    expect(nextSystemWakeUp(state)).toEqual(new Date('2027-03-25T00:00:00.000Z'));

    state = act(state, acknowledge, lead, new Date('2027-03-11T10:00:00.000Z'));
    expect(openDeadlines(state)).toEqual([]);
    expect(nextSystemWakeUp(state)).toBeNull();
  });

  it('drop a papers deadline when its meeting is cancelled, and everything when the project is', () => {
    let state = act(atMeetings('hounslow'), meeting('2027-03-03T10:00:00.000Z'), keyContact, T0);
    state = act(state, meeting('2027-03-10T10:00:00.000Z'), keyContact, T0);
    const cancelled = act(state, { type: 'cancelMeeting', meetingId: m(1), reason: 'Moved' }, keyContact, T0);
    expect(openDeadlines(cancelled).map((d) => d.meetingId)).toEqual([m(2)]);
    const gone = act(state, { type: 'cancelProject', reason: 'Merged into another project' }, lead, T0);
    expect(openDeadlines(gone)).toEqual([]);
    expect(nextSystemWakeUp(gone)).toBeNull();
    expect(decideDeadlines(gone, new Date('2028-01-01T00:00:00.000Z')).events).toEqual([]);
  });
});

describe('papers deadline breaches', () => {
  const due1 = '2027-02-24T10:00:00.000Z'; // m1 on 3 March
  const due2 = '2027-03-03T10:00:00.000Z'; // m2 on 10 March
  const twoMeetings = (charterId = 'worcestershire') => {
    const state = act(atMeetings(charterId), meeting('2027-03-03T10:00:00.000Z'), keyContact, T0);
    return act(state, meeting('2027-03-10T10:00:00.000Z'), keyContact, T0);
  };

  it('records nothing before the deadline, and one breach by the system at it', () => {
    const state = twoMeetings();
    expect(decideDeadlines(state, ms(due1, -1)).events).toEqual([]);
    const { events } = decideDeadlines(state, new Date(due1));
    expect(events).toEqual([
      {
        type: 'CharterBreachRecorded',
        data: { breachId: b(1), rule: 'papers.minNoticeDays', meetingId: m(1), detail: expect.any(String) },
        reason: null,
        actor: { id: 'system', displayName: expect.any(String), roles: [] },
        occurredAt: due1,
      },
    ]);
    expect((events[0] as NewEvent<'CharterBreachRecorded'>).data.detail).toMatch(
      /Wednesday 3 March 2027 were not distributed 7 days before/,
    );
  });

  it('records one breach per meeting, and never a second', () => {
    let state = tick(twoMeetings(), new Date(due1));
    expect(state.breaches.map((x) => [x.id, x.meetingId])).toEqual([[b(1), m(1)]]);
    expect(decideDeadlines(state, new Date(due1)).events).toEqual([]);
    expect(decideDeadlines(state, ms(due2, -1)).events).toEqual([]);
    expect(openDeadlines(state).map((d) => d.meetingId)).toEqual([m(2)]);
    state = tick(state, ms(due2, 3_600_000));
    expect(state.breaches.map((x) => [x.id, x.meetingId, x.at])).toEqual([
      [b(1), m(1), due1],
      [b(2), m(2), '2027-03-03T11:00:00.000Z'],
    ]);
    expect(decideDeadlines(state, new Date('2027-03-09T00:00:00.000Z')).events).toEqual([]);
    expect(nextSystemWakeUp(state)).toBeNull();
  });

  it('records every overdue meeting at once, with distinct breach ids, when it wakes late', () => {
    const { events } = decideDeadlines(twoMeetings(), new Date('2027-03-05T00:00:00.000Z'));
    expect(events.map((e) => (e as NewEvent<'CharterBreachRecorded'>).data)).toMatchObject([
      { breachId: b(1), meetingId: m(1) },
      { breachId: b(2), meetingId: m(2) },
    ]);
  });

  it('a late distribution after the breach was recorded records no second breach', () => {
    const state = tick(twoMeetings(), new Date(due1));
    const { events } = decide(state, papers(m(1)), keyContact, new Date('2027-02-26T10:00:00.000Z'));
    expect(types(events)).toEqual(['PapersDistributed']);
  });

  it('a late distribution with no breach yet records it (once) as it distributes', () => {
    const state = twoMeetings();
    const at = ms(due1, 1);
    const { events } = decide(state, papers(m(1)), keyContact, at);
    expect(types(events)).toEqual(['PapersDistributed', 'CharterBreachRecorded']);
    expect(events[1]).toMatchObject({
      actor: { id: 'system' },
      occurredAt: at.toISOString(),
      data: { rule: 'papers.minNoticeDays', meetingId: m(1), breachId: b(1) },
    });
    const after = apply(state, events);
    expect(decideDeadlines(after, new Date('2027-03-01T00:00:00.000Z')).events).toEqual([]);
  });

  // One boundary on every path: the instant papersDueBy is already late, as the timer has it.
  it('papers distributed exactly at the deadline are late, as the timer, recording and cancelling have it', () => {
    const at = new Date(due1);
    expect(types(decide(twoMeetings(), papers(m(1)), keyContact, at).events)).toEqual([
      'PapersDistributed',
      'CharterBreachRecorded',
    ]);
    expect(types(decideDeadlines(twoMeetings(), at).events)).toEqual(['CharterBreachRecorded']);
    const cancel: ProjectCommand = { type: 'cancelMeeting', meetingId: m(1), reason: 'Moved' };
    expect(types(decide(twoMeetings(), cancel, keyContact, at).events)).toEqual([
      'MeetingCancelled',
      'CharterBreachRecorded',
    ]);
    // A millisecond earlier, every path finds them in time.
    const before = ms(due1, -1);
    expect(types(decide(twoMeetings(), papers(m(1)), keyContact, before).events)).toEqual([
      'PapersDistributed',
    ]);
    expect(decideDeadlines(twoMeetings(), before).events).toEqual([]);
    expect(types(decide(twoMeetings(), cancel, keyContact, before).events)).toEqual(['MeetingCancelled']);
  });

  it.each(['worcestershire', 'hounslow'])(
    '%s: a meeting booked when its papers deadline has passed records the breach at once',
    (charterId) => {
      const now = new Date('2027-02-01T10:00:00.000Z');
      // 6 days ahead, 10:00 to 12:00 on Sunday 7 February 2027 (Hounslow also needs an override for 25 days' notice).
      const command = meeting('2027-02-07T10:00:00.000Z', 120, 'Urgent');
      const { events } = decide(atMeetings(charterId, now), command, keyContact, now);
      const papersBreaches = events.filter(
        (e) =>
          e.type === 'CharterBreachRecorded' && 'rule' in e.data && e.data.rule === 'papers.minNoticeDays',
      );
      expect(papersBreaches).toEqual([
        expect.objectContaining({ actor: expect.objectContaining({ id: 'system' }), reason: null }),
      ]);
      expect(papersBreaches[0].data).toMatchObject({ meetingId: m(1) });
      const state = apply(atMeetings(charterId, now), events);
      expect(new Set(state.breaches.map((x) => x.id)).size).toBe(state.breaches.length);
      expect(openDeadlines(state)).toEqual([]);
      expect(decideDeadlines(state, new Date('2027-02-07T00:00:00.000Z')).events).toEqual([]);
      const late = decide(state, papers(m(1)), keyContact, new Date('2027-02-02T10:00:00.000Z')).events;
      expect(types(late)).toEqual(['PapersDistributed']);
    },
  );

  it('a meeting booked with a minute to spare records no breach at once', () => {
    const now = new Date('2027-02-01T10:00:00.000Z');
    const { events } = decide(
      atMeetings('worcestershire', now),
      meeting('2027-02-08T10:01:00.000Z'),
      keyContact,
      now,
    );
    expect(types(events)).toEqual(['MeetingScheduled']);
  });

  it.each(['wokingham', 'north-northamptonshire', 'warrington'])(
    '%s sets no papers deadline: nothing is ever recorded for papers',
    (charterId) => {
      const now = new Date('2027-02-01T10:00:00.000Z');
      const state = act(atMeetings(charterId, now), meeting('2027-02-03T10:00:00.000Z'), keyContact, now);
      expect(state.breaches).toEqual([]);
      expect(decideDeadlines(state, new Date('2027-02-03T09:00:00.000Z')).events).toEqual([]);
      expect(
        types(decide(state, papers(m(1)), keyContact, new Date('2027-02-03T09:00:00.000Z')).events),
      ).toEqual(['PapersDistributed']);
    },
  );

  it.each([
    ['recorded', recordMeeting(m(1)), new Date('2027-03-03T12:00:00.000Z')],
    ['cancelled', { type: 'cancelMeeting', meetingId: m(1), reason: 'Moved' } as ProjectCommand, ms(due1, 1)],
  ])(
    'a meeting %s after its papers deadline, papers never sent and no breach yet, records the breach then',
    (_what, command, at) => {
      const state = twoMeetings();
      const { events } = decide(state, command, keyContact, at);
      expect(events.slice(1)).toEqual([
        expect.objectContaining({
          type: 'CharterBreachRecorded',
          actor: expect.objectContaining({ id: 'system' }),
          data: expect.objectContaining({ rule: 'papers.minNoticeDays', meetingId: m(1), breachId: b(1) }),
        }),
      ]);
      const after = apply(state, events);
      expect(
        decideDeadlines(after, at).events.filter((e) => 'meetingId' in e.data && e.data.meetingId === m(1)),
      ).toEqual([]);
      // With the breach already recorded by the timer, nothing more.
      const timed = tick(state, new Date(due1));
      expect(types(decide(timed, command, keyContact, at).events)).toHaveLength(1);
    },
  );

  it('a meeting cancelled before its papers deadline records no breach', () => {
    const command: ProjectCommand = { type: 'cancelMeeting', meetingId: m(1), reason: 'Moved' };
    expect(types(decide(twoMeetings(), command, keyContact, ms(due1, -1)).events)).toEqual([
      'MeetingCancelled',
    ]);
  });
});

describe('the feedback window closed by the system', () => {
  // 00:30 BST on Thursday 15 April 2027 (23:30 UTC on the 14th): the London close date is the 15th.
  const closesAt = '2027-04-14T23:30:00.000Z';

  it('closes at closesAt (not a millisecond before), by the system, with dueBy from the London date', () => {
    const state = inFeedback('worcestershire', closesAt);
    expect(nextSystemWakeUp(state)).toEqual(new Date(closesAt));
    expect(decideDeadlines(state, ms(closesAt, -1)).events).toEqual([]);
    const { events } = decideDeadlines(state, new Date(closesAt));
    expect(events).toEqual([
      {
        type: 'FeedbackClosed',
        data: { dueBy: '2027-04-29' },
        reason: null,
        actor: { id: 'system', displayName: expect.any(String), roles: [] },
        occurredAt: closesAt,
      },
    ]);
    const after = apply(state, events);
    expect(after).toMatchObject({
      phase: 'ACKNOWLEDGEMENT',
      feedbackWindow: { closedAt: closesAt },
      acknowledgement: { dueBy: '2027-04-29', sentAt: null },
    });
    expect(decideDeadlines(after, new Date(closesAt)).events).toEqual([]);
  });

  it('refuses feedback once closesAt has come, even before the system has closed the window', () => {
    const state = inFeedback('worcestershire', closesAt);
    const give: ProjectCommand = { type: 'submitFeedback', channel: 'SURVEY', body: 'Just in time?' };
    expect(types(decide(state, give, rep, ms(closesAt, -1)).events)).toEqual(['FeedbackSubmitted']);
    expect(refusal(() => decide(state, give, rep, new Date(closesAt))).code).toBe('INVALID_PHASE');
  });

  it('dates the acknowledgement from the day the window closed, even when the system wakes late', () => {
    // Closes at 23:00 BST on Wednesday 14 April; the system only gets to it the next morning.
    const lateClose = '2027-04-14T22:00:00.000Z';
    const state = inFeedback('worcestershire', lateClose);
    const { events } = decideDeadlines(state, new Date('2027-04-15T08:00:00.000Z'));
    expect(events[0].data).toEqual({ dueBy: '2027-04-28' });
    // The lead closing it late is the same: the window had closed on the 14th.
    const byLead = decide(state, { type: 'closeFeedback' }, lead, new Date('2027-04-15T08:00:00.000Z'));
    expect(byLead.events[0].data).toEqual({ dueBy: '2027-04-28' });
    // Closed early by the lead: from the day the lead closed it.
    const early = decide(state, { type: 'closeFeedback' }, lead, new Date('2027-04-12T12:00:00.000Z'));
    expect(early.events[0].data).toEqual({ dueBy: '2027-04-26' });
  });
});

describe('a feedback window closing years ahead', () => {
  it('closes in 2036 and sets a due date past the old bank holiday table, so the project moves on', () => {
    const closesAt = '2036-12-23T12:00:00.000Z'; // Tuesday 23 December 2036
    const state = inFeedback('worcestershire', closesAt);
    expect(nextSystemWakeUp(state)).toEqual(new Date(closesAt));
    const closed = tick(state, new Date(closesAt));
    // Christmas (Thursday), Boxing Day (Friday), the weekends and New Year's Day 2037 skipped.
    expect(closed.acknowledgement).toMatchObject({ dueBy: '2037-01-09', sentAt: null });
    expect(nextSystemWakeUp(closed)).toEqual(new Date('2037-01-10T00:00:00.000Z'));
    expect(types(decideDeadlines(closed, new Date('2037-01-10T00:00:00.000Z')).events)).toEqual([
      'CharterBreachRecorded',
    ]);
  });
});

describe('the acknowledgement deadline', () => {
  const closesAt = '2027-04-14T23:30:00.000Z'; // dueBy Thursday 29 April 2027
  const passes = '2027-04-29T23:00:00.000Z'; // 00:00 BST on Friday 30 April
  const acknowledging = (charterId: string) => tick(inFeedback(charterId, closesAt), new Date(closesAt));

  it('worcestershire: the system records a breach at 00:00 London the day after dueBy, not a millisecond before', () => {
    const state = acknowledging('worcestershire');
    expect(nextSystemWakeUp(state)).toEqual(new Date(passes));
    expect(decideDeadlines(state, ms(passes, -1)).events).toEqual([]);
    const { events } = decideDeadlines(state, new Date(passes));
    expect(events).toEqual([
      {
        type: 'CharterBreachRecorded',
        data: {
          breachId: b(1),
          rule: 'feedback.ackWorkingDays',
          meetingId: null,
          detail: expect.any(String),
        },
        reason: null,
        actor: { id: 'system', displayName: expect.any(String), roles: [] },
        occurredAt: passes,
      },
    ]);
    expect((events[0] as NewEvent<'CharterBreachRecorded'>).data.detail).toMatch(
      /within 10 working days .* Thursday 29 April 2027/,
    );
    const breached = apply(state, events);
    expect(openDeadlines(breached)).toEqual([]);
    expect(nextSystemWakeUp(breached)).toBeNull();
    expect(decideDeadlines(breached, new Date('2027-06-01T00:00:00.000Z')).events).toEqual([]);
    // Acknowledging still works, late, and records no second breach.
    const late = decide(breached, acknowledge, lead, new Date('2027-05-03T09:00:00.000Z')).events;
    expect(late).toEqual([expect.objectContaining({ type: 'FeedbackAcknowledged' })]);
    expect(late[0].data).toEqual({ message: 'Thank you', onTime: false });
  });

  it('worcestershire: acknowledged on the last moment of dueBy is on time, and no breach follows', () => {
    const state = act(acknowledging('worcestershire'), acknowledge, lead, ms(passes, -1));
    expect(state.acknowledgement).toMatchObject({ onTime: true, sentAt: ms(passes, -1).toISOString() });
    expect(openDeadlines(state)).toEqual([]);
    expect(decideDeadlines(state, new Date('2027-06-01T00:00:00.000Z')).events).toEqual([]);
  });

  it('worcestershire: acknowledged late before the system got to it, the breach is recorded with it, once', () => {
    const state = acknowledging('worcestershire');
    const at = ms(passes, 1);
    const { events } = decide(state, acknowledge, lead, at);
    expect(types(events)).toEqual(['FeedbackAcknowledged', 'CharterBreachRecorded']);
    expect(events[0].data).toMatchObject({ onTime: false });
    expect(events[1]).toMatchObject({
      actor: { id: 'system' },
      reason: null,
      occurredAt: at.toISOString(),
      data: { rule: 'feedback.ackWorkingDays', breachId: b(1), meetingId: null },
    });
    const after = apply(state, events);
    expect(after.breaches).toHaveLength(1);
    expect(decideDeadlines(after, new Date('2027-06-01T00:00:00.000Z')).events).toEqual([]);
  });

  it.each(ACK_OFF)(
    '%s leaves feedback.ackWorkingDays OFF: dueBy is still 10 working days, and no breach is ever recorded',
    (charterId) => {
      const state = acknowledging(charterId);
      expect(state.acknowledgement?.dueBy).toBe('2027-04-29');
      expect(openDeadlines(state)).toEqual([
        { kind: 'acknowledgement', dueAt: passes, meetingId: null, acts: false },
      ]);
      expect(nextSystemWakeUp(state)).toBeNull();
      expect(decideDeadlines(state, new Date(passes)).events).toEqual([]);
      expect(decideDeadlines(state, new Date('2027-12-01T00:00:00.000Z')).events).toEqual([]);
      const late = decide(state, acknowledge, lead, new Date('2027-05-10T09:00:00.000Z')).events;
      expect(late).toEqual([
        expect.objectContaining({
          type: 'FeedbackAcknowledged',
          data: { message: 'Thank you', onTime: false },
        }),
      ]);
    },
  );

  describe('over Christmas 2026', () => {
    const start = new Date('2026-11-02T10:00:00.000Z');
    const christmasClose = '2026-12-23T17:00:00.000Z'; // Wednesday 23 December 2026
    const overChristmas = () =>
      tick(inFeedback('worcestershire', christmasClose, start), new Date(christmasClose));

    it('closing on Wednesday 23 December 2026 makes it due by Monday 11 January 2027', () => {
      expect(overChristmas().acknowledgement?.dueBy).toBe('2027-01-11');
      const byLead = decide(
        inFeedback('worcestershire', christmasClose, start),
        { type: 'closeFeedback' },
        lead,
        new Date('2026-12-23T09:00:00.000Z'),
      );
      expect(byLead.events[0].data).toEqual({ dueBy: '2027-01-11' });
    });

    it('the breach comes at 00:00 GMT on Tuesday 12 January 2027', () => {
      const state = overChristmas();
      expect(nextSystemWakeUp(state)).toEqual(new Date('2027-01-12T00:00:00.000Z'));
      expect(decideDeadlines(state, new Date('2027-01-11T23:59:59.999Z')).events).toEqual([]);
      expect(types(decideDeadlines(state, new Date('2027-01-12T00:00:00.000Z')).events)).toEqual([
        'CharterBreachRecorded',
      ]);
      expect(
        decide(state, acknowledge, lead, new Date('2027-01-11T23:59:59.999Z')).events[0].data,
      ).toMatchObject({
        onTime: true,
      });
    });
  });
});
