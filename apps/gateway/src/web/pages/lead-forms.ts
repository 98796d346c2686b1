// The project lead's and key contact's step forms: what each form's fields become as the
// domain's command, and which field each refusal points at. Works without JavaScript: lists
// are one item a line, repeated rows are a few fixed rows with blanks ignored.
import type { ProjectCommand } from '../../../../../libs/domain/src/commands';
import { isValidIsoDate, londonInstant } from '../../../../../libs/domain/src/calendar';
import type { RuleId } from '../../../../../libs/domain/src/charters';
import type { ProjectState } from '../../../../../libs/domain/src/project-state';
import type {
  FeedbackChannel,
  LadderLevel,
  ParticipantRole,
} from '../../../../../libs/domain/src/vocabulary';

export type Form = Record<string, unknown>;

/** A field's text, trimmed; '' when absent. */
export function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A field's text, or null when blank. */
export const optional = (form: Form, name: string): string | null => text(form, name) || null;

/** Every value of a repeated field (ticked checkboxes). */
export function values(form: Form, name: string): string[] {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** A textarea of one item a line, blank lines left out. */
export function lines(form: Form, name: string): string[] {
  return text(form, name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A whole number typed in a field; NaN (which the domain refuses) for anything else. */
export function wholeNumber(form: Form, name: string): number {
  const t = text(form, name);
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/** The London calendar day of a GOV.UK date input ("name-day", "name-month", "name-year"), or null. */
export function dateOf(form: Form, name: string): string | null {
  const [d, m, y] = ['day', 'month', 'year'].map((part) => text(form, `${name}-${part}`));
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidIsoDate(date) ? date : null;
}

/** "10:00", "10am", "2:30pm", "14.30", "midday" as "HH:MM" on the 24-hour clock, or null. */
export function timeOf(value: string): string | null {
  const t = value.trim().toLowerCase().replace(/\s+/g, '');
  if (t === 'midday' || t === 'noon') return '12:00';
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (m[2] === undefined) return null;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The instant of a date input and a time field on a London clock; "" (refused by the domain) when either is not real. */
export function instantOf(form: Form, dateName: string, time: string | null): string {
  const date = dateOf(form, dateName);
  return date && time ? londonInstant(date, time).toISOString() : '';
}

/** The London date and time of an instant, as a date input's and time field's values. */
export function formValuesOfInstant(iso: string, dateName: string, timeName: string): Form {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return {
    [`${dateName}-day`]: parts.day,
    [`${dateName}-month`]: parts.month,
    [`${dateName}-year`]: parts.year,
    [timeName]: `${parts.hour}:${parts.minute}`,
  };
}

export interface StepContext {
  state: ProjectState;
  meetingId?: string;
  participantId?: string;
}

/** The meeting rules a refusal of a booking names, and the field each points at. */
const BOOKING_RULE_FIELDS: Partial<Record<RuleId, string>> = {
  'meeting.minBookingNoticeDays': 'startsAt-day',
  'meeting.avoidSchoolHolidays': 'startsAt-day',
  'meeting.window': 'startsAtTime',
  'meeting.avoidSchoolRun': 'startsAtTime',
  'meeting.maxDurationMinutes': 'durationMinutes',
};

const START_FIELDS = { startsAt: 'startsAt-day', startsAtTime: 'startsAtTime' };

export interface LeadStep {
  /** The page's heading. */
  title: string;
  button: string;
  /** Its template under views/pages/lead/. */
  template: string;
  /** What the form is about: the project, one of its meetings or one of its participants. */
  on: 'project' | 'meeting' | 'participant';
  /** The form's field ids a refusal naming the same domain field links to. */
  ids: string[];
  /** Domain field names that differ from the form's field ids. */
  fields?: (form: Form, ctx: StepContext) => Record<string, string>;
  /** The field a charter rule's refusal points at. */
  rules?: Partial<Record<RuleId, string>>;
  /** The values a form starts with (e.g. a meeting's current time). */
  initial?: (ctx: StepContext) => Form;
  command: (form: Form, ctx: StepContext) => ProjectCommand;
}

const RECORD_IDS = ['minutes', 'present', 'decisions', 'actions'];

/** Attendance from the "present" checkboxes: every current participant, ticked or not. */
function attendanceOf(form: Form, state: ProjectState) {
  const present = new Set(values(form, 'present'));
  return state.participants.map((p) => ({ participantId: p.id, present: present.has(p.id) }));
}

const recordOf = (form: Form, state: ProjectState) => ({
  minutes: text(form, 'minutes'),
  decisions: lines(form, 'decisions'),
  actions: lines(form, 'actions'),
  attendance: attendanceOf(form, state),
});

/** How many "You said, we did" rows a closing report form has besides one per feedback item. */
export const EXTRA_REPORT_ROWS = 2;

/** The closing report's rows: one per feedback item (kept even when blank), then the extra rows typed in. */
function reportRows(form: Form, state: ProjectState) {
  const count = state.feedback.length + EXTRA_REPORT_ROWS;
  const rows: { row: number; youSaid: string; weDid: string; feedbackIds: string[] }[] = [];
  for (let row = 0; row < count; row++) {
    const item = state.feedback[row];
    const youSaid = text(form, `entry${row}YouSaid`);
    const weDid = text(form, `entry${row}WeDid`);
    if (!item && !youSaid && !weDid) continue;
    rows.push({ row, youSaid, weDid, feedbackIds: item ? [item.id] : [] });
  }
  return rows;
}

export const PROJECT_STEPS: Record<string, LeadStep> = {
  'accept-level': {
    title: 'Accept the level of participation the parent carer side proposed',
    button: 'Accept this level',
    template: 'accept-level.njk',
    on: 'project',
    ids: ['comment'],
    command: (form) => ({ type: 'acceptLadderLevel', comment: optional(form, 'comment') }),
  },
  'change-level': {
    title: 'Propose or change the level of participation',
    button: 'Save the level',
    template: 'change-level.njk',
    on: 'project',
    ids: ['level', 'reason'],
    rules: { 'ladder.reasonRequired': 'reason', 'briefing.beforeWork': 'level' },
    command: (form) => ({
      type: 'changeLadderLevel',
      level: text(form, 'level') as LadderLevel,
      reason: text(form, 'reason'),
    }),
  },
  'record-briefing': {
    title: 'Record a briefing',
    button: 'Record the briefing',
    template: 'record-briefing.njk',
    on: 'project',
    ids: ['briefed', 'summary'],
    fields: () => ({ briefedParticipantIds: 'briefed' }),
    command: (form) => ({
      type: 'recordBriefing',
      summary: text(form, 'summary'),
      briefedParticipantIds: values(form, 'briefed'),
    }),
  },
  'complete-briefing': {
    title: 'Finish the briefing and move on to meetings',
    button: 'Finish the briefing',
    template: 'confirm.njk',
    on: 'project',
    ids: [],
    command: () => ({ type: 'completeBriefing' }),
  },
  'schedule-meeting': {
    title: 'Book a meeting',
    button: 'Book the meeting',
    template: 'schedule-meeting.njk',
    on: 'project',
    ids: ['title', 'startsAtTime', 'durationMinutes', 'location', 'accessibilityNotes', 'overrideReason'],
    fields: () => START_FIELDS,
    rules: BOOKING_RULE_FIELDS,
    command: (form) => ({
      type: 'scheduleMeeting',
      input: {
        title: text(form, 'title'),
        startsAt: instantOf(form, 'startsAt', timeOf(text(form, 'startsAtTime'))),
        durationMinutes: wholeNumber(form, 'durationMinutes'),
        location: text(form, 'location'),
        accessibilityNotes: optional(form, 'accessibilityNotes'),
        overrideReason: optional(form, 'overrideReason'),
      },
    }),
  },
  'record-past-meeting': {
    title: 'Record a meeting that was not booked here',
    button: 'Record the meeting',
    template: 'record-past-meeting.njk',
    on: 'project',
    ids: ['title', 'startsAtTime', 'durationMinutes', 'location', 'reason', ...RECORD_IDS],
    fields: () => ({
      ...START_FIELDS,
      'record.minutes': 'minutes',
      'record.decisions': 'decisions',
      'record.actions': 'actions',
      'record.attendance': 'present',
    }),
    command: (form, { state }) => ({
      type: 'recordPastMeeting',
      input: {
        title: text(form, 'title'),
        startsAt: instantOf(form, 'startsAt', timeOf(text(form, 'startsAtTime'))),
        durationMinutes: wholeNumber(form, 'durationMinutes'),
        location: text(form, 'location'),
        reason: text(form, 'reason'),
        record: recordOf(form, state),
      },
    }),
  },
  'open-feedback': {
    title: 'Start gathering feedback',
    button: 'Start gathering feedback',
    template: 'open-feedback.njk',
    on: 'project',
    ids: ['channels'],
    fields: () => ({ closesAt: 'closesAt-day' }),
    // The window closes at the end of the closing date, London time.
    command: (form) => ({
      type: 'openFeedback',
      closesAt: instantOf(form, 'closesAt', '23:59'),
      channels: values(form, 'channels') as FeedbackChannel[],
    }),
  },
  'close-feedback': {
    title: 'Stop gathering feedback',
    button: 'Stop gathering feedback',
    template: 'confirm.njk',
    on: 'project',
    ids: [],
    command: () => ({ type: 'closeFeedback' }),
  },
  'acknowledge-feedback': {
    title: 'Thank people for their feedback',
    button: 'Send the acknowledgement',
    template: 'acknowledge-feedback.njk',
    on: 'project',
    ids: ['message'],
    command: (form) => ({ type: 'acknowledgeFeedback', message: text(form, 'message') }),
  },
  'closing-report': {
    title: 'Publish the "You said, we did" report',
    button: 'Publish the report',
    template: 'closing-report.njk',
    on: 'project',
    ids: ['levelAchieved', 'barriers', 'lessonsLearned', 'celebrate'],
    fields: (form, { state }) =>
      Object.fromEntries(
        reportRows(form, state).flatMap((r, i) => [
          [`youSaidWeDid[${i}].youSaid`, `entry${r.row}YouSaid`],
          [`youSaidWeDid[${i}].weDid`, `entry${r.row}WeDid`],
        ]),
      ),
    rules: { 'report.youSaidWeDid': 'entry0YouSaid' },
    command: (form, { state }) => ({
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: reportRows(form, state).map(({ youSaid, weDid, feedbackIds }) => ({
          youSaid,
          weDid,
          feedbackIds,
        })),
        levelAchieved: text(form, 'levelAchieved') as LadderLevel,
        barriers: optional(form, 'barriers'),
        lessonsLearned: optional(form, 'lessonsLearned'),
        celebrate: optional(form, 'celebrate'),
      },
    }),
  },
  cancel: {
    title: 'Cancel the project',
    button: 'Cancel the project',
    template: 'reason.njk',
    on: 'project',
    ids: ['reason'],
    command: (form) => ({ type: 'cancelProject', reason: text(form, 'reason') }),
  },
  'add-participant': {
    title: 'Add a participant',
    button: 'Add the participant',
    template: 'add-participant.njk',
    on: 'project',
    ids: ['displayName', 'role', 'email', 'organisation'],
    command: (form) => ({
      type: 'addParticipant',
      input: {
        displayName: text(form, 'displayName'),
        role: text(form, 'role') as ParticipantRole,
        email: optional(form, 'email'),
        organisation: optional(form, 'organisation'),
      },
    }),
  },
};

const meetingOf = (ctx: StepContext) => ctx.state.meetings.find((m) => m.id === ctx.meetingId);

export const MEETING_STEPS: Record<string, LeadStep> = {
  papers: {
    title: 'Send out the papers',
    button: 'Record the papers as sent',
    template: 'papers.njk',
    on: 'meeting',
    ids: ['documents'],
    command: (form, ctx) => ({
      type: 'distributePapers',
      meetingId: ctx.meetingId!,
      documents: lines(form, 'documents'),
    }),
  },
  record: {
    title: 'Record what happened at the meeting',
    button: 'Record the meeting',
    template: 'record-meeting.njk',
    on: 'meeting',
    ids: RECORD_IDS,
    fields: () => ({ attendance: 'present' }),
    command: (form, ctx) => ({
      type: 'recordMeeting',
      meetingId: ctx.meetingId!,
      input: recordOf(form, ctx.state),
    }),
  },
  reschedule: {
    title: 'Move the meeting to another time',
    button: 'Move the meeting',
    template: 'reschedule-meeting.njk',
    on: 'meeting',
    ids: ['startsAtTime', 'durationMinutes', 'overrideReason'],
    fields: () => START_FIELDS,
    rules: BOOKING_RULE_FIELDS,
    initial: (ctx) => {
      const meeting = meetingOf(ctx);
      return meeting
        ? {
            ...formValuesOfInstant(meeting.startsAt, 'startsAt', 'startsAtTime'),
            durationMinutes: String(meeting.durationMinutes),
          }
        : {};
    },
    command: (form, ctx) => ({
      type: 'rescheduleMeeting',
      meetingId: ctx.meetingId!,
      startsAt: instantOf(form, 'startsAt', timeOf(text(form, 'startsAtTime'))),
      durationMinutes: wholeNumber(form, 'durationMinutes'),
      overrideReason: optional(form, 'overrideReason'),
    }),
  },
  cancel: {
    title: 'Cancel the meeting',
    button: 'Cancel the meeting',
    template: 'reason.njk',
    on: 'meeting',
    ids: ['reason'],
    command: (form, ctx) => ({
      type: 'cancelMeeting',
      meetingId: ctx.meetingId!,
      reason: text(form, 'reason'),
    }),
  },
};

export const PARTICIPANT_STEPS: Record<string, LeadStep> = {
  'change-role': {
    title: 'Change a participant’s role',
    button: 'Change the role',
    template: 'change-role.njk',
    on: 'participant',
    ids: ['role', 'reason'],
    fields: () => ({ participantId: 'role' }),
    command: (form, ctx) => ({
      type: 'changeParticipantRole',
      participantId: ctx.participantId!,
      role: text(form, 'role') as ParticipantRole,
      reason: optional(form, 'reason'),
    }),
  },
  remove: {
    title: 'Remove a participant',
    button: 'Remove the participant',
    template: 'reason.njk',
    on: 'participant',
    ids: ['reason'],
    fields: () => ({ participantId: 'reason' }),
    command: (form, ctx) => ({
      type: 'removeParticipant',
      participantId: ctx.participantId!,
      reason: text(form, 'reason'),
    }),
  },
};
