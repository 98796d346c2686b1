// Booking a meeting through `decide` under each charter: every meeting rule a profile sets
// is checked (accepted, refused with the rule named, or overridden with a recorded breach),
// and every rule a profile leaves OFF is not.
import type { Actor } from '../actor';
import { findCharter, ruleOf, type RuleId } from '../charters';
import type { NewEvent } from '../events';
import { applyEvents, type ProjectState } from '../project-state';
import { decide, decideStart, type ProjectCommand, type ScheduleMeetingInput } from '.';
import { refusal, deepFreeze } from '../../test/decisions';
import { CHARTER_IDS, lead, rep, keyContact, startInput } from '../../test/people';

type MeetingRule =
  | 'meeting.minBookingNoticeDays'
  | 'meeting.window'
  | 'meeting.maxDurationMinutes'
  | 'meeting.avoidSchoolRun'
  | 'meeting.avoidSchoolHolidays';

const projectId = 'proj-meet';
const meetingId = `${projectId}.m1`;
// A Monday in term time. Every meeting below is far enough ahead that only the rule under test can fail.
const now = new Date('2027-01-04T10:00:00.000Z');

const act = (state: ProjectState, command: ProjectCommand, actor: Actor) =>
  applyEvents(projectId, state, decide(state, command, actor, now).events);

/** A CO_PRODUCTION project under the charter, briefed, in phase MEETINGS; frozen, so a decision cannot change it. */
function atMeetings(charterId: string): ProjectState {
  const start = decideStart(projectId, startInput({ charterId }), lead, now);
  let state = applyEvents(projectId, null, start.events);
  state = act(state, { type: 'agreeLadderLevel' }, rep);
  state = act(
    state,
    {
      type: 'recordBriefing',
      summary: 'What the project is for',
      briefedParticipantIds: [`${projectId}.p2`],
    },
    keyContact,
  );
  state = act(state, { type: 'completeBriefing' }, keyContact);
  expect(state.phase).toBe('MEETINGS');
  return deepFreeze(state);
}

interface Slot {
  startsAt: string;
  durationMinutes: number;
}

const schedule = (slot: Slot, overrideReason?: string): ProjectCommand => {
  const input: ScheduleMeetingInput = {
    title: 'Planning workshop',
    location: 'Civic Centre, room 2 (step-free)',
    ...slot,
    ...(overrideReason === undefined ? {} : { overrideReason }),
  };
  return { type: 'scheduleMeeting', input };
};

const breachesIn = (events: NewEvent[]) => events.filter((e) => e.type === 'CharterBreachRecorded');
const breachRules = (events: NewEvent[]) =>
  breachesIn(events).map((e) => (e as NewEvent<'CharterBreachRecorded'>).data.rule);

/**
 * For each meeting rule, two rows: a slot that keeps it (on the boundary where there is one), then a slot
 * that breaks it and, under every charter that sets the rule, nothing else. All in London time (GMT, as
 * every probe falls before the clocks change) and all in 2027, so a row gives only month, day and time.
 */
type ProbeRow = [rule: string, startsAt: string, durationMinutes: number, is: string];
const PROBE_ROWS: ProbeRow[] = [
  ['minBookingNoticeDays', '01-29T10:00', 60, 'exactly 25 days ahead'],
  ['minBookingNoticeDays', '01-28T10:00', 60, '24 days ahead'],
  ['window', '03-03T12:00', 120, '12:00 to 14:00'],
  ['window', '03-03T12:01', 120, '12:01 to 14:01'],
  ['maxDurationMinutes', '03-03T10:00', 120, '120 minutes'],
  ['maxDurationMinutes', '03-03T10:00', 121, '121 minutes'],
  ['avoidSchoolRun', '03-03T09:30', 300, 'Wednesday 09:30 to 14:30, between the school runs'],
  ['avoidSchoolRun', '03-03T09:29', 60, 'Wednesday 09:29 to 10:29, a minute into the morning school run'],
  ['avoidSchoolHolidays', '02-12T10:00', 60, 'Friday 12 February 2027, the last day before half term'],
  ['avoidSchoolHolidays', '02-15T10:00', 60, 'Monday 15 February 2027, in February half term'],
];

