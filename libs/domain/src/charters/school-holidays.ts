// The default England school holidays (a product decision, not a charter's words): used by
// a charter whose `meeting.avoidSchoolHolidays` rule is on and that does not give its own
// local term dates. Each council publishes its own dates, which differ by a few days; this
// table is a careful average, built once by hand-written rules (below) and stored as data so
// that it reads the same in every workflow. school-holidays.spec.ts checks that every school
// year from 2025/26 to 2030/31 has all six holidays and covers the minimums of DOMAIN.md.
//
// How each range was chosen (inclusive, weekends around a holiday included):
// - October half term: the week beginning the Monday that falls on 22-28 October, from the
//   Saturday before to the Sunday after.
// - Christmas: from 20 December (the Saturday before, if 20 December is a Sunday or Monday)
//   to the day before school returns: the first Monday on or after 3 January, or 3 January
//   itself when that is a Tuesday or Wednesday, moved a day later past a bank holiday.
// - February half term: the week beginning the Monday that falls on 13-19 February.
// - Easter: from the Saturday 8 days before Easter Sunday to the Sunday a week after it (the
//   week before Easter and the week after, as most councils do).
// - May half term: the week of the spring bank holiday (the last Monday of May).
// - Summer: from 23 July (the Saturday before, if 23 July is a Sunday or Monday) to the day
//   before the first Monday-to-Thursday on or after 1 September.
import type { DateRange } from './types';

export const ENGLAND_DEFAULT_SCHOOL_HOLIDAYS: readonly DateRange[] = Object.freeze(
  [
    // School year 2025/26
    { from: '2025-10-25', to: '2025-11-02' }, // October half term: Saturday 25 October 2025 to Sunday 2 November 2025
    { from: '2025-12-20', to: '2026-01-04' }, // Christmas holiday: Saturday 20 December 2025 to Sunday 4 January 2026
    { from: '2026-02-14', to: '2026-02-22' }, // February half term: Saturday 14 February 2026 to Sunday 22 February 2026
    { from: '2026-03-28', to: '2026-04-12' }, // Easter holiday (Easter Sunday 2026-04-05): Saturday 28 March 2026 to Sunday 12 April 2026
    { from: '2026-05-23', to: '2026-05-31' }, // May half term: Saturday 23 May 2026 to Sunday 31 May 2026
    { from: '2026-07-23', to: '2026-08-31' }, // Summer holiday: Thursday 23 July 2026 to Monday 31 August 2026
    // School year 2026/27
    { from: '2026-10-24', to: '2026-11-01' }, // October half term: Saturday 24 October 2026 to Sunday 1 November 2026
    { from: '2026-12-19', to: '2027-01-03' }, // Christmas holiday: Saturday 19 December 2026 to Sunday 3 January 2027
    { from: '2027-02-13', to: '2027-02-21' }, // February half term: Saturday 13 February 2027 to Sunday 21 February 2027
    { from: '2027-03-20', to: '2027-04-04' }, // Easter holiday (Easter Sunday 2027-03-28): Saturday 20 March 2027 to Sunday 4 April 2027
    { from: '2027-05-29', to: '2027-06-06' }, // May half term: Saturday 29 May 2027 to Sunday 6 June 2027
    { from: '2027-07-23', to: '2027-08-31' }, // Summer holiday: Friday 23 July 2027 to Tuesday 31 August 2027
    // School year 2027/28
    { from: '2027-10-23', to: '2027-10-31' }, // October half term: Saturday 23 October 2027 to Sunday 31 October 2027
    { from: '2027-12-18', to: '2028-01-03' }, // Christmas holiday: Saturday 18 December 2027 to Monday 3 January 2028
    { from: '2028-02-12', to: '2028-02-20' }, // February half term: Saturday 12 February 2028 to Sunday 20 February 2028
    { from: '2028-04-08', to: '2028-04-23' }, // Easter holiday (Easter Sunday 2028-04-16): Saturday 8 April 2028 to Sunday 23 April 2028
    { from: '2028-05-27', to: '2028-06-04' }, // May half term: Saturday 27 May 2028 to Sunday 4 June 2028
    { from: '2028-07-22', to: '2028-09-03' }, // Summer holiday: Saturday 22 July 2028 to Sunday 3 September 2028
    // School year 2028/29
    { from: '2028-10-21', to: '2028-10-29' }, // October half term: Saturday 21 October 2028 to Sunday 29 October 2028
    { from: '2028-12-20', to: '2029-01-02' }, // Christmas holiday: Wednesday 20 December 2028 to Tuesday 2 January 2029
    { from: '2029-02-17', to: '2029-02-25' }, // February half term: Saturday 17 February 2029 to Sunday 25 February 2029
    { from: '2029-03-24', to: '2029-04-08' }, // Easter holiday (Easter Sunday 2029-04-01): Saturday 24 March 2029 to Sunday 8 April 2029
    { from: '2029-05-26', to: '2029-06-03' }, // May half term: Saturday 26 May 2029 to Sunday 3 June 2029
    { from: '2029-07-21', to: '2029-09-02' }, // Summer holiday: Saturday 21 July 2029 to Sunday 2 September 2029
    // School year 2029/30
    { from: '2029-10-20', to: '2029-10-28' }, // October half term: Saturday 20 October 2029 to Sunday 28 October 2029
    { from: '2029-12-20', to: '2030-01-06' }, // Christmas holiday: Thursday 20 December 2029 to Sunday 6 January 2030
    { from: '2030-02-16', to: '2030-02-24' }, // February half term: Saturday 16 February 2030 to Sunday 24 February 2030
    { from: '2030-04-13', to: '2030-04-28' }, // Easter holiday (Easter Sunday 2030-04-21): Saturday 13 April 2030 to Sunday 28 April 2030
    { from: '2030-05-25', to: '2030-06-02' }, // May half term: Saturday 25 May 2030 to Sunday 2 June 2030
    { from: '2030-07-23', to: '2030-09-01' }, // Summer holiday: Tuesday 23 July 2030 to Sunday 1 September 2030
    // School year 2030/31
    { from: '2030-10-26', to: '2030-11-03' }, // October half term: Saturday 26 October 2030 to Sunday 3 November 2030
    { from: '2030-12-20', to: '2031-01-05' }, // Christmas holiday: Friday 20 December 2030 to Sunday 5 January 2031
    { from: '2031-02-15', to: '2031-02-23' }, // February half term: Saturday 15 February 2031 to Sunday 23 February 2031
    { from: '2031-04-05', to: '2031-04-20' }, // Easter holiday (Easter Sunday 2031-04-13): Saturday 5 April 2031 to Sunday 20 April 2031
    { from: '2031-05-24', to: '2031-06-01' }, // May half term: Saturday 24 May 2031 to Sunday 1 June 2031
    { from: '2031-07-23', to: '2031-08-31' }, // Summer holiday: Wednesday 23 July 2031 to Sunday 31 August 2031
  ].map((range) => Object.freeze(range)),
);
