// A charter's meeting-time rules, and the deadlines that follow from a meeting or a feedback
// window, on the Europe/London clock. Pure: the workflow passes its own `now`.
import { plural } from '../plain-english/plural';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  isBankHoliday,
  formatDuration,
  formatLondonInstant,
  formatLongDate,
  londonDateOf,
  londonInstant,
  londonWallClock,
  minutesOfTime,
  MS_PER_DAY,
  MS_PER_MINUTE,
  startOfLondonDay,
  weekdayOf,
  type IsoDate,
} from '../calendar';
import { ruleOf, ruleValue } from './profiles';
import { ENGLAND_DEFAULT_SCHOOL_HOLIDAYS, schoolHolidayOn } from './school-holidays';
import {
  RULE_IDS,
  type CharterProfile,
  type DateRange,
  type RuleId,
  type RuleValues,
  type TimeRange,
} from './types';

export interface MeetingProposal {
  startsAt: Date;
  durationMinutes: number;
}

export interface RuleViolation {
  rule: RuleId;
  mode: 'ENFORCED' | 'MONITORED';
  /** Plain English: what the rule asks, what is wrong, and what to do. */
  detail: string;
  /** Plain English, for the board: what happened (recorded as the breach's detail when it goes ahead). */
  happened: string;
}

/** The meeting rules, in RULE_IDS order (the order they are checked and reported in). */
export const MEETING_RULE_IDS: readonly RuleId[] = RULE_IDS.filter((id) => id.startsWith('meeting.'));

/** Working days allowed for acknowledging feedback when a charter sets none (a product default). */
export const DEFAULT_ACK_WORKING_DAYS = 10;

interface Meeting {
  start: Date;
  end: Date;
  durationMinutes: number;
}

type MeetingRuleId =
  | 'meeting.minBookingNoticeDays'
  | 'meeting.window'
  | 'meeting.maxDurationMinutes'
  | 'meeting.avoidSchoolRun'
  | 'meeting.avoidSchoolHolidays';

interface CheckContext {
  now: Date;
  /** The school holidays that apply: the charter's own list, or the England default when it sets none. */
  schoolHolidays: readonly DateRange[];
}

/** A broken rule: what is wrong and what to do (for the lead), and what happened (for the board). */
interface Problem {
  detail: string;
  happened: string;
}

type Check<K extends MeetingRuleId> = (
  value: RuleValues[K],
  meeting: Meeting,
  context: CheckContext,
) => Problem | null;

/** The London days a meeting touches, first to last. */
function londonDaysOf(meeting: Meeting): IsoDate[] {
  const first = londonDateOf(meeting.start);
  const last = londonDateOf(new Date(Math.max(meeting.start.getTime(), meeting.end.getTime() - 1)));
  const days = [first];
  while (days[days.length - 1] < last) days.push(addDays(days[days.length - 1], 1));
  return days;
}

function timesOf(meeting: Meeting): string {
  const start = londonWallClock(meeting.start);
  const end = londonWallClock(meeting.end);
  const endText = end.date === start.date ? end.time : `${end.time} on ${formatLongDate(end.date)}`;
  return `${formatLongDate(start.date)} from ${start.time} to ${endText}`;
}

/**
 * The earliest instant a meeting may start when booked at `now` with `days` of notice:
 * the same London clock time `days` calendar days later (charters count days on the
 * calendar, so a clock change in between neither adds nor takes away an hour).
 */
function noticeEnds(now: Date, days: number): Date {
  const clock = londonWallClock(now);
  const withinMinute = now.getTime() % MS_PER_MINUTE;
  return new Date(londonInstant(addDays(clock.date, days), clock.time).getTime() + withinMinute);
}

/** Whole calendar days from `now` to `start` on the London clock, as noticeEnds counts them. */
function calendarDaysAhead(now: Date, start: Date): number {
  let days = daysBetween(londonDateOf(now), londonDateOf(start));
  while (days > 0 && noticeEnds(now, days).getTime() > start.getTime()) days -= 1;
  return days;
}

