// Reminders: when a step a charter promises is close and not yet done, the people who must do
// it are told (papers 2 working days before they are due, feedback 2 days before the window
// closes, acknowledgement 3 working days before it is due). Like deadlines, they follow from
// the state, so the workflow's timers need no bookkeeping of their own.
import { SYSTEM_ACTOR } from '../actor';
import { addDays, isWorkingDay, londonDateOf, londonInstant, MS_PER_DAY, type IsoDate } from '../calendar';
import { acknowledgementDeadlinePassesAt } from '../charters';
import type { NewEvent, ReminderKind } from '../events';
import { reminderId, type ProjectState } from '../project-state';
import { FINAL_PHASES } from '../vocabulary';
import { eventOf, only, type Decision } from './common';

export const PAPERS_REMINDER_WORKING_DAYS = 2;
export const FEEDBACK_REMINDER_DAYS = 2;
export const ACK_REMINDER_WORKING_DAYS = 3;
/** Reminders go out at the start of a working day, London time. */
const REMINDER_TIME = '09:00';

export interface OpenReminder {
  kind: ReminderKind;
  meetingId: string | null;
  /** When it is sent. */
  at: string;
  /** The deadline it reminds of: after that, it is no use any more. */
  dueAt: string;
}

/** The working day `n` working days before `date` (weekends and bank holidays skipped). */
export function workingDaysBefore(date: IsoDate, n: number): IsoDate {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

const atStartOfWorkingDay = (day: IsoDate) => londonInstant(day, REMINDER_TIME).toISOString();

/** Reminders not yet sent whose step is still open and whose deadline is still ahead of `now`. */
export function openReminders(state: ProjectState, now: Date): OpenReminder[] {
  if (FINAL_PHASES.includes(state.phase)) return [];
  const sent = new Set(state.remindersDue ?? []);
  const reminders: OpenReminder[] = [];
  for (const m of state.meetings) {
    if (m.status !== 'SCHEDULED' || !m.papersDueBy || m.papersDistributedAt) continue;
    const day = workingDaysBefore(londonDateOf(new Date(m.papersDueBy)), PAPERS_REMINDER_WORKING_DAYS);
    reminders.push({ kind: 'papers', meetingId: m.id, at: atStartOfWorkingDay(day), dueAt: m.papersDueBy });
  }
  const window = state.feedbackWindow;
  if (state.phase === 'FEEDBACK' && window && !window.closedAt) {
    const at = new Date(new Date(window.closesAt).getTime() - FEEDBACK_REMINDER_DAYS * MS_PER_DAY);
    // A window shorter than the reminder's notice gets no reminder: the opening message says it all.
    if (at.getTime() > new Date(window.opensAt).getTime())
      reminders.push({
        kind: 'feedbackClose',
        meetingId: null,
        at: at.toISOString(),
        dueAt: window.closesAt,
      });
  }
  const ack = state.acknowledgement;
  if (ack && !ack.sentAt) {
    const day = workingDaysBefore(ack.dueBy, ACK_REMINDER_WORKING_DAYS);
    reminders.push({
      kind: 'acknowledgement',
      meetingId: null,
      at: atStartOfWorkingDay(day),
      dueAt: acknowledgementDeadlinePassesAt(ack.dueBy).toISOString(),
    });
  }
  return reminders
    .filter((r) => !sent.has(reminderId(r.kind, r.meetingId)) && new Date(r.dueAt).getTime() > now.getTime())
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** When the workflow must next wake to send a reminder, or null. */
export function nextReminderAt(state: ProjectState, now: Date): Date | null {
  const next = openReminders(state, now)[0];
  return next ? new Date(next.at) : null;
}

/** The ReminderDue events for every reminder whose time has come by `now`. */
export function decideReminders(state: ProjectState, now: Date): Decision {
  const events: NewEvent[] = openReminders(state, now)
    .filter((r) => new Date(r.at).getTime() <= now.getTime())
    .map((r) =>
      eventOf('ReminderDue', { reminder: r.kind, meetingId: r.meetingId, dueAt: r.dueAt }, SYSTEM_ACTOR, now),
    );
  return only(...events);
}
