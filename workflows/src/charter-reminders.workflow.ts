// One run per firing of a charter's Schedule (apps/worker/src/charter-schedules.ts): the
// reminders due this month (board report, charter review) go to the charter's BOARD and
// ADMIN members, each to one person, through the same sendMessage activity as projects.
// Only ids travel: the worker looks the addresses up as it sends.
import { proxyActivities } from '@temporalio/workflow';
import { londonDateOf } from '../../libs/domain/src/calendar/london-time';
import {
  GIVE_UP_AFTER_ATTEMPTS,
  SEND_MESSAGE_OPTIONS,
  type CharterActivities,
  type CharterRemindersInput,
  type MessageActivities,
} from './definitions';

const { charterReminderMessages } = proxyActivities<CharterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { sendMessage } = proxyActivities<MessageActivities>(SEND_MESSAGE_OPTIONS);

/** Sends the month's reminders; returns how many messages it asked to send. */
export async function charterReminders(input: CharterRemindersInput): Promise<number> {
  // The Schedule fires on the first of the month; workflow time is deterministic on replay.
  const day = input.day ?? londonDateOf(new Date());
  const messages = await charterReminderMessages({ charterId: input.charterId, day });
  await Promise.all(
    messages.map((message) => sendMessage({ message, giveUpAfterAttempts: GIVE_UP_AFTER_ATTEMPTS })),
  );
  return messages.length;
}
