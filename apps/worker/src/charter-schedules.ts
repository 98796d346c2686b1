// A Temporal Schedule per charter with reminder rules (board.reportEveryMonths,
// charter.reviewEveryMonths): it starts the charterReminders workflow at 09:00 Europe/London
// on the first day of each month in which one is due. Made (or brought up to date) when a
// worker starts, so the rules in libs/domain are the one source of when.
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import { CHARTERS } from '../../../libs/domain/src/charters';
import { charterReminderMonths } from '../../../libs/domain/src/charters/charter-reminders';
import { CHARTER_REMINDERS_WORKFLOW_TYPE, DEFAULT_TASK_QUEUE } from '../../../workflows/src/definitions';

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** One Schedule per charter and task queue (test runs each have their own queue). */
export const charterScheduleId = (charterId: string, taskQueue: string) =>
  taskQueue === DEFAULT_TASK_QUEUE
    ? `charter-reminders-${charterId}`
    : `charter-reminders-${charterId}-${taskQueue}`;

/** Creates each charter's Schedule, or updates it to the current rules; returns their ids. */
export async function ensureCharterSchedules(client: Client, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  for (const charter of CHARTERS) {
    const months = charterReminderMonths(charter);
    if (months.length === 0) continue;
    const scheduleId = charterScheduleId(charter.id, taskQueue);
    const options: ScheduleOptions = {
      scheduleId,
      spec: {
        calendars: [{ month: months.map((m) => MONTHS[m - 1]), dayOfMonth: 1, hour: 9 }],
        timezone: 'Europe/London',
      },
      action: {
        type: 'startWorkflow',
        workflowType: CHARTER_REMINDERS_WORKFLOW_TYPE,
        workflowId: scheduleId,
        taskQueue,
        args: [{ charterId: charter.id }],
      },
      policies: { catchupWindow: '1 day' },
    };
    try {
      await client.schedule.create(options);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: { ...previous.action, ...options.action },
      }));
    }
    ids.push(scheduleId);
  }
  return ids;
}
