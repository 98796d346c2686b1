// Bank holidays in England and Wales, as data. The table was generated once from the
// `date-holidays` package (country GB, region ENG; only the weekday on which each holiday
// is taken, i.e. substitute days replace weekend dates, as GOV.UK lists them) and checked
// by hand against GOV.UK's published list; bank-holidays.spec.ts compares it with both.
// It is data rather than a call to `date-holidays` at run time because that package loads
// megabytes of rules and reads the clock, which Temporal's workflow sandbox forbids.
// Future years can change by royal proclamation (e.g. a coronation): update the table then.
import { addDays, isWeekend, parseIsoDate, type IsoDate } from './dates';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/** The years the bank holiday table covers, inclusive. */
export const BANK_HOLIDAY_YEARS = { first: 2024, last: 2035 } as const;

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = Object.freeze(
  [
    // 2024
    { date: '2024-01-01', name: "New Year's Day" },
    { date: '2024-03-29', name: 'Good Friday' },
    { date: '2024-04-01', name: 'Easter Monday' },
    { date: '2024-05-06', name: 'Early May bank holiday' },
    { date: '2024-05-27', name: 'Spring bank holiday' },
    { date: '2024-08-26', name: 'Summer bank holiday' },
    { date: '2024-12-25', name: 'Christmas Day' },
    { date: '2024-12-26', name: 'Boxing Day' },
    // 2025
    { date: '2025-01-01', name: "New Year's Day" },
    { date: '2025-04-18', name: 'Good Friday' },
    { date: '2025-04-21', name: 'Easter Monday' },
    { date: '2025-05-05', name: 'Early May bank holiday' },
    { date: '2025-05-26', name: 'Spring bank holiday' },
    { date: '2025-08-25', name: 'Summer bank holiday' },
    { date: '2025-12-25', name: 'Christmas Day' },
    { date: '2025-12-26', name: 'Boxing Day' },
    // 2026
    { date: '2026-01-01', name: "New Year's Day" },
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-04-06', name: 'Easter Monday' },
    { date: '2026-05-04', name: 'Early May bank holiday' },
    { date: '2026-05-25', name: 'Spring bank holiday' },
    { date: '2026-08-31', name: 'Summer bank holiday' },
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    // 2027
    { date: '2027-01-01', name: "New Year's Day" },
    { date: '2027-03-26', name: 'Good Friday' },
    { date: '2027-03-29', name: 'Easter Monday' },
    { date: '2027-05-03', name: 'Early May bank holiday' },
    { date: '2027-05-31', name: 'Spring bank holiday' },
    { date: '2027-08-30', name: 'Summer bank holiday' },
    { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
    { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    // 2028
    { date: '2028-01-03', name: "New Year's Day (substitute day)" },
    { date: '2028-04-14', name: 'Good Friday' },
    { date: '2028-04-17', name: 'Easter Monday' },
    { date: '2028-05-01', name: 'Early May bank holiday' },
    { date: '2028-05-29', name: 'Spring bank holiday' },
    { date: '2028-08-28', name: 'Summer bank holiday' },
    { date: '2028-12-25', name: 'Christmas Day' },
    { date: '2028-12-26', name: 'Boxing Day' },
    // 2029
    { date: '2029-01-01', name: "New Year's Day" },
    { date: '2029-03-30', name: 'Good Friday' },
    { date: '2029-04-02', name: 'Easter Monday' },
    { date: '2029-05-07', name: 'Early May bank holiday' },
    { date: '2029-05-28', name: 'Spring bank holiday' },
    { date: '2029-08-27', name: 'Summer bank holiday' },
    { date: '2029-12-25', name: 'Christmas Day' },
    { date: '2029-12-26', name: 'Boxing Day' },
    // 2030
    { date: '2030-01-01', name: "New Year's Day" },
    { date: '2030-04-19', name: 'Good Friday' },
    { date: '2030-04-22', name: 'Easter Monday' },
    { date: '2030-05-06', name: 'Early May bank holiday' },
    { date: '2030-05-27', name: 'Spring bank holiday' },
    { date: '2030-08-26', name: 'Summer bank holiday' },
    { date: '2030-12-25', name: 'Christmas Day' },
    { date: '2030-12-26', name: 'Boxing Day' },
    // 2031
    { date: '2031-01-01', name: "New Year's Day" },
    { date: '2031-04-11', name: 'Good Friday' },
    { date: '2031-04-14', name: 'Easter Monday' },
    { date: '2031-05-05', name: 'Early May bank holiday' },
    { date: '2031-05-26', name: 'Spring bank holiday' },
    { date: '2031-08-25', name: 'Summer bank holiday' },
    { date: '2031-12-25', name: 'Christmas Day' },
    { date: '2031-12-26', name: 'Boxing Day' },
    // 2032
    { date: '2032-01-01', name: "New Year's Day" },
    { date: '2032-03-26', name: 'Good Friday' },
    { date: '2032-03-29', name: 'Easter Monday' },
    { date: '2032-05-03', name: 'Early May bank holiday' },
    { date: '2032-05-31', name: 'Spring bank holiday' },
    { date: '2032-08-30', name: 'Summer bank holiday' },
    { date: '2032-12-27', name: 'Christmas Day (substitute day)' },
    { date: '2032-12-28', name: 'Boxing Day (substitute day)' },
    // 2033
    { date: '2033-01-03', name: "New Year's Day (substitute day)" },
    { date: '2033-04-15', name: 'Good Friday' },
    { date: '2033-04-18', name: 'Easter Monday' },
    { date: '2033-05-02', name: 'Early May bank holiday' },
    { date: '2033-05-30', name: 'Spring bank holiday' },
    { date: '2033-08-29', name: 'Summer bank holiday' },
    { date: '2033-12-26', name: 'Boxing Day' },
    { date: '2033-12-27', name: 'Christmas Day (substitute day)' },
    // 2034
    { date: '2034-01-02', name: "New Year's Day (substitute day)" },
    { date: '2034-04-07', name: 'Good Friday' },
    { date: '2034-04-10', name: 'Easter Monday' },
    { date: '2034-05-01', name: 'Early May bank holiday' },
    { date: '2034-05-29', name: 'Spring bank holiday' },
    { date: '2034-08-28', name: 'Summer bank holiday' },
    { date: '2034-12-25', name: 'Christmas Day' },
    { date: '2034-12-26', name: 'Boxing Day' },
    // 2035
    { date: '2035-01-01', name: "New Year's Day" },
    { date: '2035-03-23', name: 'Good Friday' },
    { date: '2035-03-26', name: 'Easter Monday' },
    { date: '2035-05-07', name: 'Early May bank holiday' },
    { date: '2035-05-28', name: 'Spring bank holiday' },
    { date: '2035-08-27', name: 'Summer bank holiday' },
    { date: '2035-12-25', name: 'Christmas Day' },
    { date: '2035-12-26', name: 'Boxing Day' },
  ].map((holiday) => Object.freeze(holiday)),
);

const BANK_HOLIDAY_DATES: ReadonlySet<IsoDate> = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));

function checkCovered(date: IsoDate): void {
  const [year] = parseIsoDate(date);
  if (year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last)
    throw new RangeError(
      `The bank holiday table covers ${BANK_HOLIDAY_YEARS.first} to ${BANK_HOLIDAY_YEARS.last} only, so it cannot say whether ${date} is a working day: extend ENGLAND_AND_WALES_BANK_HOLIDAYS.`,
    );
}

/** True when `date` is a bank holiday in England and Wales (throws outside the table's years). */
export function isBankHoliday(date: IsoDate): boolean {
  checkCovered(date);
  return BANK_HOLIDAY_DATES.has(date);
}

/** A working day is a Monday to Friday that is not a bank holiday in England and Wales. */
export function isWorkingDay(date: IsoDate): boolean {
  return !isBankHoliday(date) && !isWeekend(date);
}

/**
 * The `n`th working day after `date` (which itself never counts): weekends and England and
 * Wales bank holidays are skipped. `n` = 0 gives `date` back unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`addWorkingDays needs a whole number of working days, 0 or more, not ${n}.`);
  checkCovered(date);
  let day = date;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}