/** A school day: Monday to Friday, not a bank holiday, not in a (known) school holiday. */
function isSchoolDay(day: IsoDate, holidays: readonly DateRange[]): boolean {
  const weekday = weekdayOf(day);
  if (weekday === 0 || weekday === 6 || isBankHoliday(day)) return false;
  const holiday = schoolHolidayOn(holidays, day);
  return holiday === null || holiday === 'unknown';
}

const CHECKS: { [K in MeetingRuleId]: Check<K> } = {
  'meeting.minBookingNoticeDays'(days, meeting, { now }) {
    const earliest = noticeEnds(now, days);
    if (meeting.start.getTime() >= earliest.getTime()) return null;
    const ahead = meeting.start.getTime() - now.getTime();
    const aheadText =
      ahead <= 0
        ? 'this one starts in the past'
        : calendarDaysAhead(now, meeting.start) < 1
          ? 'this one is less than a day ahead'
          : `this one is only ${plural(calendarDaysAhead(now, meeting.start), 'day')} ahead`;
    return {
      detail: `Meetings must be booked at least ${plural(days, 'day')} before they take place, and ${aheadText}. Choose a start on or after ${formatLondonInstant(earliest)} (London time).`,
      happened: `The meeting on ${timesOf(meeting)} was booked on ${formatLondonInstant(now)}, ${ahead <= 0 ? 'after it had started' : `${plural(Math.max(0, calendarDaysAhead(now, meeting.start)), 'day')} ahead`}; the charter asks for at least ${plural(days, 'day')}.`,
    };
  },

  'meeting.window'(window, meeting) {
    // Compared as instants (to the millisecond) against the window on the meeting's London day,
    // so a meeting that runs past midnight never fits.
    const day = londonDateOf(meeting.start);
    const opens = londonInstant(day, window.from).getTime();
    const closes = londonInstant(day, window.to).getTime();
    if (meeting.start.getTime() >= opens && meeting.end.getTime() <= closes) return null;
    const from = minutesOfTime(window.from);
    const to = minutesOfTime(window.to);
    const tooLong =
      meeting.durationMinutes > to - from
        ? ` It is also longer than the ${formatDuration(to - from)} between those times, so shorten it.`
        : '';
    return {
      detail: `Meetings must start no earlier than ${window.from} and finish by ${window.to}, London time; this one is on ${timesOf(meeting)}. Move it so that it starts at ${window.from} or later and ends by ${window.to}.${tooLong}`,
      happened: `The meeting on ${timesOf(meeting)} (London time) is outside the charter's hours of ${window.from} to ${window.to}.`,
    };
  },

  'meeting.maxDurationMinutes'(maxMinutes, meeting) {
    if (meeting.durationMinutes <= maxMinutes) return null;
    return {
      detail: `Meetings must last no longer than ${formatDuration(maxMinutes)}; this one is planned to last ${formatDuration(meeting.durationMinutes)}. Shorten it, or split the work across more than one meeting.`,
      happened: `The meeting on ${timesOf(meeting)} was booked to last ${formatDuration(meeting.durationMinutes)}; the charter asks for no longer than ${formatDuration(maxMinutes)}.`,
    };
  },

  'meeting.avoidSchoolRun'(ranges, meeting, { schoolHolidays }) {
    // No school run on weekends, bank holidays or in school holidays.
    const clashes: TimeRange[] = [];
    for (const day of londonDaysOf(meeting)) {
      if (!isSchoolDay(day, schoolHolidays)) continue;
      for (const range of ranges) {
        const rangeStart = londonInstant(day, range.from).getTime();
        const rangeEnd = londonInstant(day, range.to).getTime();
        const overlaps = meeting.start.getTime() < rangeEnd && meeting.end.getTime() > rangeStart;
        if (overlaps && !clashes.includes(range)) clashes.push(range);
      }
    }
    if (clashes.length === 0) return null;
    const all = ranges.map((r) => `${r.from} to ${r.to}`).join(' and ');
    const gaps = ranges.slice(1).map((r, i) => `${ranges[i].to} and ${r.from}`);
    const example = gaps.length > 0 ? `, for example between ${gaps.join(' or between ')}` : '';
    const overlapped = clashes.map((r) => `${r.from} to ${r.to}`).join(' and ');
    return {
      detail: `On school days, meetings must not overlap the times when parent carers take children to school or collect them (${all}, London time); this one is on ${timesOf(meeting)}, which overlaps ${overlapped}. Move it to a time outside these${example}.`,
      happened: `The meeting on ${timesOf(meeting)} (London time) overlaps the school run, ${overlapped}.`,
    };
  },

  'meeting.avoidSchoolHolidays'(ranges, meeting) {
    const days = londonDaysOf(meeting);
    const unknown = days.find((day) => schoolHolidayOn(ranges, day) === 'unknown');
    if (unknown) {
      const last = ranges[ranges.length - 1].to;
      return {
        detail: `The school holiday dates for this charter are listed only up to ${formatLongDate(last)}, so it cannot be checked whether ${formatLongDate(unknown)} is in a school holiday. Choose a day on or before ${formatLongDate(last)}, or ask for the local term dates after that to be added.`,
        happened: `The meeting on ${formatLongDate(unknown)} is after the last listed school holiday date (${formatLongDate(last)}), so it could not be checked against the school holidays.`,
      };
    }
    let clash: { day: IsoDate; range: DateRange } | undefined;
    for (const day of days) {
      const range = schoolHolidayOn(ranges, day);
      if (range && range !== 'unknown') {
        clash = { day, range };
        break;
      }
    }
    if (!clash) return null;
    let suggestion = addDays(clash.range.to, 1);
    for (let tries = 0; tries < 366; tries += 1) {
      const weekday = weekdayOf(suggestion);
      const holiday = schoolHolidayOn(ranges, suggestion);
      if (holiday && holiday !== 'unknown') suggestion = addDays(holiday.to, 1);
      else if (weekday === 0 || weekday === 6 || isBankHoliday(suggestion))
        suggestion = addDays(suggestion, 1);
      else break;
    }
    return {
      detail: `Meetings should not take place in school holidays, and ${formatLongDate(clash.day)} is in the school holiday from ${formatLongDate(clash.range.from)} to ${formatLongDate(clash.range.to)}. Choose a day in term time, for example ${formatLongDate(suggestion)}.`,
      happened: `The meeting on ${formatLongDate(clash.day)} is in the school holiday from ${formatLongDate(clash.range.from)} to ${formatLongDate(clash.range.to)}.`,
    };
  },
};

