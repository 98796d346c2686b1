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
const OFF = 'OFF';
type Expected = ReturnType<typeof ON> | typeof OFF;

/** The charters in the order of DOMAIN.md's table columns (and of the seeds). */
const CHARTER_COLUMNS = ['wokingham', 'north-northamptonshire', 'worcestershire', 'warrington', 'hounslow'];

// DOMAIN.md's table, a row per rule in its order: the mode the rule has wherever it is set, then a
// column per charter in CHARTER_COLUMNS order (ON(value) where the charter sets it, OFF where not).
const TABLE: Record<RuleId, [modeWhenSet: string, ...byCharter: Expected[]]> = {
  'ladder.reasonRequired': ['ENFORCED', ON(true), ON(true), ON(true), ON(true), ON(true)],
  'briefing.beforeWork': ['ENFORCED', OFF, OFF, ON(true), ON(true), OFF],
  'meeting.minBookingNoticeDays': ['MONITORED', OFF, OFF, OFF, OFF, ON(25)],
  'meeting.window': ['MONITORED', OFF, OFF, OFF, OFF, ON({ from: '10:00', to: '14:00' })],
  'meeting.maxDurationMinutes': ['MONITORED', OFF, OFF, OFF, OFF, ON(120)],
  'meeting.avoidSchoolRun': ['MONITORED', OFF, OFF, ON(SCHOOL_RUN), ON(SCHOOL_RUN), OFF],
  'meeting.avoidSchoolHolidays': ['MONITORED', OFF, OFF, ON(ENGLAND_DEFAULT_SCHOOL_HOLIDAYS), OFF, OFF],
  'papers.minNoticeDays': ['MONITORED', OFF, OFF, ON(7), OFF, ON(7)],
  'feedback.ackWorkingDays': ['MONITORED', OFF, OFF, ON(10), OFF, OFF],
  'report.youSaidWeDid': ['ENFORCED', ON(true), ON(true), ON(true), ON(true), OFF],
  'board.reportEveryMonths': ['MONITORED', ON(6), OFF, OFF, OFF, OFF],
  'charter.reviewEveryMonths': ['MONITORED', ON(6), OFF, OFF, OFF, OFF],
};
const expectedIn = (charterId: string, ruleId: RuleId): Expected => {
  const [, ...byCharter] = TABLE[ruleId];
  return byCharter[CHARTER_COLUMNS.indexOf(charterId)];
};

// DOMAIN.md: the rules it marks "product" for a charter.
const PRODUCT: Record<string, RuleId[]> = {
  wokingham: [],
  'north-northamptonshire': ['ladder.reasonRequired', 'report.youSaidWeDid'],
  worcestershire: [],
  warrington: ['ladder.reasonRequired', 'report.youSaidWeDid'],
  hounslow: ['ladder.reasonRequired'],
};

describe('CHARTERS', () => {
  it('holds the five charters, one per seed', () => {
    expect(CHARTERS.map((c) => c.id)).toEqual(CHARTER_COLUMNS);
    expect(CHARTERS.map((c) => c.seedFile.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const charter of CHARTERS) expect(fs.existsSync(path.join(seedsDir(), charter.seedFile))).toBe(true);
  });

  it('lists the rules in DOMAIN.md table order', () => {
    expect(RULE_IDS).toEqual(Object.keys(TABLE));
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
      const expected = expectedIn(id, ruleId);
      if (expected === OFF) {
        expect(rule).toMatchObject({ mode: 'OFF', value: null, source: NOT_SET });
        expect(ruleValue(charter, ruleId)).toBeNull();
      } else {
        expect(rule.mode).toBe(TABLE[ruleId][0]);
        expect(rule.value).toEqual(expected.value);
        expect(ruleValue(charter, ruleId)).toEqual(expected.value);
        expect(rule.source === PRODUCT_RULE).toBe(PRODUCT[id].includes(ruleId));
      }
    });

    it("quotes the seed's own words for every rule the charter sets itself", () => {
      const seed = normalise(fs.readFileSync(path.join(seedsDir(), charter.seedFile), 'utf8'));
      const quoted = charter.rules.filter((r) => r.mode !== 'OFF' && r.source !== PRODUCT_RULE);
      const set = RULE_IDS.filter((ruleId) => expectedIn(id, ruleId) !== OFF).length;
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

  // The school-holidays rule turned on, as a new charter would, with these dates.
  const termDates = (...value: { from: string; to: string }[]) => ({
    mode: 'MONITORED',
    source: PRODUCT_RULE,
    value,
  });
  const BACKWARDS = { from: '14:00', to: '10:00' };
  const findsProblem = (profile: CharterProfile, problem: string) =>
    expect(validateCharterProfile(profile).join('\n')).toContain(problem);

  it.each([
    ['a missing rule', hounslow.rules.slice(1), 'rule 1 should be ladder.reasonRequired'],
    ['rules out of order', [...hounslow.rules].reverse(), 'rule 1 should be'],
  ])('finds %s', (_label, rules, problem) => findsProblem({ ...hounslow, rules }, problem));

  it.each<[string, RuleId, object, string]>([
    ['an OFF rule with a value', 'briefing.beforeWork', { value: true }, 'value must be null'],
    ['an ON rule without a value', 'meeting.window', { value: null }, 'wrong shape'],
    ['a window the wrong way round', 'meeting.window', { value: BACKWARDS }, 'wrong shape'],
    ['a fractional number of days', 'papers.minNoticeDays', { value: 7.5 }, 'wrong shape'],
    ['a structural rule MONITORED', 'ladder.reasonRequired', { mode: 'MONITORED' }, 'cannot be MONITORED'],
    ['a deadline rule ENFORCED', 'papers.minNoticeDays', { mode: 'ENFORCED' }, 'cannot be ENFORCED'],
    ['a source without a quote', 'meeting.window', { source: 'the charter says so' }, 'needs a source'],
    ['a quote from another seed', 'meeting.window', { source: '002: "some words"' }, 'quotes seed 002'],
    [
      'unsorted school holidays',
      'meeting.avoidSchoolHolidays',
      termDates({ from: '2027-04-01', to: '2027-04-10' }, { from: '2027-02-01', to: '2027-02-05' }),
      'wrong shape',
    ],
  ])('finds %s', (_label, id, change, problem) => findsProblem(withRule(id, change), problem));

  it('accepts a new charter with its own local term dates', () => {
    const local = withRule(
      'meeting.avoidSchoolHolidays',
      termDates({ from: '2027-02-13', to: '2027-02-21' }, { from: '2027-03-27', to: '2027-04-11' }),
    );
    expect(validateCharterProfile(local)).toEqual([]);
  });
});
