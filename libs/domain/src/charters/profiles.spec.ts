import * as fs from 'fs';
import * as path from 'path';
import { unexplainedAbbreviations } from '../plain-english';
import { CHARTERS, findCharter, ruleOf, ruleValue } from './profiles';
import { NOT_SET, PRODUCT_RULE, QUOTED_SOURCE, validateCharterProfile } from './rules';
import { ENGLAND_DEFAULT_SCHOOL_HOLIDAYS } from './school-holidays';
import { RULE_IDS, type CharterProfile, type RuleId } from './types';

/** The seeds folder: `shared/seeds` beside the repository (or SEEDS_DIR), found by walking up. */
function seedsDir(): string {
  if (process.env.SEEDS_DIR) return process.env.SEEDS_DIR;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared', 'seeds');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`No shared/seeds folder above ${__dirname}; set SEEDS_DIR.`);
  }
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

const SCHOOL_RUN = [
  { from: '08:00', to: '09:30' },
  { from: '14:30', to: '16:00' },
];
const ON = (value: unknown) => ({ mode: 'ON', value });
type Expected = ReturnType<typeof ON> | 'OFF';

// DOMAIN.md's table, column by column ('ON' = the mode the table gives when set).
const TABLE: Record<string, Record<RuleId, Expected>> = {
  wokingham: {
    'ladder.reasonRequired': ON(true),
    'briefing.beforeWork': 'OFF',
    'meeting.minBookingNoticeDays': 'OFF',
    'meeting.window': 'OFF',
    'meeting.maxDurationMinutes': 'OFF',
    'meeting.avoidSchoolRun': 'OFF',
    'meeting.avoidSchoolHolidays': 'OFF',
    'papers.minNoticeDays': 'OFF',
    'feedback.ackWorkingDays': 'OFF',
    'report.youSaidWeDid': ON(true),
    'board.reportEveryMonths': ON(6),
    'charter.reviewEveryMonths': ON(6),
  },
  'north-northamptonshire': {
    'ladder.reasonRequired': ON(true),
    'briefing.beforeWork': 'OFF',
    'meeting.minBookingNoticeDays': 'OFF',
    'meeting.window': 'OFF',
    'meeting.maxDurationMinutes': 'OFF',
    'meeting.avoidSchoolRun': 'OFF',
    'meeting.avoidSchoolHolidays': 'OFF',
    'papers.minNoticeDays': 'OFF',
    'feedback.ackWorkingDays': 'OFF',
    'report.youSaidWeDid': ON(true),
    'board.reportEveryMonths': 'OFF',
    'charter.reviewEveryMonths': 'OFF',
  },
  worcestershire: {
    'ladder.reasonRequired': ON(true),
    'briefing.beforeWork': ON(true),
    'meeting.minBookingNoticeDays': 'OFF',
    'meeting.window': 'OFF',
    'meeting.maxDurationMinutes': 'OFF',
    'meeting.avoidSchoolRun': ON(SCHOOL_RUN),
    'meeting.avoidSchoolHolidays': ON(ENGLAND_DEFAULT_SCHOOL_HOLIDAYS),
    'papers.minNoticeDays': ON(7),
    'feedback.ackWorkingDays': ON(10),
    'report.youSaidWeDid': ON(true),
    'board.reportEveryMonths': 'OFF',
    'charter.reviewEveryMonths': 'OFF',
  },
  warrington: {
    'ladder.reasonRequired': ON(true),
    'briefing.beforeWork': ON(true),
    'meeting.minBookingNoticeDays': 'OFF',
    'meeting.window': 'OFF',
    'meeting.maxDurationMinutes': 'OFF',
    'meeting.avoidSchoolRun': ON(SCHOOL_RUN),
    'meeting.avoidSchoolHolidays': 'OFF',
    'papers.minNoticeDays': 'OFF',
    'feedback.ackWorkingDays': 'OFF',
    'report.youSaidWeDid': ON(true),
    'board.reportEveryMonths': 'OFF',
    'charter.reviewEveryMonths': 'OFF',
  },
  hounslow: {
    'ladder.reasonRequired': ON(true),
    'briefing.beforeWork': 'OFF',
    'meeting.minBookingNoticeDays': ON(25),
    'meeting.window': ON({ from: '10:00', to: '14:00' }),
    'meeting.maxDurationMinutes': ON(120),
    'meeting.avoidSchoolRun': 'OFF',
    'meeting.avoidSchoolHolidays': 'OFF',
    'papers.minNoticeDays': ON(7),
    'feedback.ackWorkingDays': 'OFF',
    'report.youSaidWeDid': 'OFF',
    'board.reportEveryMonths': 'OFF',
    'charter.reviewEveryMonths': 'OFF',
  },
};

