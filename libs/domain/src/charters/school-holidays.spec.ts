import { addDays, easterSunday, formatIsoDate, isValidIsoDate, weekdayOf } from '../calendar';
import {
  ENGLAND_DEFAULT_SCHOOL_HOLIDAYS as HOLIDAYS,
  englandSchoolHolidayOn,
  englandSchoolHolidays,
} from './school-holidays';
import type { DateRange } from './types';

const SCHOOL_YEARS = [2025, 2026, 2027, 2028, 2029, 2030]; // 2025/26 to 2030/31, as listed in the rule's value
const LATER_YEARS = Array.from({ length: 70 }, (_, i) => 2031 + i); // 2031/32 to 2100/01, worked out

// The listed ranges, as first published: the rules must keep giving exactly these.
const LISTED: [string, string][] = [
  ['2025-10-25', '2025-11-02'], // October half term: Saturday 25 October 2025 to Sunday 2 November 2025
  ['2025-12-20', '2026-01-04'], // Christmas holiday: Saturday 20 December 2025 to Sunday 4 January 2026
  ['2026-02-14', '2026-02-22'], // February half term: Saturday 14 February 2026 to Sunday 22 February 2026
  ['2026-03-28', '2026-04-12'], // Easter holiday (Easter Sunday 2026-04-05): Saturday 28 March 2026 to Sunday 12 April 2026
  ['2026-05-23', '2026-05-31'], // May half term: Saturday 23 May 2026 to Sunday 31 May 2026
  ['2026-07-23', '2026-08-31'], // Summer holiday: Thursday 23 July 2026 to Monday 31 August 2026
  ['2026-10-24', '2026-11-01'], // October half term: Saturday 24 October 2026 to Sunday 1 November 2026
  ['2026-12-19', '2027-01-03'], // Christmas holiday: Saturday 19 December 2026 to Sunday 3 January 2027
  ['2027-02-13', '2027-02-21'], // February half term: Saturday 13 February 2027 to Sunday 21 February 2027
  ['2027-03-20', '2027-04-04'], // Easter holiday (Easter Sunday 2027-03-28): Saturday 20 March 2027 to Sunday 4 April 2027
  ['2027-05-29', '2027-06-06'], // May half term: Saturday 29 May 2027 to Sunday 6 June 2027
  ['2027-07-23', '2027-08-31'], // Summer holiday: Friday 23 July 2027 to Tuesday 31 August 2027
  ['2027-10-23', '2027-10-31'], // October half term: Saturday 23 October 2027 to Sunday 31 October 2027
  ['2027-12-18', '2028-01-03'], // Christmas holiday: Saturday 18 December 2027 to Monday 3 January 2028
  ['2028-02-12', '2028-02-20'], // February half term: Saturday 12 February 2028 to Sunday 20 February 2028
  ['2028-04-08', '2028-04-23'], // Easter holiday (Easter Sunday 2028-04-16): Saturday 8 April 2028 to Sunday 23 April 2028
  ['2028-05-27', '2028-06-04'], // May half term: Saturday 27 May 2028 to Sunday 4 June 2028
  ['2028-07-22', '2028-09-03'], // Summer holiday: Saturday 22 July 2028 to Sunday 3 September 2028
  ['2028-10-21', '2028-10-29'], // October half term: Saturday 21 October 2028 to Sunday 29 October 2028
  ['2028-12-20', '2029-01-02'], // Christmas holiday: Wednesday 20 December 2028 to Tuesday 2 January 2029
  ['2029-02-17', '2029-02-25'], // February half term: Saturday 17 February 2029 to Sunday 25 February 2029
  ['2029-03-24', '2029-04-08'], // Easter holiday (Easter Sunday 2029-04-01): Saturday 24 March 2029 to Sunday 8 April 2029
  ['2029-05-26', '2029-06-03'], // May half term: Saturday 26 May 2029 to Sunday 3 June 2029
  ['2029-07-21', '2029-09-02'], // Summer holiday: Saturday 21 July 2029 to Sunday 2 September 2029
  ['2029-10-20', '2029-10-28'], // October half term: Saturday 20 October 2029 to Sunday 28 October 2029
  ['2029-12-20', '2030-01-06'], // Christmas holiday: Thursday 20 December 2029 to Sunday 6 January 2030
  ['2030-02-16', '2030-02-24'], // February half term: Saturday 16 February 2030 to Sunday 24 February 2030
  ['2030-04-13', '2030-04-28'], // Easter holiday (Easter Sunday 2030-04-21): Saturday 13 April 2030 to Sunday 28 April 2030
  ['2030-05-25', '2030-06-02'], // May half term: Saturday 25 May 2030 to Sunday 2 June 2030
  ['2030-07-23', '2030-09-01'], // Summer holiday: Tuesday 23 July 2030 to Sunday 1 September 2030
  ['2030-10-26', '2030-11-03'], // October half term: Saturday 26 October 2030 to Sunday 3 November 2030
  ['2030-12-20', '2031-01-05'], // Christmas holiday: Friday 20 December 2030 to Sunday 5 January 2031
  ['2031-02-15', '2031-02-23'], // February half term: Saturday 15 February 2031 to Sunday 23 February 2031
  ['2031-04-05', '2031-04-20'], // Easter holiday (Easter Sunday 2031-04-13): Saturday 5 April 2031 to Sunday 20 April 2031
  ['2031-05-24', '2031-06-01'], // May half term: Saturday 24 May 2031 to Sunday 1 June 2031
  ['2031-07-23', '2031-08-31'], // Summer holiday: Wednesday 23 July 2031 to Sunday 31 August 2031
];

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
