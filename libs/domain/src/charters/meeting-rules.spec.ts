import {
  acknowledgementDeadlinePassesAt,
  acknowledgementDueBy,
  checkMeetingRules,
  DEFAULT_ACK_WORKING_DAYS,
  MEETING_RULE_IDS,
  papersDueBy,
} from './meeting-rules';
import { findCharter } from './profiles';
import { PRODUCT_RULE, ruleOn } from './rules';
import type { CharterProfile, RuleId } from './types';

const charter = (id: string) => {
  const found = findCharter(id);
  if (!found) throw new Error(`no charter ${id}`);
  return found;
};

const NOW = '2026-12-01T09:00:00.000Z';

/** What checkMeetingRules finds in a meeting of `durationMinutes` from `startsAt`, booked at `now` (all UTC). */
const check = (profile: CharterProfile, startsAt: string, durationMinutes: number, now = NOW) =>
  checkMeetingRules(profile, { startsAt: new Date(startsAt), durationMinutes }, new Date(now));
const NOTICE: RuleId = 'meeting.minBookingNoticeDays';
const WINDOW: RuleId = 'meeting.window';
const LENGTH: RuleId = 'meeting.maxDurationMinutes';
const SCHOOL_RUN: RuleId = 'meeting.avoidSchoolRun';
const HOLIDAYS: RuleId = 'meeting.avoidSchoolHolidays';

// [what, [startsAt (UTC), minutes, now (UTC), the rules it breaks]]: the meeting on a line of its own where
// what it is takes most of one. Winter: London = UTC; summer: London = UTC + 1.
type Case = [
  what: string,
  meeting: [startsAt: string, durationMinutes: number, now: string, breaks: RuleId[]],
];

const BASE: Case = [
  'a 1-hour meeting at 10:00 on a Tuesday in term, 7 weeks ahead',
  ['2027-01-19T10:00:00Z', 60, NOW, []],
];

const NO_MEETING_RULES: Case[] = [
  BASE,
  [
    'at an hour’s notice, 08:00 to 13:00 in the Easter holidays',
    ['2027-04-01T07:00:00Z', 300, '2027-04-01T06:00:00Z', []],
  ],
  ['overnight into a school morning', ['2027-01-18T23:00:00Z', 600, NOW, []]],
];

