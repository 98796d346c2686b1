// What each rule of DOMAIN.md's table is: which modes it may take, what its value looks
// like, and how it is explained to parent carers. Profiles (profiles.ts) are data built with
// the helpers here, and validateCharterProfile checks a profile, including a new one.
import { plural } from '../plain-english/plural';
import { formatDuration, formatLongDate, isValidIsoDate, isValidTimeOfDay, minutesOfTime } from '../calendar';
import { isEnglandDefault } from './school-holidays';
import {
  RULE_IDS,
  type CharterProfile,
  type CharterRule,
  type DateRange,
  type RuleId,
  type RuleMode,
  type RuleValues,
  type TimeRange,
} from './types';

export const PRODUCT_RULE = 'product rule';
export const NOT_SET = 'not set by this charter';

/** School drop-off and pick-up times on weekdays, London time (a product default). */
export const DEFAULT_SCHOOL_RUN_TIMES: readonly TimeRange[] = Object.freeze([
  Object.freeze({ from: '08:00', to: '09:30' }),
  Object.freeze({ from: '14:30', to: '16:00' }),
]);

/**
 * How a rule behaves when it is not OFF:
 * - structural: a step is refused until it is done (ENFORCED only);
 * - booking: checked when a meeting is booked (ENFORCED refuses; MONITORED refuses unless a reason is given);
 * - deadline: a deadline that, when missed, records a breach (MONITORED only);
 * - board: shown to the board, not checked project by project (MONITORED only).
 */
export type RuleKind = 'structural' | 'booking' | 'deadline' | 'board';

interface RuleDefinition<K extends RuleId> {
  kind: RuleKind;
  /** The mode DOMAIN.md gives the rule when a charter sets it. */
  modeWhenSet: Exclude<RuleMode, 'OFF'>;
  isValue(value: unknown): value is RuleValues[K];
  describe(value: RuleValues[K]): string;
  off: string;
}

const isWholeNumber =
  (min: number) =>
  (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= min;
const isTrue = (value: unknown): value is true => value === true;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k) => own.includes(k));
}

/** A {"from":"HH:MM","to":"HH:MM"} range with `from` before `to`. */
export function isTimeRange(value: unknown): value is TimeRange {
  return (
    isObject(value) &&
    hasOnlyKeys(value, ['from', 'to']) &&
    isValidTimeOfDay(value.from) &&
    isValidTimeOfDay(value.to) &&
    minutesOfTime(value.from) < minutesOfTime(value.to)
  );
}

/** A {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"} range with `from` on or before `to`. */
export function isDateRange(value: unknown): value is DateRange {
  return (
    isObject(value) &&
    hasOnlyKeys(value, ['from', 'to']) &&
    isValidIsoDate(value.from) &&
    isValidIsoDate(value.to) &&
    value.from <= value.to
  );
}

/** A list of ranges sorted by start, none overlapping the next. */
function isSortedList<T extends { from: string; to: string }>(
  value: unknown,
  isItem: (item: unknown) => item is T,
  allowEmpty: boolean,
): value is T[] {
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0) || !value.every(isItem)) return false;
  return value.every((range: T, i) => i === 0 || (value[i - 1] as T).to < range.from);
}

const times = (ranges: readonly TimeRange[]) => ranges.map((r) => `${r.from} to ${r.to}`).join(' and ');
const sameRanges = (a: readonly { from: string; to: string }[], b: readonly { from: string; to: string }[]) =>
  a.length === b.length && a.every((r, i) => r.from === b[i].from && r.to === b[i].to);

const BOOKING_MONITORED =
  'A meeting that breaks this rule can only be booked if a reason is given, and that is recorded as a breach of the charter for the board to see.';
const DEADLINE_MONITORED =
  'If this is late, the work still goes ahead, and the lateness is recorded as a breach of the charter for the board to see.';
const BOARD_ONLY = 'This is shown for the board; it is not checked project by project.';

