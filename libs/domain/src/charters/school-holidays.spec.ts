import { addDays, easterSunday, formatIsoDate, isValidIsoDate, weekdayOf } from '../calendar';
import { ENGLAND_DEFAULT_SCHOOL_HOLIDAYS as HOLIDAYS } from './school-holidays';
import type { DateRange } from './types';

const SCHOOL_YEARS = [2025, 2026, 2027, 2028, 2029, 2030]; // 2025/26 to 2030/31

/** The range that holds every day from `from` to `to`, if any. */
const covering = (from: string, to: string): DateRange | undefined =>
  HOLIDAYS.find((range) => range.from <= from && to <= range.to);

/** Does some holiday hold a whole Monday-to-Friday week starting on a Monday between `first` and `last`? */
function holdsSchoolWeek(first: string, last: string): boolean {
  for (let monday = first; monday <= last; monday = addDays(monday, 1))
    if (weekdayOf(monday) === 1 && covering(monday, addDays(monday, 4))) return true;
  return false;
}

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

  it('starts in the autumn of 2025 and runs to the summer of 2031', () => {
    expect(HOLIDAYS[0].from.startsWith('2025-10')).toBe(true);
    expect(HOLIDAYS[HOLIDAYS.length - 1].to >= '2031-08-31').toBe(true);
  });

  describe.each(SCHOOL_YEARS.map((year) => [year, year + 1]))('school year %i/%i', (year, next) => {
    it('has six holidays', () => {
      const inYear = HOLIDAYS.filter((r) => r.from >= `${year}-09-01` && r.from < `${next}-09-01`);
      expect(inYear).toHaveLength(6);
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
