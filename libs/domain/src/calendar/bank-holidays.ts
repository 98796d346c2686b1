// Bank holidays in England and Wales, worked out for any year from the rules behind GOV.UK's
// list, so a deadline far ahead never runs out of calendar (a workflow must never throw on a
// date). The rules: New Year's Day, Good Friday, Easter Monday, the first and last Mondays
// of May, the last Monday of August, Christmas Day and Boxing Day; a holiday on a weekend is
// taken on the next weekday not already a holiday (the substitute day). Royal proclamations
// that moved or added a day are listed in PROCLAIMED. Plain arithmetic rather than a call to
// `date-holidays` at run time, because that package loads megabytes of rules and reads the
// clock, which Temporal's workflow sandbox forbids; bank-holidays.spec.ts checks that both
// agree, year by year, and against GOV.UK's published list.
import {
  addDays,
  daysInMonth,
  easterSunday,
  formatIsoDate,
  isWeekend,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
} from './dates';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

interface Proclamation {
  /** Usual holidays taken on another day that year, by name. */
  moved?: Record<string, IsoDate>;
  /** One-off holidays. */
  added?: BankHoliday[];
}

/** Days moved or added by royal proclamation (GOV.UK's list and the proclamations behind it). */
const PROCLAIMED: Record<number, Proclamation> = {
  1999: { added: [{ date: '1999-12-31', name: 'Millennium Celebrations' }] },
  2002: {
    moved: { 'Spring bank holiday': '2002-06-04' },
    added: [{ date: '2002-06-03', name: 'Golden Jubilee bank holiday' }],
  },
  2011: { added: [{ date: '2011-04-29', name: 'Royal wedding' }] },
  2012: {
    moved: { 'Spring bank holiday': '2012-06-04' },
    added: [{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' }],
  },
  2020: { moved: { 'Early May bank holiday': '2020-05-08' } },
  2022: {
    moved: { 'Spring bank holiday': '2022-06-02' },
    added: [
      { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
      { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
    ],
  },
  2023: { added: [{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }] },
};

/** The `nth` (1-based) Monday of a month, or with nth = -1 its last Monday. */
function mondayOf(year: number, month: number, nth: number): IsoDate {
  if (nth < 0) {
    let day = formatIsoDate(year, month, daysInMonth(year, month));
    while (weekdayOf(day) !== 1) day = addDays(day, -1);
    return day;
  }
  let day = formatIsoDate(year, month, 1);
  while (weekdayOf(day) !== 1) day = addDays(day, 1);
  return addDays(day, 7 * (nth - 1));
}

function computeBankHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const proclaimed = PROCLAIMED[year] ?? {};
  const fixed: BankHoliday[] = [
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: mondayOf(year, 5, 1), name: 'Early May bank holiday' },
    { date: mondayOf(year, 5, -1), name: 'Spring bank holiday' },
    { date: mondayOf(year, 8, -1), name: 'Summer bank holiday' },
    ...(proclaimed.added ?? []),
  ].map((h) => ({ ...h, date: proclaimed.moved?.[h.name] ?? h.date }));
  const taken = new Set(fixed.map((h) => h.date));
  // New Year's Day, Christmas Day and Boxing Day move past weekends and each other.
  const movable: BankHoliday[] = [];
  for (const [date, name] of [
    [formatIsoDate(year, 1, 1), "New Year's Day"],
    [formatIsoDate(year, 12, 25), 'Christmas Day'],
    [formatIsoDate(year, 12, 26), 'Boxing Day'],
  ] as const) {
    if (!isWeekend(date) && !taken.has(date)) {
      taken.add(date);
      movable.push({ date, name });
    }
  }
  for (const [date, name] of [
    [formatIsoDate(year, 1, 1), "New Year's Day"],
    [formatIsoDate(year, 12, 25), 'Christmas Day'],
    [formatIsoDate(year, 12, 26), 'Boxing Day'],
  ] as const) {
    if (!isWeekend(date)) continue;
    let day = date;
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    movable.push({ date: day, name: `${name} (substitute day)` });
  }
  return [...fixed, ...movable].sort((a, b) => a.date.localeCompare(b.date));
}

const byYear = new Map<number, readonly BankHoliday[]>();

/** The bank holidays in England and Wales in `year`, on the weekday each is taken, in date order. */
export function bankHolidaysOf(year: number): readonly BankHoliday[] {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = Object.freeze(computeBankHolidays(year).map((h) => Object.freeze(h)));
    byYear.set(year, holidays);
  }
  return holidays;
}

/** True when `date` is a bank holiday in England and Wales. */
export function isBankHoliday(date: IsoDate): boolean {
  const [year] = parseIsoDate(date);
  return bankHolidaysOf(year).some((h) => h.date === date);
}

/** A working day is a Monday to Friday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/**
 * The `n`th working day after `date` (which itself never counts): weekends and England and
 * Wales bank holidays are skipped. `n` = 0 gives `date` back unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`addWorkingDays needs a whole number of working days, 0 or more, not ${n}.`);
  parseIsoDate(date);
  let day = date;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}
