// Dates and times in words, in Europe/London ("Thursday 4 March 2027 at 10am"), for the
// templates. Pages never show an ISO timestamp where words exist.
import type nunjucks from 'nunjucks';

const LONDON = 'Europe/London';

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || !value) return null;
  // A calendar day ('YYYY-MM-DD') is that day in London: noon UTC is the same day there.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "Thursday 4 March 2027". */
export function dayInWords(value: unknown): string {
  const d = toDate(value);
  return d ? dayFormat.format(d).replace(',', '') : '';
}

/** "10am", "2:30pm", "midday", "midnight" (GOV.UK style). */
export function timeInWords(value: unknown): string {
  const d = toDate(value);
  if (!d) return '';
  const parts = Object.fromEntries(timeParts.formatToParts(d).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  const minute = parts.minute;
  const period = String(parts.dayPeriod ?? '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\s/g, '');
  if (minute === '00' && hour === 12) return period === 'pm' ? 'midday' : 'midnight';
  return `${hour}${minute === '00' ? '' : `:${minute}`}${period}`;
}

/** "Thursday 4 March 2027 at 10am". */
export function dateTimeInWords(value: unknown): string {
  const day = dayInWords(value);
  return day ? `${day} at ${timeInWords(value)}` : '';
}

export function addWordFilters(env: nunjucks.Environment): void {
  env.addFilter('day', dayInWords);
  env.addFilter('time', timeInWords);
  env.addFilter('dateTime', dateTimeInWords);
}
