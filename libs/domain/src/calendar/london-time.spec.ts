import {
  britishSummerTime,
  londonDateOf,
  londonInstant,
  londonOffsetMinutes,
  londonWallClock,
  startOfLondonDay,
} from './london-time';
import { addDays } from './dates';
import { intlLondonClock } from '../../test/intl-london-clock';

const HOUR = 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** What Intl's time zone data says a London clock shows. */
function intlClock(ms: number) {
  const parts = intlLondonClock(new Date(ms));
  const minutesOfDay = Number(parts.hour) * 60 + Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    minutesOfDay,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

describe('londonWallClock', () => {
  it('matches Intl (Europe/London) every hour from 2010 to 2040', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2010, 0, 1); ms < Date.UTC(2041, 0, 1); ms += HOUR) {
      const ours = londonWallClock(new Date(ms));
      const theirs = intlClock(ms);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) mismatches.push(new Date(ms).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('matches Intl every minute for three hours either side of each change of the clocks, 2024-2040', () => {
    const mismatches: string[] = [];
    for (let year = 2024; year <= 2040; year += 1) {
      const { starts, ends } = britishSummerTime(year);
      for (const change of [starts.getTime(), ends.getTime()])
        for (let ms = change - 3 * HOUR; ms <= change + 3 * HOUR; ms += 60_000) {
          const ours = londonWallClock(new Date(ms));
          if (JSON.stringify(ours) !== JSON.stringify(intlClock(ms)))
            mismatches.push(new Date(ms).toISOString());
        }
    }
    expect(mismatches).toEqual([]);
  });

  it('matches Intl at odd instants (seconds and milliseconds are dropped)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const mismatches: string[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const ms = Math.floor(Date.UTC(2024, 0, 1) + random() * (Date.UTC(2036, 0, 1) - Date.UTC(2024, 0, 1)));
      if (JSON.stringify(londonWallClock(new Date(ms))) !== JSON.stringify(intlClock(ms)))
        mismatches.push(new Date(ms).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    // 2027: summer time from 01:00 UTC on Sunday 28 March to 01:00 UTC on Sunday 31 October.
    ['2027-03-28T00:59:59.999Z', '2027-03-28', '00:59', 0],
    ['2027-03-28T01:00:00.000Z', '2027-03-28', '02:00', 60],
    ['2027-03-28T09:00:00.000Z', '2027-03-28', '10:00', 60],
    ['2027-10-31T00:59:59.999Z', '2027-10-31', '01:59', 60],
    ['2027-10-31T01:00:00.000Z', '2027-10-31', '01:00', 0],
    ['2027-10-31T10:00:00.000Z', '2027-10-31', '10:00', 0],
    ['2027-06-30T23:30:00.000Z', '2027-07-01', '00:30', 60],
    ['2026-12-31T23:30:00.000Z', '2026-12-31', '23:30', 0],
  ])('%s is %s %s in London (offset %i minutes)', (iso, date, time, offset) => {
    const instant = new Date(iso);
    expect(londonWallClock(instant)).toMatchObject({ date, time });
    expect(londonDateOf(instant)).toBe(date);
    expect(londonOffsetMinutes(instant)).toBe(offset);
  });

  it('gives the change instants of 2026 and 2027', () => {
    expect(britishSummerTime(2026).starts.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(britishSummerTime(2026).ends.toISOString()).toBe('2026-10-25T01:00:00.000Z');
    expect(britishSummerTime(2027).starts.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(britishSummerTime(2027).ends.toISOString()).toBe('2027-10-31T01:00:00.000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => londonWallClock(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('startOfLondonDay and londonInstant', () => {
  it.each([
    ['2027-01-15', '2027-01-15T00:00:00.000Z'],
    ['2027-07-01', '2027-06-30T23:00:00.000Z'],
    ['2027-03-28', '2027-03-28T00:00:00.000Z'], // clocks go forward at 01:00 that night
    ['2027-03-29', '2027-03-28T23:00:00.000Z'],
    ['2027-10-31', '2027-10-30T23:00:00.000Z'], // clocks go back at 02:00 that night
    ['2027-11-01', '2027-11-01T00:00:00.000Z'],
  ])('London day %s starts at %s', (date, iso) => {
    expect(startOfLondonDay(date).toISOString()).toBe(iso);
  });

  it('is 00:00 on a London clock, one millisecond after the day before, for every day of 2024-2040', () => {
    const wrong: string[] = [];
    for (let date = '2024-01-01'; date <= '2040-12-31'; date = addDays(date, 1)) {
      const start = startOfLondonDay(date);
      const clock = londonWallClock(start);
      if (clock.date !== date || clock.time !== '00:00') wrong.push(date);
      if (londonDateOf(new Date(start.getTime() - 1)) !== addDays(date, -1)) wrong.push(date);
    }
    expect(wrong).toEqual([]);
  });

  it('gives the instant a London clock shows a time', () => {
    expect(londonInstant('2027-03-28', '10:00').toISOString()).toBe('2027-03-28T09:00:00.000Z');
    expect(londonInstant('2027-10-31', '10:00').toISOString()).toBe('2027-10-31T10:00:00.000Z');
    // 01:30 happens twice on 31 October 2027: the first (summer time) is meant.
    expect(londonInstant('2027-10-31', '01:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    // 01:30 never happens on 28 March 2027: read as Greenwich Mean Time (02:30 summer time).
    expect(londonInstant('2027-03-28', '01:30').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(() => londonInstant('2027-02-30', '10:00')).toThrow(RangeError);
  });
});