const slotOf = ([, at, durationMinutes]: ProbeRow): Slot => ({
  startsAt: `2027-${at}:00.000Z`,
  durationMinutes,
});
const PROBES = {} as Record<MeetingRule, { ok: Slot; ok_is: string; bad: Slot; bad_is: string }>;
for (let i = 0; i < PROBE_ROWS.length; i += 2) {
  const [keeps, breaks] = [PROBE_ROWS[i], PROBE_ROWS[i + 1]];
  const probe = { ok: slotOf(keeps), ok_is: keeps[3], bad: slotOf(breaks), bad_is: breaks[3] };
  PROBES[`meeting.${keeps[0]}` as MeetingRule] = probe;
}

/** DOMAIN.md's table: the meeting rules each charter sets (all MONITORED), with their values. */
const SET_BY: Record<string, Partial<Record<MeetingRule, unknown>>> = {
  wokingham: {},
  'north-northamptonshire': {},
  worcestershire: { 'meeting.avoidSchoolRun': 'school run', 'meeting.avoidSchoolHolidays': 'holidays' },
  warrington: { 'meeting.avoidSchoolRun': 'school run' },
  hounslow: {
    'meeting.minBookingNoticeDays': 25,
    'meeting.window': { from: '10:00', to: '14:00' },
    'meeting.maxDurationMinutes': 120,
  },
};

/** An OFF rule's would-be violation that cannot help breaking another rule the charter sets. */
const ALSO_BREAKS: Record<string, RuleId[]> = {
  // Both school runs fall outside Hounslow's 10:00-14:00 window.
  'hounslow/meeting.avoidSchoolRun': ['meeting.window'],
};

const RULES = Object.keys(PROBES) as MeetingRule[];
const CASES = CHARTER_IDS.flatMap((charterId) =>
  RULES.map((rule) => ({ charterId, rule, on: rule in SET_BY[charterId], ...PROBES[rule] })),
);
const ON = CASES.filter((c) => c.on);
const OFF = CASES.filter((c) => !c.on);

describe('the meeting rules each profile sets', () => {
  it.each(CASES)('$charterId: $rule set=$on', ({ charterId, rule, on }) => {
    const setting = ruleOf(findCharter(charterId)!, rule);
    if (!on) {
      expect(setting).toMatchObject({ mode: 'OFF', value: null });
      return;
    }
    expect(setting.mode).toBe('MONITORED');
    const expected = SET_BY[charterId][rule];
    if (typeof expected !== 'string') expect(setting.value).toEqual(expected);
  });

  it('lists the 6 meeting rule settings that are on', () => {
    expect(ON.map((c) => `${c.charterId}/${c.rule}`)).toEqual([
      'worcestershire/meeting.avoidSchoolRun',
      'worcestershire/meeting.avoidSchoolHolidays',
      'warrington/meeting.avoidSchoolRun',
      'hounslow/meeting.minBookingNoticeDays',
      'hounslow/meeting.window',
      'hounslow/meeting.maxDurationMinutes',
    ]);
  });
});

describe.each(ON)('$charterId sets $rule', ({ charterId, rule, ok, ok_is, bad, bad_is }) => {
  it(`accepts a meeting ${ok_is}, with no breach`, () => {
    const decision = decide(atMeetings(charterId), schedule(ok), keyContact, now);
    expect(decision.events.map((e) => e.type)).toEqual(['MeetingScheduled']);
    expect(decision.events[0]).toMatchObject({
      actor: { id: 'key-1' },
      data: { meetingId, startsAt: ok.startsAt, durationMinutes: ok.durationMinutes },
    });
  });

  it(`refuses a meeting ${bad_is} with CHARTER_RULE naming ${rule}, and records nothing`, () => {
    const state = atMeetings(charterId);
    const error = refusal(() => decide(state, schedule(bad), keyContact, now));
    expect(error.code).toBe('CHARTER_RULE');
    expect(error.details).toEqual({ rule });
    expect(error.message).toMatch(/override reason/);
    expect(state.meetings).toEqual([]);
    expect(state.breaches).toEqual([]);
  });

  it('refuses it too when the override reason is blank', () => {
    const error = refusal(() => decide(atMeetings(charterId), schedule(bad, '   '), keyContact, now));
    expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule } });
  });

  it('books it with an override reason, recording one breach of the rule carrying that reason', () => {
    const reason = 'The only date the specialist nurse can attend';
    const state = atMeetings(charterId);
    const decision = decide(state, schedule(bad, reason), keyContact, now);
    expect(decision.events.map((e) => e.type)).toEqual(['MeetingScheduled', 'CharterBreachRecorded']);
    expect(decision.events[1]).toMatchObject({
      type: 'CharterBreachRecorded',
      reason,
      actor: { id: 'key-1' },
      occurredAt: now.toISOString(),
      data: { breachId: `${projectId}.b1`, rule, meetingId },
    });
    const after = applyEvents(projectId, state, decision.events);
    expect(after.meetings).toMatchObject([{ id: meetingId, status: 'SCHEDULED', startsAt: bad.startsAt }]);
    expect(after.breaches).toEqual([
      expect.objectContaining({ id: `${projectId}.b1`, rule, reason, meetingId, at: now.toISOString() }),
    ]);
  });
});