const CASES: Record<string, Case[]> = {
  hounslow: [
    BASE,
    ['booked exactly 25 days ahead', ['2027-01-19T10:00:00Z', 60, '2026-12-25T10:00:00Z', []]],
    [
      'booked a minute less than 25 days ahead',
      ['2027-01-19T10:00:00Z', 60, '2026-12-25T10:01:00Z', [NOTICE]],
    ],
    ['booked for tomorrow', ['2026-12-02T10:00:00Z', 60, NOW, [NOTICE]]],
    // 25 calendar days on the London clock: 10:00 GMT on 11 March to 10:00 BST on 5 April.
    [
      'booked 25 days ahead across the clocks going forward',
      ['2027-04-05T09:00:00Z', 60, '2027-03-11T10:00:00Z', []],
    ],
    [
      'booked a minute less than 25 days ahead across the clocks going forward',
      ['2027-04-05T09:00:00Z', 60, '2027-03-11T10:01:00Z', [NOTICE]],
    ],
    // 11:00 BST on 10 October to 10:30 GMT on 4 November: over 25 × 24 hours, but not 25 days on the clock.
    [
      'booked 25 × 24 hours but not 25 days ahead across the clocks going back',
      ['2027-11-04T10:30:00Z', 60, '2027-10-10T10:00:00Z', [NOTICE]],
    ],
    [
      'booked 25 days ahead across the clocks going back',
      ['2027-11-04T11:00:00Z', 60, '2027-10-10T10:00:00Z', []],
    ],
    ['starting at 09:59', ['2027-01-19T09:59:00Z', 60, NOW, [WINDOW]]],
    ['ending exactly at 14:00', ['2027-01-19T12:00:00Z', 120, NOW, []]],
    ['ending at 14:01', ['2027-01-19T12:01:00Z', 120, NOW, [WINDOW]]],
    ['starting 30 seconds before 10:00', ['2027-01-19T09:59:30Z', 60, NOW, [WINDOW]]],
    ['ending 30 seconds after 14:00', ['2027-01-19T12:00:30Z', 120, NOW, [WINDOW]]],
    ['in summer, 10:00 London time (09:00 UTC)', ['2027-06-15T09:00:00Z', 60, NOW, []]],
    ['in summer, 14:30 London time (13:30 UTC)', ['2027-06-15T13:30:00Z', 30, NOW, [WINDOW]]],
    ['lasting exactly 2 hours', ['2027-01-19T10:00:00Z', 120, NOW, []]],
    ['lasting 2 hours and 1 minute', ['2027-01-19T10:00:00Z', 121, NOW, [LENGTH]]],
    [
      'at 10:00 London on Sunday 28 March 2027, the day the clocks go forward',
      ['2027-03-28T09:00:00Z', 60, NOW, []],
    ],
    [
      'at 10:00 London on Sunday 31 October 2027, the day the clocks go back',
      ['2027-10-31T10:00:00Z', 60, NOW, []],
    ],
    ['at 09:30 London on 28 March 2027 (08:30 UTC)', ['2027-03-28T08:30:00Z', 60, NOW, [WINDOW]]],
    ['at 09:30 London on 31 October 2027 (09:30 UTC)', ['2027-10-31T09:30:00Z', 60, NOW, [WINDOW]]],
    [
      'at 13:30 London on 28 March 2027 for an hour (ends 14:30)',
      ['2027-03-28T12:30:00Z', 60, NOW, [WINDOW]],
    ],
    ['crossing midnight', ['2027-01-19T23:00:00Z', 120, NOW, [WINDOW]]],
    ['in the Easter holidays (a rule this charter does not set)', ['2027-04-01T09:00:00Z', 60, NOW, []]],
    [
      'breaking three rules at once, reported in rule order',
      ['2026-12-02T08:00:00Z', 180, NOW, [NOTICE, WINDOW, LENGTH]],
    ],
  ],
  worcestershire: [
    BASE,
    ['at 09:00 on a weekday, in the morning school run', ['2027-01-19T09:00:00Z', 60, NOW, [SCHOOL_RUN]]],
    ['starting at 09:30, as the morning school run ends', ['2027-01-19T09:30:00Z', 60, NOW, []]],
    ['ending at 08:00, as the morning school run starts', ['2027-01-19T07:00:00Z', 60, NOW, []]],
    ['ending exactly at 14:30', ['2027-01-19T13:30:00Z', 60, NOW, []]],
    ['ending at 14:31', ['2027-01-19T13:31:00Z', 60, NOW, [SCHOOL_RUN]]],
    ['from 14:00 to 17:00, over the whole afternoon run', ['2027-01-19T14:00:00Z', 180, NOW, [SCHOOL_RUN]]],
    ['in summer, at 09:30 London time (08:30 UTC)', ['2027-06-15T08:30:00Z', 60, NOW, []]],
    ['in summer, at 08:45 London time (07:45 UTC)', ['2027-06-15T07:45:00Z', 30, NOW, [SCHOOL_RUN]]],
    ['at 08:30 on a Saturday in term', ['2027-01-23T08:30:00Z', 60, NOW, []]],
    ['in the Easter holidays 2027', ['2027-04-01T09:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['on the first day of term after Easter', ['2027-04-05T09:00:00Z', 60, NOW, []]],
    ['on the first day of a holiday (Saturday 20 March 2027)', ['2027-03-20T10:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['on the last day of a holiday (Sunday 4 April 2027)', ['2027-04-04T09:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['in the Christmas holidays 2026', ['2026-12-21T10:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['in the summer holidays 2027', ['2027-08-10T09:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['overnight from a term day into the Christmas holidays', ['2026-12-18T22:00:00Z', 180, NOW, [HOLIDAYS]]],
    // No school run in the school holidays: only the holiday rule is broken.
    ['at 08:30 in the Easter holidays', ['2027-04-01T07:30:00Z', 60, NOW, [HOLIDAYS]]],
    ['in the summer holidays 2032, past the listed years', ['2032-08-10T09:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['in the Easter holidays 2040', ['2040-04-03T09:00:00Z', 60, NOW, [HOLIDAYS]]],
    ['on a term day in October 2032', ['2032-10-05T10:00:00Z', 60, NOW, []]],
    [
      'at an hour’s notice, 18:00 to 23:00 (rules this charter does not set)',
      ['2026-12-01T18:00:00Z', 300, NOW, []],
    ],
  ],
  warrington: [
    BASE,
    ['at 15:00 on a weekday', ['2027-01-19T15:00:00Z', 60, NOW, [SCHOOL_RUN]]],
    ['at 16:00 on a weekday', ['2027-01-19T16:00:00Z', 60, NOW, []]],
    // No school run in the school holidays or on bank holidays.
    ['at 09:00 on Tuesday 3 August 2027, in the summer holidays', ['2027-08-03T08:00:00Z', 60, NOW, []]],
    ['at 09:00 on the spring bank holiday, 31 May 2027', ['2027-05-31T08:00:00Z', 60, NOW, []]],
    ['at 09:00 on the early May bank holiday, 3 May 2027, in term', ['2027-05-03T08:00:00Z', 60, NOW, []]],
    ['at 09:00 on Tuesday 4 May 2027, a school day', ['2027-05-04T08:00:00Z', 60, NOW, [SCHOOL_RUN]]],
    ['at 09:00 in the summer holidays 2032', ['2032-08-03T08:00:00Z', 60, NOW, []]],
    ['overnight from Monday into the Tuesday school run', ['2027-01-18T23:00:00Z', 600, NOW, [SCHOOL_RUN]]],
    ['overnight from Friday into Saturday', ['2027-01-22T23:00:00Z', 600, NOW, []]],
    ['on a Sunday afternoon', ['2027-01-24T14:00:00Z', 120, NOW, []]],
    ['in the Easter holidays (a rule this charter does not set)', ['2027-04-01T09:00:00Z', 60, NOW, []]],
    ['at half an hour’s notice, 09:30 to 14:30', ['2026-12-01T09:30:00Z', 300, NOW, []]],
  ],
  // Neither charter sets a meeting rule.
  wokingham: NO_MEETING_RULES,
  'north-northamptonshire': NO_MEETING_RULES,
};

describe.each(Object.keys(CASES))('checkMeetingRules under %s', (id) => {
  it.each(CASES[id])('%s', (_what, [startsAt, durationMinutes, now, expected]) => {
    const violations = check(charter(id), startsAt, durationMinutes, now);
    expect(violations.map((v) => v.rule)).toEqual(expected);
    for (const violation of violations) {
      expect(violation.mode).toBe('MONITORED');
      expect(violation.detail).toMatch(/give a reason for going ahead anyway/);
    }
  });
});

describe('what the violations say', () => {
  const one = (id: string, startsAt: string, durationMinutes: number, now = NOW) =>
    check(charter(id), startsAt, durationMinutes, now)[0].detail;

  it.each<[string, [string, string, number, string?], string[]]>([
    [
      'says when the earliest allowed start is',
      ['hounslow', '2027-01-19T10:00:00Z', 60, '2026-12-25T10:01:00Z'],
      ['at least 25 days', 'only 24 days ahead', 'Tuesday 19 January 2027 at 10:01'],
    ],
    [
      'gives London times, across a change of the clocks',
      ['hounslow', '2027-03-28T08:30:00Z', 60],
      ['Sunday 28 March 2027 from 09:30 to 10:30', 'starts at 10:00 or later and ends by 14:00'],
    ],
    [
      'says how much too long a meeting is',
      ['hounslow', '2027-01-19T10:00:00Z', 150],
      ['no longer than 2 hours; this one is planned to last 2 hours 30 minutes'],
    ],
    [
      'suggests a time outside the school run',
      ['worcestershire', '2027-01-19T15:00:00Z', 60],
      ['overlaps 14:30 to 16:00', 'between 09:30 and 14:30'],
    ],
    [
      'suggests the first term day after a school holiday',
      ['worcestershire', '2027-04-01T09:00:00Z', 60],
      [
        'Thursday 1 April 2027 is in the school holiday from Saturday 20 March 2027',
        'for example Monday 5 April 2027',
      ],
    ],
  ])('%s', (_name, [id, startsAt, durationMinutes, now], fragments) => {
    const detail = one(id, startsAt, durationMinutes, now);
    for (const fragment of fragments) expect(detail).toContain(fragment);
  });
});

describe('rules a profile sets differently', () => {
  const worcestershire = charter('worcestershire');
  const withRule = (rule: ReturnType<typeof ruleOn>): CharterProfile => ({
    ...worcestershire,
    id: 'somewhere-else',
    rules: worcestershire.rules.map((r) => (r.id === rule.id ? rule : r)),
  });

  it('uses local term dates when a charter gives its own', () => {
    const local = withRule(
      ruleOn('meeting.avoidSchoolHolidays', [{ from: '2027-01-18', to: '2027-01-22' }], PRODUCT_RULE),
    );
    expect(check(local, '2027-01-19T10:00:00Z', 60).map((v) => v.rule)).toEqual([HOLIDAYS]);
    const longer = withRule(
      ruleOn(
        'meeting.avoidSchoolHolidays',
        [
          { from: '2027-01-18', to: '2027-01-22' },
          { from: '2027-07-20', to: '2027-09-01' },
        ],
        PRODUCT_RULE,
      ),
    );
    const inTerm = check(longer, '2027-04-01T09:00:00Z', 60);
    expect(inTerm).toEqual([]); // in the England default, not in the local list
  });

  it('refuses, plainly, a meeting after the last day a local list covers', () => {
    const local = withRule(
      ruleOn('meeting.avoidSchoolHolidays', [{ from: '2027-01-18', to: '2027-01-22' }], PRODUCT_RULE),
    );
    const [violation] = check(local, '2027-04-01T09:00:00Z', 60);
    expect(violation.rule).toBe(HOLIDAYS);
    expect(violation.detail).toContain(
      'The school holiday dates for this charter are listed only up to Friday 22 January 2027, so it cannot be checked whether Thursday 1 April 2027 is in a school holiday.',
    );
  });

  it('refuses outright under an ENFORCED rule, and says it cannot be set aside', () => {
    const strict = withRule({
      ...ruleOn('meeting.avoidSchoolRun', [{ from: '08:00', to: '09:30' }], PRODUCT_RULE),
      mode: 'ENFORCED',
    });
    const [violation] = check(strict, '2027-01-19T09:00:00Z', 60);
    expect(violation).toMatchObject({ rule: SCHOOL_RUN, mode: 'ENFORCED' });
    expect(violation.detail).toContain('cannot be set aside');
    expect(violation.detail).not.toContain('give a reason');
  });

  it('refuses what is not a meeting', () => {
    const hounslow = charter('hounslow');
    expect(() => check(hounslow, '2027-01-19T10:00:00Z', 0)).toThrow(RangeError);
    expect(() => check(hounslow, '2027-01-19T10:00:00Z', 1.5)).toThrow(RangeError);
    expect(() => check(hounslow, 'nonsense', 60)).toThrow(RangeError);
  });

  it('checks the five meeting rules, in RULE_IDS order', () => {
    expect(MEETING_RULE_IDS).toEqual([NOTICE, WINDOW, LENGTH, SCHOOL_RUN, HOLIDAYS]);
  });
});

describe('papersDueBy', () => {
  it.each([
    ['worcestershire', '2027-04-08T09:00:00.000Z', '2027-04-01T09:00:00.000Z'],
    ['hounslow', '2027-01-19T10:00:00.000Z', '2027-01-12T10:00:00.000Z'],
    // 7 × 24 hours across the change of the clocks (28 March 2027): 11:00 London becomes 10:00 London.
    ['hounslow', '2027-04-02T10:00:00.000Z', '2027-03-26T10:00:00.000Z'],
  ])('under %s, papers for %s are due by %s', (id, startsAt, due) => {
    expect(papersDueBy(charter(id), new Date(startsAt))?.toISOString()).toBe(due);
  });

  it.each(['wokingham', 'north-northamptonshire', 'warrington'])('is null under %s (rule OFF)', (id) => {
    expect(papersDueBy(charter(id), new Date('2027-04-08T09:00:00Z'))).toBeNull();
  });
});

describe('acknowledgement deadlines', () => {
  it.each([
    // Wednesday 23 December 2026 + 10 working days, skipping Christmas, the substitute Boxing Day and New Year.
    ['worcestershire', '2026-12-23T15:00:00.000Z', '2027-01-11'],
    ['worcestershire', '2026-12-23T23:59:00.000Z', '2027-01-11'],
    // 23:30 UTC on 30 June is 00:30 on Thursday 1 July in London.
    ['worcestershire', '2027-06-30T23:30:00.000Z', '2027-07-15'],
    ['worcestershire', '2027-06-30T22:59:00.000Z', '2027-07-14'],
    // Rule OFF: the default of 10 working days still gives a date.
    ['wokingham', '2026-12-23T15:00:00.000Z', '2027-01-11'],
    ['hounslow', '2027-03-25T12:00:00.000Z', '2027-04-12'],
  ])('under %s, feedback closed at %s is due by %s', (id, closedAt, due) => {
    expect(acknowledgementDueBy(charter(id), new Date(closedAt))).toBe(due);
  });

  it('defaults to 10 working days', () => {
    expect(DEFAULT_ACK_WORKING_DAYS).toBe(10);
  });

  it.each([
    ['2027-01-11', '2027-01-12T00:00:00.000Z'],
    ['2027-07-15', '2027-07-15T23:00:00.000Z'],
    ['2027-03-27', '2027-03-28T00:00:00.000Z'],
    ['2027-10-30', '2027-10-30T23:00:00.000Z'],
    ['2027-10-31', '2027-11-01T00:00:00.000Z'],
  ])('a deadline of %s passes at %s (00:00 London the day after)', (dueBy, passesAt) => {
    expect(acknowledgementDeadlinePassesAt(dueBy).toISOString()).toBe(passesAt);
  });
});
