// Europe/London wall-clock time, computed from the United Kingdom's summer time rule rather
// than from Intl time zone data, so the answer cannot change with the host's tz database
// (Temporal workflow code must be deterministic). The rule, in force since 1996: British
// Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
// last Sunday of October; Greenwich Mean Time (UTC+0) the rest of the year. Instants
// before 1996 are not reliably converted (the rules were different then).
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  formatLongDate,
  minutesOfTime,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseIsoDate,
  timeOfMinutes,
  weekdayOfDays,
  type IsoDate,
} from './dates';

export interface LondonWallClock {
  /** The calendar day in London, 'YYYY-MM-DD'. */
  date: IsoDate;
  /** The time on a London clock, 'HH:MM' (seconds dropped). */
  time: string;
  /** Minutes after midnight on a London clock, 0 to 1439. */
  minutesOfDay: number;
  /** 0 = Sunday ... 6 = Saturday, in London. */
  weekday: number;
}

/** The last Sunday of a month, as days since 1970-01-01. */
function lastSunday(year: number, month: number): number {
  const lastDay = daysFromCivil(year, month, daysInMonth(year, month));
  return lastDay - weekdayOfDays(lastDay);
}

/** The instants (ms since the epoch) at which British Summer Time starts and ends in a year. */
export function britishSummerTime(year: number): { starts: Date; ends: Date } {
  return {
    starts: new Date(lastSunday(year, 3) * MS_PER_DAY + MS_PER_HOUR),
    ends: new Date(lastSunday(year, 10) * MS_PER_DAY + MS_PER_HOUR),
  };
}

function isSummerTime(ms: number): boolean {
  const [year] = civilFromDays(Math.floor(ms / MS_PER_DAY));
  const starts = lastSunday(year, 3) * MS_PER_DAY + MS_PER_HOUR;
  const ends = lastSunday(year, 10) * MS_PER_DAY + MS_PER_HOUR;
  return ms >= starts && ms < ends;
}

function msOf(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError('Expected a valid date and time (a JavaScript Date).');
  return ms;
}

/** London's offset from UTC at an instant, in minutes: 60 in British Summer Time, else 0. */
export function londonOffsetMinutes(instant: Date): number {
  return isSummerTime(msOf(instant)) ? 60 : 0;
}

/** What a clock in London shows at an instant. */
export function londonWallClock(instant: Date): LondonWallClock {
  const ms = msOf(instant);
  const local = ms + (isSummerTime(ms) ? MS_PER_HOUR : 0);
  const days = Math.floor(local / MS_PER_DAY);
  const [year, month, day] = civilFromDays(days);
  const minutesOfDay = Math.floor((local - days * MS_PER_DAY) / MS_PER_MINUTE);
  return {
    date: formatIsoDate(year, month, day),
    time: timeOfMinutes(minutesOfDay),
    minutesOfDay,
    weekday: weekdayOfDays(days),
  };
}

/** An instant in words, London time, e.g. 'Monday 29 March 2027 at 10:00'. */
export function formatLondonInstant(instant: Date): string {
  const clock = londonWallClock(instant);
  return `${formatLongDate(clock.date)} at ${clock.time}`;
}

/** The London calendar day of an instant, 'YYYY-MM-DD'. */
export function londonDateOf(instant: Date): IsoDate {
  return londonWallClock(instant).date;
}

/**
 * The instant at which a London clock shows `time` ('HH:MM') on `date`. A time that happens
 * twice (01:00-01:59 on the last Sunday of October) gives the first, summer-time, instant; a
 * time that never happens (01:00-01:59 on the last Sunday of March) is read as Greenwich
 * Mean Time, i.e. the clock then shows an hour later.
 */
export function londonInstant(date: IsoDate, time = '00:00'): Date {
  const [year, month, day] = parseIsoDate(date);
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + minutesOfTime(time) * MS_PER_MINUTE;
  const asSummerTime = local - MS_PER_HOUR;
  return new Date(isSummerTime(asSummerTime) ? asSummerTime : local);
}

/** The instant London's day `date` begins (00:00 on a London clock). */
export function startOfLondonDay(date: IsoDate): Date {
  return londonInstant(date, '00:00');
}
