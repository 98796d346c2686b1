import Holidays from 'date-holidays';
import {
  addWorkingDays,
  BANK_HOLIDAY_YEARS,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  isBankHoliday,
  isWorkingDay,
} from './bank-holidays';
import { isWeekend } from './dates';

// Written out by hand from GOV.UK's list (2024-2027) and the rules behind it for later years:
// a holiday on a weekend moves to the next weekday not already a holiday (substitute day).
const OFFICIAL: Record<number, string[]> = {
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2028: ['01-03', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2029: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2030: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2031: ['01-01', '04-11', '04-14', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2032: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2033: ['01-03', '04-15', '04-18', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2034: ['01-02', '04-07', '04-10', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2035: ['01-01', '03-23', '03-26', '05-07', '05-28', '08-27', '12-25', '12-26'],
};

const YEARS = Array.from(
  { length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 },
  (_, i) => BANK_HOLIDAY_YEARS.first + i,
);
const tableFor = (year: number) =>
  ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);

describe('ENGLAND_AND_WALES_BANK_HOLIDAYS', () => {
  it('covers at least 2025 to 2031', () => {
    expect(BANK_HOLIDAY_YEARS.first).toBeLessThanOrEqual(2025);
    expect(BANK_HOLIDAY_YEARS.last).toBeGreaterThanOrEqual(2031);
  });

  it.each(YEARS)('%i matches the official list, substitute days included', (year) => {
    expect(tableFor(year)).toEqual(OFFICIAL[year].map((day) => `${year}-${day}`));
  });

  it.each(YEARS)('%i matches date-holidays (GB, England; the weekday each holiday is taken)', (year) => {
    for (const region of ['ENG', 'WLS']) {
      const fromLibrary = new Holidays('GB', region)
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
        .filter((date) => !isWeekend(date));
      expect(tableFor(year)).toEqual(fromLibrary);
    }
  });

  it('names substitute days', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.find((h) => h.date === '2026-12-28')?.name).toBe(
      'Boxing Day (substitute day)',
    );
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.find((h) => h.date === '2027-12-27')?.name).toBe(
      'Christmas Day (substitute day)',
    );
  });

  it('is sorted, with no duplicates and no weekends', () => {
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.filter(isWeekend)).toEqual([]);
  });
});

describe('working days', () => {
  it('knows bank holidays and working days', () => {
    expect(isBankHoliday('2026-12-25')).toBe(true);
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-29')).toBe(false);
    expect(isWorkingDay('2026-12-24')).toBe(true);
    expect(isWorkingDay('2026-12-26')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-12-28')).toBe(false); // substitute Boxing Day
    expect(isWorkingDay('2027-12-27')).toBe(false);
    expect(isWorkingDay('2027-12-28')).toBe(false);
    expect(isWorkingDay('2027-12-29')).toBe(true);
  });

  it.each([
    // Closed on Wednesday 23 December 2026: Christmas, the weekend, substitute Boxing Day and New Year skipped.
    ['2026-12-23', 10, '2027-01-11'],
    ['2026-12-23', 1, '2026-12-24'],
    ['2026-12-23', 2, '2026-12-29'],
    ['2026-12-24', 5, '2027-01-05'],
    ['2026-12-25', 1, '2026-12-29'], // counted from a holiday
    ['2027-12-23', 2, '2027-12-29'], // 2027: 27 and 28 December are both substitute days
    ['2027-03-25', 1, '2027-03-30'], // Easter 2027
    ['2027-01-08', 1, '2027-01-11'], // Friday to Monday
    ['2027-01-09', 1, '2027-01-11'], // Saturday to Monday
    ['2027-01-11', 0, '2027-01-11'],
    ['2027-06-30', 10, '2027-07-14'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('refuses years outside the table, clearly', () => {
    const after = `${BANK_HOLIDAY_YEARS.last + 1}-01-05`;
    const before = `${BANK_HOLIDAY_YEARS.first - 1}-06-01`;
    expect(() => isBankHoliday(after)).toThrow(/covers 2024 to 2035 only/);
    expect(() => isWorkingDay(before)).toThrow(RangeError);
    expect(() => addWorkingDays(`${BANK_HOLIDAY_YEARS.last}-12-30`, 5)).toThrow(/extend ENGLAND_AND_WALES/);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2027-01-11', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-11', 1.5)).toThrow(RangeError);
  });
});
