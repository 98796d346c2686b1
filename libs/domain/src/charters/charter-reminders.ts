// When a charter's board report and its own review fall due (board.reportEveryMonths,
// charter.reviewEveryMonths), as data for the charter's Temporal Schedule: due in every
// Nth month of the year counted from January, by the end of that month (Europe/London).
import { ruleOf } from './profiles';
import type { CharterProfile, RuleId } from './types';

export interface CharterReminderRule {
  rule: RuleId;
  /** The message the charter's members get. */
  type: 'boardReportReminder' | 'charterReviewReminder';
  /** Who gets it: memberships with this role in the charter. */
  role: 'BOARD' | 'ADMIN';
}

export const CHARTER_REMINDER_RULES: readonly CharterReminderRule[] = [
  { rule: 'board.reportEveryMonths', type: 'boardReportReminder', role: 'BOARD' },
  { rule: 'charter.reviewEveryMonths', type: 'charterReviewReminder', role: 'ADMIN' },
];

export interface CharterReminderDue extends CharterReminderRule {
  everyMonths: number;
  /** The last day of the month it is due in, YYYY-MM-DD. */
  dueOn: string;
  /** The charter's own words for the rule. */
  source: string;
}

const everyMonthsOf = (charter: CharterProfile, rule: RuleId): number | null => {
  const r = ruleOf(charter, rule);
  return r.mode !== 'OFF' && typeof r.value === 'number' && r.value > 0 ? r.value : null;
};

/** The months (1–12) in which any reminder of the charter is due: the Schedule's calendar. */
export function charterReminderMonths(charter: CharterProfile): number[] {
  const months = new Set<number>();
  for (const { rule } of CHARTER_REMINDER_RULES) {
    const every = everyMonthsOf(charter, rule);
    if (every) for (let m = 1; m <= 12; m += every) months.add(m);
  }
  return [...months].sort((a, b) => a - b);
}

/** What is due in the month of `day` (YYYY-MM-DD, Europe/London). */
export function charterRemindersDue(charter: CharterProfile, day: string): CharterReminderDue[] {
  const [year, month] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dueOn = `${day.slice(0, 7)}-${String(lastDay).padStart(2, '0')}`;
  return CHARTER_REMINDER_RULES.flatMap((r) => {
    const every = everyMonthsOf(charter, r.rule);
    return every && (month - 1) % every === 0
      ? [{ ...r, everyMonths: every, dueOn, source: ruleOf(charter, r.rule).source }]
      : [];
  });
}