// DOMAIN.md: the rules it marks "product" for a charter.
const PRODUCT: Record<string, RuleId[]> = {
  wokingham: [],
  'north-northamptonshire': ['ladder.reasonRequired', 'report.youSaidWeDid'],
  worcestershire: [],
  warrington: ['ladder.reasonRequired', 'report.youSaidWeDid'],
  hounslow: ['ladder.reasonRequired'],
};

const MODE_WHEN_SET: Record<RuleId, string> = {
  'ladder.reasonRequired': 'ENFORCED',
  'briefing.beforeWork': 'ENFORCED',
  'meeting.minBookingNoticeDays': 'MONITORED',
  'meeting.window': 'MONITORED',
  'meeting.maxDurationMinutes': 'MONITORED',
  'meeting.avoidSchoolRun': 'MONITORED',
  'meeting.avoidSchoolHolidays': 'MONITORED',
  'papers.minNoticeDays': 'MONITORED',
  'feedback.ackWorkingDays': 'MONITORED',
  'report.youSaidWeDid': 'ENFORCED',
  'board.reportEveryMonths': 'MONITORED',
  'charter.reviewEveryMonths': 'MONITORED',
};

describe('CHARTERS', () => {
  it('holds the five charters, one per seed', () => {
    expect(CHARTERS.map((c) => c.id)).toEqual([
      'wokingham',
      'north-northamptonshire',
      'worcestershire',
      'warrington',
      'hounslow',
    ]);
    expect(CHARTERS.map((c) => c.seedFile.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const charter of CHARTERS) expect(fs.existsSync(path.join(seedsDir(), charter.seedFile))).toBe(true);
  });

  it('lists the rules in DOMAIN.md table order', () => {
    expect(RULE_IDS).toEqual(Object.keys(MODE_WHEN_SET));
  });

  it('names forums and boards as DOMAIN.md does', () => {
    expect(CHARTERS.map((c) => [c.forumName, c.boardName])).toEqual([
      ['SEND Voices Wokingham', 'SEND Improvement Board (SIB)'],
      ['North Northamptonshire Parent Forum Group', 'SEND Accountability Board'],
      ['Families in Partnership (FiP)', 'SEND Improvement Board'],
      ['Warrington Parents and Carers (WarrPAC)', 'SEND Strategy Group'],
      [null, null],
    ]);
  });

  describe.each(CHARTERS.map((c) => [c.id, c] as [string, CharterProfile]))('%s', (id, charter) => {
    it('is a sound profile', () => {
      expect(validateCharterProfile(charter)).toEqual([]);
    });

    it('has all twelve rules, in RULE_IDS order', () => {
      expect(charter.rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    });

    it('has value null exactly when a rule is OFF', () => {
      for (const rule of charter.rules) expect(rule.mode === 'OFF').toBe(rule.value === null);
    });

    it.each([...RULE_IDS])('sets %s as DOMAIN.md says', (ruleId) => {
      const rule = ruleOf(charter, ruleId);
      const expected = TABLE[id][ruleId];
      if (expected === 'OFF') {
        expect(rule).toMatchObject({ mode: 'OFF', value: null, source: NOT_SET });
        expect(ruleValue(charter, ruleId)).toBeNull();
      } else {
        expect(rule.mode).toBe(MODE_WHEN_SET[ruleId]);
        expect(rule.value).toEqual(expected.value);
        expect(ruleValue(charter, ruleId)).toEqual(expected.value);
        expect(rule.source === PRODUCT_RULE).toBe(PRODUCT[id].includes(ruleId));
      }
    });

    it("quotes the seed's own words for every rule the charter sets itself", () => {
      const seed = normalise(fs.readFileSync(path.join(seedsDir(), charter.seedFile), 'utf8'));
      const quoted = charter.rules.filter((r) => r.mode !== 'OFF' && r.source !== PRODUCT_RULE);
      const set = Object.values(TABLE[id]).filter((e) => e !== 'OFF').length;
      expect(quoted).toHaveLength(set - PRODUCT[id].length);
      for (const rule of quoted) {
        const match = QUOTED_SOURCE.exec(rule.source);
        expect(match).not.toBeNull();
        expect(match?.[1]).toBe(charter.seedFile.slice(0, 3));
        const words = normalise(match?.[2] ?? '');
        expect(words.length).toBeGreaterThan(20);
        if (!seed.includes(words))
          throw new Error(`${rule.id}: not found in ${charter.seedFile}: "${words}"`);
      }
    });

    it('explains itself in plain English, with every abbreviation explained', () => {
      expect(unexplainedAbbreviations(charter.name)).toEqual([]);
      for (const rule of charter.rules) {
        expect(rule.description.length).toBeGreaterThan(30);
        expect({ rule: rule.id, unexplained: unexplainedAbbreviations(rule.description) }).toEqual({
          rule: rule.id,
          unexplained: [],
        });
      }
    });

    it('cannot be changed by accident', () => {
      expect(Object.isFrozen(charter)).toBe(true);
      expect(Object.isFrozen(charter.rules[0])).toBe(true);
      expect(() => {
        (charter.rules as unknown as unknown[]).push({});
      }).toThrow(TypeError);
    });
  });

  it('puts the values in the descriptions', () => {
    const hounslow = findCharter('hounslow') as CharterProfile;
    expect(ruleOf(hounslow, 'meeting.minBookingNoticeDays').description).toContain('at least 25 days');
    expect(ruleOf(hounslow, 'meeting.window').description).toContain(
      'no earlier than 10:00 and finish by 14:00',
    );
    expect(ruleOf(hounslow, 'meeting.maxDurationMinutes').description).toContain('no longer than 2 hours');
    const worcestershire = findCharter('worcestershire') as CharterProfile;
    expect(ruleOf(worcestershire, 'feedback.ackWorkingDays').description).toContain('within 10 working days');
    expect(ruleOf(worcestershire, 'meeting.avoidSchoolRun').description).toContain(
      '08:00 to 09:30 and 14:30 to 16:00',
    );
    expect(ruleOf(worcestershire, 'meeting.avoidSchoolHolidays').description).toContain(
      "the service's default school holidays for England",
    );
    expect(
      ruleOf(findCharter('wokingham') as CharterProfile, 'board.reportEveryMonths').description,
    ).toContain('every 6 months');
  });
});

describe('findCharter and ruleOf', () => {
  it('finds by id, and only by id', () => {
    expect(findCharter('worcestershire')?.seedFile).toBe('002_3d57e20bf64d8655.txt');
    expect(findCharter('Worcestershire')).toBeUndefined();
    expect(findCharter('nowhere')).toBeUndefined();
  });

  it('refuses a rule the profile lacks', () => {
    const broken = { ...CHARTERS[0], rules: [] };
    expect(() => ruleOf(broken, 'meeting.window')).toThrow(/has no rule meeting.window/);
  });
});

describe('validateCharterProfile', () => {
  const hounslow = findCharter('hounslow') as CharterProfile;
  const withRule = (id: RuleId, change: object): CharterProfile => ({
    ...hounslow,
    rules: hounslow.rules.map((r) => (r.id === id ? { ...r, ...change } : r)),
  });

  it.each([
    [
      'a missing rule',
      { ...hounslow, rules: hounslow.rules.slice(1) },
      'rule 1 should be ladder.reasonRequired',
    ],
    ['rules out of order', { ...hounslow, rules: [...hounslow.rules].reverse() }, 'rule 1 should be'],
    ['an OFF rule with a value', withRule('briefing.beforeWork', { value: true }), 'value must be null'],
    ['an ON rule without a value', withRule('meeting.window', { value: null }), 'wrong shape'],
    [
      'a window the wrong way round',
      withRule('meeting.window', { value: { from: '14:00', to: '10:00' } }),
      'wrong shape',
    ],
    ['a fractional number of days', withRule('papers.minNoticeDays', { value: 7.5 }), 'wrong shape'],
    [
      'a structural rule MONITORED',
      withRule('ladder.reasonRequired', { mode: 'MONITORED' }),
      'cannot be MONITORED',
    ],
    [
      'a deadline rule ENFORCED',
      withRule('papers.minNoticeDays', { mode: 'ENFORCED' }),
      'cannot be ENFORCED',
    ],
    [
      'a source without a quote',
      withRule('meeting.window', { source: 'the charter says so' }),
      'needs a source',
    ],
    [
      'a quote from another seed',
      withRule('meeting.window', { source: '002: "some words"' }),
      'quotes seed 002',
    ],
    [
      'unsorted school holidays',
      withRule('meeting.avoidSchoolHolidays', {
        mode: 'MONITORED',
        source: PRODUCT_RULE,
        value: [
          { from: '2027-04-01', to: '2027-04-10' },
          { from: '2027-02-01', to: '2027-02-05' },
        ],
      }),
      'wrong shape',
    ],
  ])('finds %s', (_label, profile, problem) => {
    const problems = validateCharterProfile(profile as CharterProfile);
    expect(problems.join('\n')).toContain(problem);
  });

  it('accepts a new charter with its own local term dates', () => {
    const local = withRule('meeting.avoidSchoolHolidays', {
      mode: 'MONITORED',
      source: PRODUCT_RULE,
      value: [
        { from: '2027-02-13', to: '2027-02-21' },
        { from: '2027-03-27', to: '2027-04-11' },
      ],
    });
    expect(validateCharterProfile(local)).toEqual([]);
  });
});