const WHAT_NOW: Record<RuleViolation['mode'], string> = {
  MONITORED:
    'If it cannot be avoided, give a reason for going ahead anyway; it will be recorded as a breach of the charter for the board to see.',
  ENFORCED: 'This rule of the charter cannot be set aside.',
};

function checkProposal(proposal: MeetingProposal, now: Date): Meeting {
  const start = proposal.startsAt;
  if (!(start instanceof Date) || !Number.isFinite(start.getTime()))
    throw new RangeError('The meeting needs a valid start date and time.');
  if (!(now instanceof Date) || !Number.isFinite(now.getTime()))
    throw new RangeError('`now` must be a valid date.');
  const minutes = proposal.durationMinutes;
  if (!Number.isInteger(minutes) || minutes <= 0)
    throw new RangeError('The meeting length must be a whole number of minutes, more than 0.');
  return { start, end: new Date(start.getTime() + minutes * MS_PER_MINUTE), durationMinutes: minutes };
}

/** What the checks need beyond the meeting: the time of booking and the school holidays. */
function contextOf(charter: CharterProfile, now: Date): CheckContext {
  const holidaysRule = ruleOf(charter, 'meeting.avoidSchoolHolidays');
  return {
    now,
    schoolHolidays:
      holidaysRule.mode === 'OFF' ? ENGLAND_DEFAULT_SCHOOL_HOLIDAYS : (holidaysRule.value as DateRange[]),
  };
}

