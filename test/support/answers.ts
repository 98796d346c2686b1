// What the integration tests share about GraphQL answers: checks of one answer, and many
// steps sent at once.
import { addDays, isWeekend } from '../../libs/domain/src/calendar/dates';
import { londonDateOf, londonInstant } from '../../libs/domain/src/calendar/london-time';
import * as Q from './documents';
import type { GraphQLResponse, Stack } from './stack';

/** The field's data of an answer that must have no errors. */
export function ok<T = any>(res: GraphQLResponse, field: string): T {
  expect(res.errors).toBeUndefined();
  return res.data![field] as T;
}

/** Each step mutation the tests send, by its field name. */
const STEP_DOCUMENTS = {
  agreeLadderLevel: Q.AGREE,
  counterProposeLadderLevel: Q.COUNTER_PROPOSE,
  changeLadderLevel: Q.CHANGE_LEVEL,
  cancelProject: Q.CANCEL,
  recordBriefing: Q.RECORD_BRIEFING,
  completeBriefing: Q.COMPLETE_BRIEFING,
  scheduleMeeting: Q.SCHEDULE_MEETING,
  distributePapers: Q.DISTRIBUTE_PAPERS,
  recordMeeting: Q.RECORD_MEETING,
  cancelMeeting: Q.CANCEL_MEETING,
  openFeedback: Q.OPEN_FEEDBACK,
  submitFeedback: Q.SUBMIT_FEEDBACK,
  closeFeedback: Q.CLOSE_FEEDBACK,
  acknowledgeFeedback: Q.ACKNOWLEDGE,
  publishClosingReport: Q.PUBLISH_REPORT,
} as const;

/** Takes the step `field` with `variables` as `token`'s holder; expects it done and returns its answer. */
export async function step<T = any>(
  stack: Stack,
  token: string,
  field: keyof typeof STEP_DOCUMENTS,
  variables: Record<string, unknown>,
): Promise<T> {
  return ok<T>(await stack.gql(STEP_DOCUMENTS[field], variables, token), field);
}

/** A project's events after ladderCourse on it, just started: its start, then the three steps. */
export const LADDER_COURSE_EVENTS = [
  'ProjectStarted',
  'LadderLevelCounterProposed',
  'LadderLevelAgreed',
  'LadderLevelChanged',
] as const;

/**
 * The ladder's course both sides take in the slice tests: the parent rep counter-proposes
 * PARTNERSHIP (for `counterReason`), the lead agrees to it, then changes it to CONSULTATION as
 * funding was cut. Each step expected done; returns their three answers.
 */
export async function ladderCourse(
  stack: Stack,
  people: { lead: { token: string }; rep: { token: string } },
  projectId: string,
  counterReason: string,
): Promise<any[]> {
  const take = (
    token: string,
    field: 'counterProposeLadderLevel' | 'changeLadderLevel',
    level: string,
    reason: string,
  ) => step(stack, token, field, { projectId, level, reason });
  return [
    await take(people.rep.token, 'counterProposeLadderLevel', 'PARTNERSHIP', counterReason),
    await take(people.lead.token, 'changeLadderLevel', 'PARTNERSHIP', 'We accept the forum view'),
    await take(people.lead.token, 'changeLadderLevel', 'CONSULTATION', 'Funding was cut'),
  ];
}

/** Expects the step refused with `code` (and these extensions): no data, the error first. */
export function refused(res: GraphQLResponse, code: string, extensions: Record<string, unknown> = {}) {
  expect(res.data).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
}

/** `count` counter-proposals on the project sent at once by `token` (as many people acting together). */
export function counterProposalsAtOnce(stack: Stack, projectId: string, token: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      stack.gql(
        Q.COUNTER_PROPOSE,
        { projectId, level: i % 2 ? 'PARTNERSHIP' : 'CONSULTATION', reason: `Reason ${i}` },
        token,
      ),
    ),
  );
}

/**
 * Starts a project (`input` as startProject takes it), agreed by its parent rep and briefed by
 * its key contact: the point most step tests begin from. Returns the started project.
 */
export async function briefedProject(
  stack: Stack,
  people: { lead: { token: string }; rep: { token: string }; keyContact: { token: string } },
  input: unknown,
): Promise<any> {
  const project = ok(await stack.gql(Q.START_PROJECT, { input }, people.lead.token), 'startProject');
  const projectId = project.id as string;
  const repId = project.participants.find((p: any) => p.role === 'PARENT_REP').id as string;
  ok(await stack.gql(Q.AGREE, { projectId }, people.rep.token), 'agreeLadderLevel');
  await brief(stack, people, projectId, repId);
  return project;
}

/** The key contact briefs the parent rep `repId` and the lead completes the briefing (the project is in MEETINGS). */
export async function brief(
  stack: Stack,
  people: { lead: { token: string }; keyContact: { token: string } },
  projectId: string,
  repId: string,
): Promise<void> {
  ok(
    await stack.gql(
      Q.RECORD_BRIEFING,
      { projectId, summary: 'We explained how the review works.', ids: [repId] },
      people.keyContact.token,
    ),
    'recordBriefing',
  );
  ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId }, people.lead.token), 'completeBriefing');
}

/**
 * Books a meeting knowingly against the charter: on the next weekday at 8:30am London time
 * (the school run; in a school holiday, the holiday rule instead), within the papers' notice.
 * A MONITORED promise broken with `overrideReason` recorded, whatever the time of day the
 * test runs. Returns the meeting.
 */
/** 8:30am London time on the first weekday after today (tomorrow at the earliest). */
function nextWeekdayAtSchoolRun(now = new Date()): Date {
  let day = addDays(londonDateOf(now), 1);
  while (isWeekend(day)) day = addDays(day, 1);
  return londonInstant(day, '08:30');
}

export async function bookMeetingTooSoon(
  stack: Stack,
  projectId: string,
  token: string,
  overrideReason = 'The only date the families could make',
): Promise<any> {
  return ok(
    await stack.gql(
      Q.SCHEDULE_MEETING,
      {
        projectId,
        input: {
          title: 'Workshop',
          startsAt: nextWeekdayAtSchoolRun().toISOString(),
          durationMinutes: 60,
          location: 'Civic Centre',
          overrideReason,
        },
      },
      token,
    ),
    'scheduleMeeting',
  );
}
