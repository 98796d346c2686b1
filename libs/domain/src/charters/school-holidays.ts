// The default England school holidays (a product decision, not a charter's words): used by
// a charter whose `meeting.avoidSchoolHolidays` rule is on and that does not give its own
// local term dates. Each council publishes its own dates, which differ by a few days; these
// are a careful average, worked out by the rules below for any school year, so a meeting
// years ahead is checked too. The rule's `value` lists 2025/26 to 2030/31 (DOMAIN.md);
// later years follow the same rules. school-holidays.spec.ts checks that every school year
// has all six holidays and covers the minimums of DOMAIN.md.
//
// How each range was chosen (inclusive, weekends around a holiday included):
// - October half term: the week beginning the Monday that falls on 22-28 October, from the
//   Saturday before to the Sunday after.
// - Christmas: from 20 December (the Saturday before, if 20 December is a Sunday or Monday)
//   to the day before school returns: the first Monday on or after 3 January, or 3 January
//   itself when that is a Tuesday or Wednesday, moved a day later past a bank holiday.
// - February half term: the week beginning the Monday that falls on 13-19 February.
// - Easter: from the Saturday 8 days before Easter Sunday to the Sunday a week after it (the
//   week before Easter and the week after, as most councils do).
// - May half term: the week of the spring bank holiday (the last Monday of May).
// - Summer: from 23 July (the Saturday before, if 23 July is a Sunday or Monday) to the day
//   before the first Monday-to-Thursday on or after 1 September.
import {
  addDays,
  easterSunday,
  formatIsoDate,
  isBankHoliday,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
} from '../calendar';
import type { DateRange } from './types';

/** The school years the rule's listed value covers: 2025/26 to 2030/31. */
export const LISTED_SCHOOL_YEARS = { first: 2025, last: 2030 } as const;

/** The first day on or after `date` that is the `weekday` (0 = Sunday ... 6 = Saturday). */
function onOrAfter(date: IsoDate, weekday: number): IsoDate {
  let day = date;
  while (weekdayOf(day) !== weekday) day = addDays(day, 1);
  return day;
}

/** From the Saturday before to the Sunday after the school week beginning `monday`. */
const weekAround = (monday: IsoDate): DateRange => ({ from: addDays(monday, -2), to: addDays(monday, 6) });

/** `date`, or the Saturday before it when it falls on a Sunday or Monday. */
const startOfBreak = (date: IsoDate): IsoDate =>
  weekdayOf(date) === 0 ? addDays(date, -1) : weekdayOf(date) === 1 ? addDays(date, -2) : date;

/** The six holidays of the school year that starts in September of `year`, in date order. */
export function englandSchoolHolidays(year: number): DateRange[] {
  const next = year + 1;
  let christmasReturn = formatIsoDate(next, 1, 3);
  if (![2, 3].includes(weekdayOf(christmasReturn))) christmasReturn = onOrAfter(christmasReturn, 1);
  while (isBankHoliday(christmasReturn)) christmasReturn = addDays(christmasReturn, 1);
  const easter = easterSunday(next);
  let springBankHoliday = formatIsoDate(next, 5, 31);
  while (weekdayOf(springBankHoliday) !== 1) springBankHoliday = addDays(springBankHoliday, -1);
  let autumnReturn = formatIsoDate(next, 9, 1);
  while (![1, 2, 3, 4].includes(weekdayOf(autumnReturn))) autumnReturn = addDays(autumnReturn, 1);
  return [
    weekAround(onOrAfter(formatIsoDate(year, 10, 22), 1)),
    { from: startOfBreak(formatIsoDate(year, 12, 20)), to: addDays(christmasReturn, -1) },
    weekAround(onOrAfter(formatIsoDate(next, 2, 13), 1)),
    { from: addDays(easter, -8), to: addDays(easter, 7) },
    weekAround(springBankHoliday),
    { from: startOfBreak(formatIsoDate(next, 7, 23)), to: addDays(autumnReturn, -1) },
  ];
}

/** The England default holiday that `date` falls in, if any (any year). */
export function englandSchoolHolidayOn(date: IsoDate): DateRange | null {
  const [year, month] = parseIsoDate(date);
  const schoolYear = month >= 9 ? year : year - 1;
  // Early September may still be last school year's summer holiday.
  for (const y of [schoolYear, schoolYear - 1])
    for (const range of englandSchoolHolidays(y)) if (range.from <= date && date <= range.to) return range;
  return null;
}

export const ENGLAND_DEFAULT_SCHOOL_HOLIDAYS: readonly DateRange[] = Object.freeze(
  Array.from({ length: LISTED_SCHOOL_YEARS.last - LISTED_SCHOOL_YEARS.first + 1 }, (_, i) =>
    englandSchoolHolidays(LISTED_SCHOOL_YEARS.first + i),
  )
    .flat()
    .map((range) => Object.freeze(range)),
);

/** True when `ranges` are exactly the England default listed in the rule's value. */
export function isEnglandDefault(ranges: readonly DateRange[]): boolean {
  return (
    ranges.length === ENGLAND_DEFAULT_SCHOOL_HOLIDAYS.length &&
    ranges.every(
      (r, i) =>
        r.from === ENGLAND_DEFAULT_SCHOOL_HOLIDAYS[i].from && r.to === ENGLAND_DEFAULT_SCHOOL_HOLIDAYS[i].to,
    )
  );
}

/**
 * What a list of school holidays says about `date`: the holiday it falls in, null in term
 * time, or 'unknown' past the last date a local list covers. The England default is worked
 * out for any year, so it is never 'unknown'.
 */
export function schoolHolidayOn(ranges: readonly DateRange[], date: IsoDate): DateRange | null | 'unknown' {
  const listed = ranges.find((range) => range.from <= date && date <= range.to);
  if (listed) return listed;
  const last = ranges[ranges.length - 1]?.to;
  if (last !== undefined && date <= last) return null;
  return isEnglandDefault(ranges) ? englandSchoolHolidayOn(date) : 'unknown';
}