/**
 * Checks a proposed meeting against the charter's meeting rules, in RULE_IDS order. Rules
 * that are OFF are never reported. An empty list means the meeting may be booked as it is.
 * Throws a RangeError for a proposal that is not a meeting at all (validate input first).
 */
export function checkMeetingRules(
  charter: CharterProfile,
  proposal: MeetingProposal,
  now: Date,
): RuleViolation[] {
  const meeting = checkProposal(proposal, now);
  const context = contextOf(charter, now);
  const violations: RuleViolation[] = [];
  for (const id of MEETING_RULE_IDS as readonly MeetingRuleId[]) {
    const rule = ruleOf(charter, id);
    if (rule.mode === 'OFF') continue;
    const check = CHECKS[id] as Check<MeetingRuleId>;
    const problem = check(rule.value as RuleValues[MeetingRuleId], meeting, context);
    if (problem)
      violations.push({
        rule: id,
        mode: rule.mode,
        detail: `${problem.detail} ${WHAT_NOW[rule.mode]}`,
        happened: problem.happened,
      });
  }
  return violations;
}

/**
 * Checks a meeting that has already taken place (recorded afterwards) against the rules
 * about its time: every meeting rule but the booking notice, which depends on when it was
 * booked, something a meeting arranged elsewhere does not tell us. Details say what was
 * wrong, with no advice to move it.
 */
export function checkHeldMeetingRules(charter: CharterProfile, proposal: MeetingProposal): RuleViolation[] {
  const meeting = checkProposal(proposal, proposal.startsAt);
  const context = contextOf(charter, proposal.startsAt);
  const violations: RuleViolation[] = [];
  for (const id of MEETING_RULE_IDS as readonly MeetingRuleId[]) {
    const rule = ruleOf(charter, id);
    if (rule.mode === 'OFF' || id === 'meeting.minBookingNoticeDays') continue;
    const check = CHECKS[id] as Check<MeetingRuleId>;
    const problem = check(rule.value as RuleValues[MeetingRuleId], meeting, context);
    // It has happened: what the board reads is also what the lead is told.
    if (problem)
      violations.push({ rule: id, mode: rule.mode, detail: problem.happened, happened: problem.happened });
  }
  return violations;
}

/** When papers for a meeting are due: `startsAt` minus the charter's days × 24 hours; null when the rule is OFF. */
export function papersDueBy(charter: CharterProfile, startsAt: Date): Date | null {
  const days = ruleValue(charter, 'papers.minNoticeDays');
  return days === null ? null : new Date(startsAt.getTime() - days * MS_PER_DAY);
}

/** Working days allowed for acknowledging feedback: the charter's, or DEFAULT_ACK_WORKING_DAYS when OFF. */
export function acknowledgementWorkingDays(charter: CharterProfile): number {
  return ruleValue(charter, 'feedback.ackWorkingDays') ?? DEFAULT_ACK_WORKING_DAYS;
}

/** The day feedback must be acknowledged by: the Nth working day after the London day the window closed. */
export function acknowledgementDueBy(charter: CharterProfile, closedAt: Date): IsoDate {
  return addWorkingDays(londonDateOf(closedAt), acknowledgementWorkingDays(charter));
}

/** The instant a `dueBy` day has passed: 00:00 London time on the day after it. */
export function acknowledgementDeadlinePassesAt(dueBy: IsoDate): Date {
  return startOfLondonDay(addDays(dueBy, 1));
}
