import { addDays, easterSunday, formatIsoDate, isValidIsoDate, weekdayOf } from '../calendar';
import {
  ENGLAND_DEFAULT_SCHOOL_HOLIDAYS as HOLIDAYS,
  englandSchoolHolidayOn,
  englandSchoolHolidays,
} from './school-holidays';
import LISTED_RANGES from './school-holidays-listed.json';
import type { DateRange } from './types';

const SCHOOL_YEARS = [2025, 2026, 2027, 2028, 2029, 2030]; // 2025/26 to 2030/31, as listed in the rule's value
const LATER_YEARS = Array.from({ length: 70 }, (_, i) => 2031 + i); // 2031/32 to 2100/01, worked out

// The listed ranges, as first published (school-holidays-listed.json, each with what it is):
// the rules must keep giving exactly these.
const LISTED: [string, string][] = LISTED_RANGES.map((range) => [range.from, range.to]);

/** The range that holds every day from `from` to `to`, if any. */
const covering = (from: string, to: string): DateRange | undefined =>
  HOLIDAYS.find((range) => range.from <= from && to <= range.to);

function lastMondayOfMay(year: number): string {
  let day = formatIsoDate(year, 5, 31);
  while (weekdayOf(day) !== 1) day = addDays(day, -1);
  return day;
}

describe('ENGLAND_DEFAULT_SCHOOL_HOLIDAYS', () => {
  it('is a list of valid, inclusive ranges sorted by date, none overlapping', () => {
    HOLIDAYS.forEach((range, i) => {
      expect(isValidIsoDate(range.from) && isValidIsoDate(range.to)).toBe(true);
      expect(range.from <= range.to).toBe(true);
      if (i > 0) expect(HOLIDAYS[i - 1].to < range.from).toBe(true);
    });
  });

  it('lists exactly the ranges first published for 2025/26 to 2030/31', () => {
    expect(HOLIDAYS.map((r) => [r.from, r.to])).toEqual(LISTED);
  });

  it('starts in the autumn of 2025 and runs to the summer of 2031', () => {
    expect(HOLIDAYS[0].from.startsWith('2025-10')).toBe(true);
    expect(HOLIDAYS[HOLIDAYS.length - 1].to >= '2031-08-31').toBe(true);
  });

  describe.each([...SCHOOL_YEARS, ...LATER_YEARS].map((year) => [year, year + 1]))(
    'school year %i/%i',
    (year, next) => {
      const covering = (from: string, to: string) =>
        englandSchoolHolidays(year).find((range) => range.from <= from && to <= range.to);
      const holdsSchoolWeek = (first: string, last: string) => {
        for (let monday = first; monday <= last; monday = addDays(monday, 1))
          if (weekdayOf(monday) === 1 && covering(monday, addDays(monday, 4))) return true;
        return false;
      };

      it('has six holidays, in order, none overlapping, the listed ones where listed', () => {
        const ranges = englandSchoolHolidays(year);
        expect(ranges).toHaveLength(6);
        ranges.forEach((range, i) => {
          expect(range.from <= range.to).toBe(true);
          if (i > 0) expect(ranges[i - 1].to < range.from).toBe(true);
        });
        expect(englandSchoolHolidays(year + 1)[0].from > ranges[5].to).toBe(true);
        if (SCHOOL_YEARS.includes(year))
          expect(HOLIDAYS.filter((r) => r.from >= `${year}-09-01` && r.from < `${next}-09-01`)).toEqual(
            ranges,
          );
      });

      it('has an October half term (a school week in the second half of October)', () => {
        expect(holdsSchoolWeek(`${year}-10-15`, `${year}-10-31`)).toBe(true);
      });

      it('covers Christmas from at least 20 December to 2 January', () => {
        expect(covering(`${year}-12-20`, `${next}-01-02`)).toBeDefined();
      });

      it('has a February half term (a school week in mid February)', () => {
        expect(holdsSchoolWeek(`${next}-02-08`, `${next}-02-22`)).toBe(true);
      });

      it('covers the two weeks around Easter Sunday', () => {
        const easter = easterSunday(next);
        expect(covering(addDays(easter, -7), addDays(easter, 7))).toBeDefined();
      });

      it('has a May half term (the school week of the spring bank holiday)', () => {
        const monday = lastMondayOfMay(next);
        expect(covering(monday, addDays(monday, 4))).toBeDefined();
      });

      it('covers the summer from at least 23 July to 31 August', () => {
        expect(covering(`${next}-07-23`, `${next}-08-31`)).toBeDefined();
      });
    },
  );

  it('puts Worcestershire-style meetings in August 2032 and later in the summer holiday', () => {
    expect(englandSchoolHolidayOn('2032-08-10')).toEqual({ from: '2032-07-23', to: '2032-08-31' });
    expect(englandSchoolHolidayOn('2034-09-03')).not.toBeNull(); // Sunday 3 September 2034: still summer
    expect(englandSchoolHolidayOn('2032-09-07')).toBeNull();
    expect(englandSchoolHolidayOn('2027-03-25')).toEqual({ from: '2027-03-20', to: '2027-04-04' });
  });

  it('puts Easter 2027 (Sunday 28 March) and Easter 2030 (Sunday 21 April) in the holidays', () => {
    expect(covering('2027-03-21', '2027-04-04')).toBeDefined();
    expect(covering('2030-04-14', '2030-04-28')).toBeDefined();
  });

  it('leaves ordinary term days alone', () => {
    for (const day of ['2026-01-13', '2026-03-10', '2026-06-16', '2026-09-15', '2027-01-19', '2027-05-11'])
      expect(HOLIDAYS.some((r) => r.from <= day && day <= r.to)).toBe(false);
  });
});
