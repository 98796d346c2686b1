// What Intl's time zone data says a London clock shows: the tests' oracle, independent of
// the domain's own London-time arithmetic.
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

/** The London clock's parts at `instant`, two digits each ('2027-03-28' is year, month, day). */
export function intlLondonClock(instant: Date) {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'weekday', string>;
}
