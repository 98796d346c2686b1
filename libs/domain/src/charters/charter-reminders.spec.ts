import { charterReminderMonths, charterRemindersDue } from './charter-reminders';
import { findCharter } from './profiles';

const wokingham = findCharter('wokingham')!;
const worcestershire = findCharter('worcestershire')!;

describe('board report and charter review reminders', () => {
  it('fall due in every 6th month from January, by the end of the month', () => {
    expect(charterReminderMonths(wokingham)).toEqual([1, 7]);
    expect(charterRemindersDue(wokingham, '2027-07-01')).toEqual([
      expect.objectContaining({
        type: 'boardReportReminder',
        role: 'BOARD',
        everyMonths: 6,
        dueOn: '2027-07-31',
      }),
      expect.objectContaining({
        type: 'charterReviewReminder',
        role: 'ADMIN',
        everyMonths: 6,
        dueOn: '2027-07-31',
      }),
    ]);
    expect(charterRemindersDue(wokingham, '2028-01-20')[0].dueOn).toBe('2028-01-31');
    expect(charterRemindersDue(wokingham, '2027-02-01')).toEqual([]);
  });

  it('are never due under a charter without the rules', () => {
    expect(charterReminderMonths(worcestershire)).toEqual([]);
    expect(charterRemindersDue(worcestershire, '2027-01-01')).toEqual([]);
  });
});
