import Holidays from 'date-holidays';
import {
  addDays,
  civilFromDays,
  daysBetween,
  daysFromCivil,
  easterSunday,
  formatDuration,
  formatLongDate,
  isValidIsoDate,
  isValidTimeOfDay,
  isWeekend,
  minutesOfTime,
  parseIsoDate,
  timeOfMinutes,
  weekdayOf,
} from './dates';

describe('isValidIsoDate', () => {
  it.each(['2026-01-01', '2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (s) => {
      expect(isValidIsoDate(s)).toBe(true);
    },
  );

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '0000-01-01',
    '',
    '２０２６-01-01',
  ])('refuses %j', (s) => {
    expect(isValidIsoDate(s)).toBe(false);
  });

  it('refuses things that are not strings', () => {
    expect(isValidIsoDate(20260101)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
    expect(isValidIsoDate(new Date('2026-01-01'))).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('agrees with Date.UTC for every day from 1900 to 2100', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const d = new Date(ms);
      const days = ms / 86_400_000;
      const civil = civilFromDays(days);
      const iso = d.toISOString().slice(0, 10);
      if (
        daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) !== days ||
        civil.join() !== [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()].join() ||
        weekdayOf(iso) !== d.getUTCDay() ||
        addDays(iso, 1) !== new Date(ms + 86_400_000).toISOString().slice(0, 10)
      )
        mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it('refuses a malformed day or a fractional count', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => parseIsoDate('tomorrow')).toThrow('is not a calendar day');
  });

  it('knows weekends', () => {
    expect(weekdayOf('2026-12-23')).toBe(3); // a Wednesday
    expect(isWeekend('2026-12-26')).toBe(true);
    expect(isWeekend('2026-12-27')).toBe(true);
    expect(isWeekend('2026-12-28')).toBe(false);
    expect(isWeekend('2027-01-01')).toBe(false);
  });
});

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2031, '2031-04-13'],
    [2032, '2032-03-28'],
    [2033, '2033-04-17'],
    [2034, '2034-04-09'],
    [2035, '2035-03-25'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('agrees with date-holidays (Easter Monday less one day) for 1900 to 2100', () => {
    const hd = new Holidays('GB', 'ENG');
    for (let year = 1900; year <= 2100; year += 1) {
      const monday = hd.getHolidays(year).find((h) => h.name === 'Easter Monday');
      expect(monday).toBeDefined();
      expect(addDays(easterSunday(year), 1)).toBe(monday?.date.slice(0, 10));
    }
  });
});

describe('words and times', () => {
  it('writes days for people', () => {
    expect(formatLongDate('2027-01-11')).toBe('Monday 11 January 2027');
    expect(formatLongDate('2026-12-28')).toBe('Monday 28 December 2026');
    expect(formatLongDate('2028-02-29')).toBe('Tuesday 29 February 2028');
  });

  it('reads and writes times of day', () => {
    expect(minutesOfTime('00:00')).toBe(0);
    expect(minutesOfTime('14:30')).toBe(870);
    expect(minutesOfTime('23:59')).toBe(1439);
    expect(timeOfMinutes(870)).toBe('14:30');
    expect(timeOfMinutes(5)).toBe('00:05');
    expect(() => minutesOfTime('24:00')).toThrow(RangeError);
    expect(() => minutesOfTime('9:30')).toThrow(RangeError);
    expect(() => timeOfMinutes(1440)).toThrow(RangeError);
    expect(isValidTimeOfDay('10:00')).toBe(true);
    expect(isValidTimeOfDay('10:60')).toBe(false);
  });

  it.each([
    [120, '2 hours'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [61, '1 hour 1 minute'],
    [45, '45 minutes'],
  ])('formatDuration(%i) = %s', (minutes, words) => {
    expect(formatDuration(minutes)).toBe(words);
  });
});