describe.each(OFF)('$charterId leaves $rule OFF', ({ charterId, rule, bad, bad_is }) => {
  const others = ALSO_BREAKS[`${charterId}/${rule}`] ?? [];

  if (others.length === 0)
    it(`accepts a meeting ${bad_is} with no breach`, () => {
      const decision = decide(atMeetings(charterId), schedule(bad), keyContact, now);
      expect(decision.events.map((e) => e.type)).toEqual(['MeetingScheduled']);
    });
  else
    it(`does not hold a meeting ${bad_is} to it (only to ${others.join(', ')})`, () => {
      const state = atMeetings(charterId);
      expect(refusal(() => decide(state, schedule(bad), keyContact, now)).details).toEqual({
        rule: others[0],
      });
      const decision = decide(state, schedule(bad, 'Agreed with the forum'), keyContact, now);
      expect(breachRules(decision.events)).toEqual(others);
    });
});

describe('Hounslow on the days the clocks change (Europe/London)', () => {
  const hounslow = () => atMeetings('hounslow');

  it.each([
    [
      '2027-03-28T09:00:00.000Z',
      120,
      '10:00 to 12:00 BST, Sunday 28 March 2027 (clocks went forward at 01:00)',
    ],
    ['2027-03-28T11:00:00.000Z', 120, '12:00 to 14:00 BST, 28 March 2027'],
    [
      '2027-10-31T10:00:00.000Z',
      120,
      '10:00 to 12:00 GMT, Sunday 31 October 2027 (clocks went back at 02:00)',
    ],
    ['2027-10-31T12:00:00.000Z', 120, '12:00 to 14:00 GMT, 31 October 2027'],
    ['2027-10-30T09:00:00.000Z', 120, '10:00 to 12:00 BST, the Saturday before'],
    ['2027-10-31T13:00:00.000Z', 60, '13:00 to 14:00 GMT, 31 October 2027'],
  ])('accepts %s for %i minutes (%s)', (startsAt, durationMinutes) => {
    const decision = decide(hounslow(), schedule({ startsAt, durationMinutes }), keyContact, now);
    expect(decision.events.map((e) => e.type)).toEqual(['MeetingScheduled']);
  });

  it.each([
    ['2027-03-28T08:00:00.000Z', 60, '09:00 to 10:00 BST, 28 March 2027'],
    ['2027-03-28T13:00:00.000Z', 60, '14:00 to 15:00 BST, 28 March 2027'],
    ['2027-03-28T12:00:00.000Z', 61, '13:00 to 14:01 BST, 28 March 2027'],
    ['2027-03-27T09:00:00.000Z', 60, '09:00 to 10:00 GMT, the Saturday before'],
    ['2027-10-31T09:00:00.000Z', 60, '09:00 to 10:00 GMT, 31 October 2027'],
    ['2027-10-31T13:00:00.000Z', 61, '13:00 to 14:01 GMT, 31 October 2027'],
  ])('refuses %s for %i minutes (%s) under meeting.window', (startsAt, durationMinutes) => {
    const error = refusal(() => decide(hounslow(), schedule({ startsAt, durationMinutes }), keyContact, now));
    expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule: 'meeting.window' } });
  });
});

