import Holidays from 'date-holidays';
import { addWorkingDays, bankHolidaysOf, isBankHoliday, isWorkingDay } from './bank-holidays';
import { isWeekend } from './dates';

// Written out by hand from GOV.UK's list (2012, 2020, 2022-2027, proclaimed days included) and the rules behind it for later years:
// a holiday on a weekend moves to the next weekday not already a holiday (substitute day).
const OFFICIAL: Record<number, string[]> = {
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
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

const OFFICIAL_YEARS = Object.keys(OFFICIAL).map(Number);
// date-holidays leaves out the 2012 Diamond Jubilee move (GOV.UK's list has it), so from 2013.
const LIBRARY_YEARS = Array.from({ length: 188 }, (_, i) => 2013 + i); // 2013 to 2200

const datesOf = (year: number) => bankHolidaysOf(year).map((h) => h.date);

describe('bankHolidaysOf', () => {
  it.each(OFFICIAL_YEARS)('%i matches the official list, substitute days included', (year) => {
    expect(datesOf(year)).toEqual(OFFICIAL[year].map((day) => `${year}-${day}`));
  });

  it('matches date-holidays (GB, England and Wales; the weekday each holiday is taken) for 2013 to 2200', () => {
    const differences: string[] = [];
    for (const region of ['ENG', 'WLS']) {
      const library = new Holidays('GB', region);
      for (const year of LIBRARY_YEARS) {
        const fromLibrary = library
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10))
          .filter((date) => !isWeekend(date));
        if (datesOf(year).join() !== fromLibrary.join())
          differences.push(`${region} ${year}: ${datesOf(year).join()} vs ${fromLibrary.join()}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('names substitute days', () => {
    const name = (date: string) =>
      bankHolidaysOf(Number(date.slice(0, 4))).find((h) => h.date === date)?.name;
    expect(name('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(name('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(name('2033-12-27')).toBe('Christmas Day (substitute day)');
    expect(name('2039-01-03')).toBe("New Year's Day (substitute day)");
  });

  it('is sorted, with no duplicates and no weekends, in every year', () => {
    for (const year of LIBRARY_YEARS) {
      const dates = datesOf(year);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.filter(isWeekend)).toEqual([]);
    }
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

  it('counts working days in any year, past 2035 too', () => {
    expect(isBankHoliday('2036-04-11')).toBe(true); // Good Friday 2036
    expect(isWorkingDay('2036-12-26')).toBe(false); // Boxing Day 2036, a Friday
    expect(addWorkingDays('2035-12-30', 5)).toBe('2036-01-07'); // New Year's Day 2036 skipped
    expect(addWorkingDays('2099-12-23', 3)).toBe('2099-12-30'); // Christmas and Boxing Day 2099 skipped
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2027-01-11', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2027-01-11', 1.5)).toThrow(RangeError);
  });
});