const DEFINITIONS: { [K in RuleId]: RuleDefinition<K> } = {
  'ladder.reasonRequired': {
    kind: 'structural',
    modeWhenSet: 'ENFORCED',
    isValue: isTrue,
    describe: () =>
      'At the start of each project, the level of participation (information only, consultation, partnership or co-production) is agreed with the parent carer side, and the reasons for choosing it must be given. Changing the level later also needs a reason.',
    off: 'This charter does not ask for reasons to be given for the level of participation, so a reason is welcome but not required.',
  },
  'briefing.beforeWork': {
    kind: 'structural',
    modeWhenSet: 'ENFORCED',
    isValue: isTrue,
    describe: () =>
      "Before work starts on a project run as a partnership or as co-production, the partner's key contact must brief at least one parent carer representative, in plain English and without assuming any knowledge of the topic. The project cannot move on to meetings until this briefing is recorded.",
    off: 'This charter does not require parent carer representatives to be briefed before work starts, so this is not checked.',
  },
  'meeting.minBookingNoticeDays': {
    kind: 'booking',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (days) => `Meetings must be booked at least ${plural(days, 'day')} before they take place.`,
    off: 'This charter does not set how far ahead meetings must be booked, so this is not checked.',
  },
  'meeting.window': {
    kind: 'booking',
    modeWhenSet: 'MONITORED',
    isValue: isTimeRange,
    describe: (window) =>
      `Meetings must start no earlier than ${window.from} and finish by ${window.to}, London time, so that parent carers can fit them around the school day.`,
    off: 'This charter does not set the hours of the day when meetings may take place, so this is not checked.',
  },
  'meeting.maxDurationMinutes': {
    kind: 'booking',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (minutes) => `Meetings must last no longer than ${formatDuration(minutes)}.`,
    off: 'This charter does not set a longest length for meetings, so this is not checked.',
  },
  'meeting.avoidSchoolRun': {
    kind: 'booking',
    modeWhenSet: 'MONITORED',
    isValue: (value): value is TimeRange[] => isSortedList(value, isTimeRange, false),
    describe: (ranges) =>
      `On school days (Monday to Friday, outside school holidays and bank holidays), meetings must not overlap the times when parent carers take children to school or collect them: ${times(ranges)}, London time.` +
      (sameRanges(ranges, DEFAULT_SCHOOL_RUN_TIMES)
        ? " These times are the service's default; the local area can set its own."
        : ''),
    off: 'This charter does not ask for meetings to avoid school drop-off and pick-up times, so this is not checked.',
  },
  'meeting.avoidSchoolHolidays': {
    kind: 'booking',
    modeWhenSet: 'MONITORED',
    isValue: (value): value is DateRange[] => isSortedList(value, isDateRange, false),
    describe: (ranges) =>
      `Meetings should not take place during school holidays. ${plural(ranges.length, 'holiday period')} ${ranges.length === 1 ? 'is' : 'are'} listed, from ${formatLongDate(ranges[0].from)} to ${formatLongDate(ranges[ranges.length - 1].to)}.` +
      (isEnglandDefault(ranges)
        ? " These are the service's default school holidays for England, and later years are worked out the same way; the local area can replace them with its own term dates."
        : ' Meetings after the last listed day can only be booked once the local term dates for then are added, or with a reason.'),
    off: 'This charter does not ask for meetings to avoid school holidays, so this is not checked.',
  },
  'papers.minNoticeDays': {
    kind: 'deadline',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (days) =>
      `The agenda and papers for a meeting must be sent out at least ${plural(days, 'day')} before the meeting.`,
    off: 'This charter does not set how long before a meeting the agenda and papers must be sent out, so this is not checked.',
  },
  'feedback.ackWorkingDays': {
    kind: 'deadline',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (days) =>
      `Feedback must be acknowledged within ${plural(days, 'working day')} of the date the feedback closed. Weekends and bank holidays in England and Wales are not working days. Each person who responded is told individually.`,
    off: 'This charter does not set a deadline for acknowledging feedback, so a late acknowledgement is not recorded as a breach. The service still shows a target of 10 working days after the feedback closes.',
  },
  'report.youSaidWeDid': {
    kind: 'structural',
    modeWhenSet: 'ENFORCED',
    isValue: isTrue,
    describe: () =>
      'At the end of the project, a "You said, we did" report must answer every piece of feedback: what people said, and what was done about it or why not. It is shared with the people who responded and with the board. The project cannot be closed without it.',
    off: 'This charter does not require a "You said, we did" report answering every piece of feedback, so this is not checked.',
  },
  'board.reportEveryMonths': {
    kind: 'board',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (months) =>
      `Partners report to the board at least every ${plural(months, 'month')} on how co-production is going, including when it could not take place and why.`,
    off: 'This charter does not set how often partners report to the board.',
  },
  'charter.reviewEveryMonths': {
    kind: 'board',
    modeWhenSet: 'MONITORED',
    isValue: isWholeNumber(1),
    describe: (months) => `The charter itself is reviewed every ${plural(months, 'month')}.`,
    off: 'This charter does not set how often it is reviewed.',
  },
};

