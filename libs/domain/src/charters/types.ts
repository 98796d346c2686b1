// The shape of a charter profile: one setting per rule of DOMAIN.md's table.

export const RULE_MODES = ['ENFORCED', 'MONITORED', 'OFF'] as const;
export type RuleMode = (typeof RULE_MODES)[number];

/** Every rule, in DOMAIN.md's table order: the order rules are listed and checked in. */
export const RULE_IDS = Object.freeze([
  'ladder.reasonRequired',
  'briefing.beforeWork',
  'meeting.minBookingNoticeDays',
  'meeting.window',
  'meeting.maxDurationMinutes',
  'meeting.avoidSchoolRun',
  'meeting.avoidSchoolHolidays',
  'papers.minNoticeDays',
  'feedback.ackWorkingDays',
  'report.youSaidWeDid',
  'board.reportEveryMonths',
  'charter.reviewEveryMonths',
] as const);
export type RuleId = (typeof RULE_IDS)[number];

/** A time range on a London clock, "HH:MM" to "HH:MM" (the end is exclusive for overlaps). */
export interface TimeRange {
  from: string;
  to: string;
}

/** A range of London calendar days, "YYYY-MM-DD" to "YYYY-MM-DD", both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** The type of each rule's `value` when the rule is on (it is null when OFF). */
export interface RuleValues {
  'ladder.reasonRequired': true;
  'briefing.beforeWork': true;
  'meeting.minBookingNoticeDays': number;
  'meeting.window': TimeRange;
  'meeting.maxDurationMinutes': number;
  'meeting.avoidSchoolRun': TimeRange[];
  'meeting.avoidSchoolHolidays': DateRange[];
  'papers.minNoticeDays': number;
  'feedback.ackWorkingDays': number;
  'report.youSaidWeDid': true;
  'board.reportEveryMonths': number;
  'charter.reviewEveryMonths': number;
}

export interface CharterRule {
  id: RuleId;
  /** What the rule means, in plain English for parent carers. */
  description: string;
  mode: RuleMode;
  /** JSON of the shape RuleValues gives for the rule; null when OFF. */
  value: unknown;
  /** The charter's own words (`002: "..."`), or `product rule`, or `not set by this charter`. */
  source: string;
}

export interface CharterProfile {
  /** e.g. 'worcestershire' */
  id: string;
  /** The local area's name for its charter. */
  name: string;
  /** The parent carer forum, when the charter names one. */
  forumName: string | null;
  /** The board the charter reports to, when it names one. */
  boardName: string | null;
  /** The seed file the profile was built from, e.g. '002_3d57e20bf64d8655.txt'. */
  seedFile: string;
  /** All twelve rules, in RULE_IDS order. */
  rules: CharterRule[];
}