describe('several rules at once, and school runs in London time', () => {
  it('Hounslow reports the first broken rule in the table order, and an override records each, in order', () => {
    // Two days ahead, 09:00 to 12:00 GMT: too soon, outside the window, and too long.
    const slot = { startsAt: '2027-01-06T09:00:00.000Z', durationMinutes: 180 };
    const state = atMeetings('hounslow');
    expect(refusal(() => decide(state, schedule(slot), keyContact, now)).details).toEqual({
      rule: 'meeting.minBookingNoticeDays',
    });
    const decision = decide(state, schedule(slot, 'Emergency session'), keyContact, now);
    const breaches = breachesIn(decision.events) as NewEvent<'CharterBreachRecorded'>[];
    expect(breaches.map((e) => [e.data.rule, e.data.breachId, e.reason])).toEqual([
      ['meeting.minBookingNoticeDays', `${projectId}.b1`, 'Emergency session'],
      ['meeting.window', `${projectId}.b2`, 'Emergency session'],
      ['meeting.maxDurationMinutes', `${projectId}.b3`, 'Emergency session'],
      // Papers were due 7 days before: already past, so the system records that breach at once.
      ['papers.minNoticeDays', `${projectId}.b4`, null],
    ]);
    expect(breaches[3].actor.id).toBe('system');
  });

  it('Worcestershire names the school run before the school holiday', () => {
    // From 14:00 on Friday 12 February 2027, a school day, overnight into the half term.
    const slot = { startsAt: '2027-02-12T14:00:00.000Z', durationMinutes: 720 };
    const state = atMeetings('worcestershire');
    // In the half term itself there is no school run: only the holiday is named.
    const inHalfTerm = { startsAt: '2027-02-15T14:00:00.000Z', durationMinutes: 60 };
    expect(refusal(() => decide(state, schedule(inHalfTerm), keyContact, now)).details).toEqual({
      rule: 'meeting.avoidSchoolHolidays',
    });
    expect(refusal(() => decide(state, schedule(slot), keyContact, now)).details).toEqual({
      rule: 'meeting.avoidSchoolRun',
    });
    expect(breachRules(decide(state, schedule(slot, 'Only free day'), keyContact, now).events)).toEqual([
      'meeting.avoidSchoolRun',
      'meeting.avoidSchoolHolidays',
    ]);
  });

  it('a breach tells the board what happened, not what the lead was told to do', () => {
    const slot = { startsAt: '2027-02-12T14:00:00.000Z', durationMinutes: 720 };
    const { events } = decide(atMeetings('worcestershire'), schedule(slot, 'Only free day'), keyContact, now);
    const details = events
      .filter((e) => e.type === 'CharterBreachRecorded')
      .map((e) => (e.data as { detail: string }).detail);
    expect(details).toEqual([
      'The meeting on Friday 12 February 2027 from 14:00 to 02:00 on Saturday 13 February 2027 (London time) overlaps the school run, 14:30 to 16:00.',
      'The meeting on Saturday 13 February 2027 is in the school holiday from Saturday 13 February 2027 to Sunday 21 February 2027.',
    ]);
    for (const detail of details) expect(detail).not.toMatch(/Choose|Move it|give a reason|override/i);
  });

  it.each([
    ['worcestershire', '2027-04-14T13:00:00.000Z', 60, '14:00 to 15:00 BST, Wednesday 14 April 2027'],
    ['warrington', '2027-04-14T06:45:00.000Z', 60, '07:45 to 08:45 BST, Wednesday 14 April 2027'],
  ])('%s refuses %s for %i minutes (%s): school runs are London times', (charterId, startsAt, minutes) => {
    const slot = { startsAt, durationMinutes: minutes };
    expect(refusal(() => decide(atMeetings(charterId), schedule(slot), keyContact, now)).details).toEqual({
      rule: 'meeting.avoidSchoolRun',
    });
  });

  it.each([
    ['worcestershire', '2027-04-14T11:30:00.000Z', 60, '12:30 to 13:30 BST, Wednesday 14 April 2027'],
    ['worcestershire', '2027-04-14T12:30:00.000Z', 60, '13:30 to 14:30 BST, ending as the school run starts'],
    ['warrington', '2027-03-06T08:00:00.000Z', 120, '08:00 to 10:00 GMT on a Saturday: no school run'],
  ])('%s accepts %s for %i minutes (%s)', (charterId, startsAt, minutes) => {
    const slot = { startsAt, durationMinutes: minutes };
    const decision = decide(atMeetings(charterId), schedule(slot), keyContact, now);
    expect(decision.events.map((e) => e.type)).toEqual(['MeetingScheduled']);
  });
});
