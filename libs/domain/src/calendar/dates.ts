// Calendar days as 'YYYY-MM-DD' strings and times of day as 'HH:MM' strings, with pure
// integer arithmetic (no time zone, no Intl, no Date parsing), so the answers are the same
// everywhere, including inside Temporal's deterministic workflow sandbox.

/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's algorithm; month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date [year, month 1-12, day] of a count of days since 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Day of the week of a count of days since 1970-01-01 (a Thursday): 0 = Sunday ... 6 = Saturday. */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats a civil date as 'YYYY-MM-DD'. */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** True for a real calendar day written 'YYYY-MM-DD' (years 0001 to 9999), e.g. '2028-02-29'. */
export function isValidIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses 'YYYY-MM-DD' into [year, month, day]; throws a RangeError for anything else. */
export function parseIsoDate(date: IsoDate): [number, number, number] {
  if (!isValidIsoDate(date))
    throw new RangeError(`"${String(date)}" is not a calendar day written YYYY-MM-DD.`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(date: IsoDate): number {
  const [year, month, day] = parseIsoDate(date);
  return daysFromCivil(year, month, day);
}

/** The 'YYYY-MM-DD' day of a count of days since 1970-01-01. */
export function dateOfDayNumber(days: number): IsoDate {
  const [year, month, day] = civilFromDays(days);
  return formatIsoDate(year, month, day);
}

/** The day `n` calendar days after `date` (before it when `n` is negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, not ${n}.`);
  return dateOfDayNumber(dayNumber(date) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Day of the week of a 'YYYY-MM-DD' day: 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfDays(dayNumber(date));
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
}

/** Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999)
    throw new RangeError(`easterSunday needs a Gregorian year from 1583 to 9999, not ${year}.`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}

/** A day in words for people, e.g. 'Monday 11 January 2027'. */
export function formatLongDate(date: IsoDate): string {
  const [year, month, day] = parseIsoDate(date);
  return `${WEEKDAY_NAMES[weekdayOf(date)]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** True for a time of day written 'HH:MM' on the 24-hour clock, '00:00' to '23:59'. */
export function isValidTimeOfDay(s: unknown): s is string {
  return typeof s === 'string' && TIME_OF_DAY.test(s);
}

/** Minutes after midnight of an 'HH:MM' time of day; throws a RangeError for anything else. */
export function minutesOfTime(time: string): number {
  const m = TIME_OF_DAY.exec(time);
  if (!m) throw new RangeError(`"${String(time)}" is not a time of day written HH:MM (24-hour clock).`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 'HH:MM' for a number of minutes after midnight (0 to 1439). */
export function timeOfMinutes(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60)
    throw new RangeError(`${minutes} is not a number of minutes within one day.`);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A length of time in words, e.g. 90 -> '1 hour 30 minutes', 120 -> '2 hours'. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}
