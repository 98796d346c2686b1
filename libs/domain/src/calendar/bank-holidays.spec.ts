import Holidays from 'date-holidays';
import { addWorkingDays, bankHolidaysOf, isBankHoliday, isWorkingDay } from './bank-holidays';
import OFFICIAL_DAYS from './bank-holidays-official.json';
import { isWeekend } from './dates';

// Written out by hand from GOV.UK's list (2012, 2020, 2022-2027, proclaimed days included) and the rules behind it for later years:
// a holiday on a weekend moves to the next weekday not already a holiday (substitute day).
// In bank-holidays-official.json: year → the days as MM-DD.
const OFFICIAL: Record<number, string[]> = OFFICIAL_DAYS;

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