/** How a rule behaves when on (see RuleKind). */
export function ruleKind(id: RuleId): RuleKind {
  return DEFINITIONS[id].kind;
}

const MODE_SENTENCE: Record<RuleKind, Partial<Record<RuleMode, string>>> = {
  structural: {},
  booking: { MONITORED: BOOKING_MONITORED, ENFORCED: 'A meeting that breaks this rule cannot be booked.' },
  deadline: { MONITORED: DEADLINE_MONITORED },
  board: { MONITORED: BOARD_ONLY },
};

/** The plain-English description of a rule with a given mode and value. */
export function describeRule<K extends RuleId>(id: K, mode: RuleMode, value: RuleValues[K] | null): string {
  const definition = DEFINITIONS[id] as RuleDefinition<K>;
  if (mode === 'OFF' || value === null) return definition.off;
  const sentence = MODE_SENTENCE[definition.kind][mode];
  return sentence ? `${definition.describe(value)} ${sentence}` : definition.describe(value);
}

/** A rule the charter sets, in the mode DOMAIN.md gives it; `source` quotes the charter or says `product rule`. */
export function ruleOn<K extends RuleId>(id: K, value: RuleValues[K], source: string): CharterRule {
  const mode = DEFINITIONS[id].modeWhenSet;
  return { id, description: describeRule(id, mode, value), mode, value, source };
}

/** A rule the charter does not set: OFF, value null. */
export function ruleOff(id: RuleId): CharterRule {
  return { id, description: describeRule(id, 'OFF', null), mode: 'OFF', value: null, source: NOT_SET };
}

const ALLOWED_MODES: Record<RuleKind, readonly RuleMode[]> = {
  structural: ['ENFORCED', 'OFF'],
  booking: ['ENFORCED', 'MONITORED', 'OFF'],
  deadline: ['MONITORED', 'OFF'],
  board: ['MONITORED', 'OFF'],
};

/** A `source` that quotes a seed: `NNN: "the words"`, optionally followed by a note in brackets. */
export const QUOTED_SOURCE = /^(\d{3}): "(.+)"(?: \([^()]*\))?$/s;

/**
 * Problems with a charter profile, in plain English (an empty list when it is sound): all
 * twelve rules in RULE_IDS order, a mode each rule may take, value null exactly when OFF and
 * otherwise of the rule's shape, and a source of the right form.
 */
export function validateCharterProfile(profile: CharterProfile): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(profile.id))
    problems.push(`id "${profile.id}" is not a lower-case slug`);
  if (!profile.name.trim()) problems.push('name is empty');
  if (profile.rules.length !== RULE_IDS.length)
    problems.push(`has ${profile.rules.length} rules, not ${RULE_IDS.length}`);
  RULE_IDS.forEach((id, i) => {
    const rule = profile.rules[i];
    if (!rule || rule.id !== id) {
      problems.push(`rule ${i + 1} should be ${id}, not ${rule?.id ?? 'missing'}`);
      return;
    }
    const definition = DEFINITIONS[id] as RuleDefinition<RuleId>;
    if (!ALLOWED_MODES[definition.kind].includes(rule.mode)) problems.push(`${id} cannot be ${rule.mode}`);
    if (rule.mode === 'OFF') {
      if (rule.value !== null) problems.push(`${id} is OFF, so its value must be null`);
      if (rule.source !== NOT_SET) problems.push(`${id} is OFF, so its source must be "${NOT_SET}"`);
    } else {
      if (!definition.isValue(rule.value)) problems.push(`${id} has a value of the wrong shape`);
      const quoted = QUOTED_SOURCE.exec(rule.source);
      if (rule.source !== PRODUCT_RULE && !quoted)
        problems.push(`${id} needs a source quoting the charter (NNN: "...") or "${PRODUCT_RULE}"`);
      if (quoted && quoted[1] !== profile.seedFile.slice(0, 3))
        problems.push(`${id} quotes seed ${quoted[1]}, but the profile is built from ${profile.seedFile}`);
    }
    if (!rule.description.trim()) problems.push(`${id} has no description`);
  });
  return problems;
}
