// Lifecycle v1.1 through GraphQL (CONTRACT.md "Lifecycle v1.1"): the lead accepting a
// counter-proposal, participants after the start, raising the level past the briefing,
// meetings moved or recorded afterwards, feedback beside meetings still to come; each
// refusal in the contract's check order, recording nothing.
import * as Q from './support/documents';
import { startInput } from './support/people';
import { peopleForEachTest, stackForFile } from './support/suite';
import { tokenFor } from './support/tokens';
import { ok, refused } from './support/answers';

const stack = stackForFile();
const people = peopleForEachTest();

const DAY = 86_400_000;
const BREACH = 'id rule at detail reason meetingId';
const V11_MEETING = `${Q.MEETING_FIELDS} breaches { ${BREACH} } breachesRecorded { ${BREACH} }`;
const V11_PROJECT = `${Q.LIFECYCLE_FIELDS} breachesRecorded { ${BREACH} }`;

const ACCEPT = `mutation($projectId: ID!, $comment: String) {
  acceptLadderLevel(projectId: $projectId, comment: $comment) { ${V11_PROJECT} }
}`;
const ADD = `mutation($projectId: ID!, $input: ParticipantInput!) {
  addParticipant(projectId: $projectId, input: $input) { ${V11_PROJECT} }
}`;
const REMOVE = `mutation($projectId: ID!, $participantId: ID!, $reason: String!) {
  removeParticipant(projectId: $projectId, participantId: $participantId, reason: $reason) { ${V11_PROJECT} }
}`;
const LINK = `mutation($projectId: ID!, $participantId: ID!, $personId: ID!) {
  linkParticipant(projectId: $projectId, participantId: $participantId, personId: $personId) { ${V11_PROJECT} }
}`;
const CHANGE_ROLE = `mutation($projectId: ID!, $participantId: ID!, $role: ParticipantRole!, $reason: String) {
  changeParticipantRole(projectId: $projectId, participantId: $participantId, role: $role, reason: $reason) { ${V11_PROJECT} }
}`;
const RESCHEDULE = `mutation($projectId: ID!, $meetingId: ID!, $startsAt: DateTime!, $durationMinutes: Int!, $overrideReason: String) {
  rescheduleMeeting(projectId: $projectId, meetingId: $meetingId, startsAt: $startsAt,
                    durationMinutes: $durationMinutes, overrideReason: $overrideReason) { ${V11_MEETING} }
}`;
const RECORD_PAST = `mutation($projectId: ID!, $input: PastMeetingInput!) {
  recordPastMeeting(projectId: $projectId, input: $input) { ${V11_MEETING} }
}`;
const SCHEDULE = `mutation($projectId: ID!, $input: ScheduleMeetingInput!) {
  scheduleMeeting(projectId: $projectId, input: $input) { ${V11_MEETING} }
}`;
const CHANGE_LEVEL = `mutation($projectId: ID!, $level: LadderLevel!, $reason: String!) {
  changeLadderLevel(projectId: $projectId, level: $level, reason: $reason) { ${V11_PROJECT} }
}`;
const BOARD_REASONS = `query($charterId: ID!, $from: Date!, $to: Date!) {
  boardReport(charterId: $charterId, from: $from, to: $to) { coProductionNotAchieved { projectId reason } }
}`;

async function project(projectId: string) {
  return ok(
    await stack.gql(
      `query($id: ID!) { project(id: $id) { ${V11_PROJECT} } }`,
      { id: projectId },
      people.lead.token,
    ),
    'project',
  );
}

async function auditTrail(projectId: string) {
  const trail = ok(
    await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId }, first: 100 }, people.lead.token),
    'auditTrail',
  );
  return trail.edges.map((e: any) => e.node) as { type: string; data: any; reason: string | null }[];
}

/** Expects a refused step to have recorded nothing. */
async function unchanged(projectId: string, version: number) {
  expect((await project(projectId)).version).toBe(version);
}

async function started(overrides: Record<string, unknown> = {}) {
  if (overrides.charterId) people.recast(overrides.charterId as string);
  const p = ok(
    await stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, people.lead.token),
    'startProject',
  );
  return { id: p.id as string, repId: p.participants.find((x: any) => x.role === 'PARENT_REP').id as string };
}

/** A project whose briefing is complete (MEETINGS). */
async function inMeetings(charterId = 'worcestershire') {
  const { id, repId } = await started({ charterId });
  ok(await stack.gql(Q.AGREE, { projectId: id }, people.rep.token), 'agreeLadderLevel');
  ok(
    await stack.gql(
      Q.RECORD_BRIEFING,
      { projectId: id, summary: 'What the project asks of you', ids: [repId] },
      people.lead.token,
    ),
    'recordBriefing',
  );
  ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId: id }, people.lead.token), 'completeBriefing');
  return { id, repId };
}

/** A weekday at hh:mm London time about `days` ahead (GMT/BST handled by the offset of that day). */
function weekdayAhead(days: number, hhmm: string): string {
  const d = new Date(Date.now() + days * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  const day = d.toISOString().slice(0, 10);
  const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' })
    .formatToParts(new Date(`${day}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')!.value;
  const offset = london === 'BST' ? '+01:00' : '+00:00';
  return new Date(`${day}T${hhmm}:00${offset}`).toISOString();
}

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

describe('acceptLadderLevel', () => {
  it('lets the lead accept the counter-proposal; below CO_PRODUCTION the comment is required and is the board reason', async () => {
    const { id } = await started({
      proposedLevel: 'INFORMATION_ONLY',
      proposedReason: 'Decision made nationally',
    });
    ok(
      await stack.gql(
        Q.COUNTER_PROPOSE,
        { projectId: id, level: 'CONSULTATION', reason: 'Young people should help write it' },
        people.rep.token,
      ),
      'counterProposeLadderLevel',
    );
    const before = (await project(id)).version;
    refused(await stack.gql(ACCEPT, { projectId: id }), 'UNAUTHENTICATED');
    refused(await stack.gql(ACCEPT, { projectId: id }, people.rep.token), 'FORBIDDEN');
    refused(await stack.gql(ACCEPT, { projectId: id, comment: '  ' }, people.lead.token), 'BAD_USER_INPUT', {
      field: 'comment',
    });
    await unchanged(id, before);

    const accepted = ok(
      await stack.gql(
        ACCEPT,
        { projectId: id, comment: 'The budget allows a consultation only this year' },
        people.lead.token,
      ),
      'acceptLadderLevel',
    );
    expect(accepted).toMatchObject({
      phase: 'BRIEFING',
      ladder: { agreedLevel: 'CONSULTATION' },
      version: before + 1,
    });
    refused(await stack.gql(ACCEPT, { projectId: id, comment: 'Again' }, people.lead.token), 'INVALID_PHASE');
    const last = (await auditTrail(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'LadderLevelAgreed', data: { level: 'CONSULTATION', side: 'LEAD' } });

    const report = ok(
      await stack.gql(
        BOARD_REASONS,
        { charterId: 'worcestershire', from: londonToday(), to: londonToday() },
        people.board.token,
      ),
      'boardReport',
    );
    expect(report.coProductionNotAchieved.find((s: any) => s.projectId === id)).toEqual({
      projectId: id,
      reason: 'The budget allows a consultation only this year',
    });
  });

  it('refuses accepting when no counter-proposal stands', async () => {
    const { id } = await started();
    refused(await stack.gql(ACCEPT, { projectId: id, comment: 'x' }, people.lead.token), 'INVALID_PHASE');
  });
});

describe('participants after the start', () => {
  it('adds a parent rep without a person id, links them so they can act, changes a role and removes with a reason', async () => {
    const { id } = await started();
    const lead = people.lead.token;
    const newRep = { displayName: 'Robin Rep', role: 'PARENT_REP', email: 'robin.rep@example.org' };
    let version = (await project(id)).version;
    refused(await stack.gql(ADD, { projectId: id, input: newRep }, people.keyContact.token), 'FORBIDDEN');
    refused(
      await stack.gql(ADD, { projectId: id, input: { ...newRep, email: 'not-an-email' } }, lead),
      'BAD_USER_INPUT',
      { field: 'email' },
    );
    await unchanged(id, version);

    const added = ok(await stack.gql(ADD, { projectId: id, input: newRep }, lead), 'addParticipant');
    const robin = added.participants.find((p: any) => p.displayName === 'Robin Rep');
    expect(robin).toMatchObject({ role: 'PARENT_REP', personId: null, email: 'robin.rep@example.org' });

    // Robin signs in as a person the project does not know yet: nothing to see, nothing to do.
    const robinSub = `robin-${people.rep.sub}`;
    const robinToken = tokenFor({
      sub: robinSub,
      name: 'Robin Rep',
      roles: ['PARENT_REP'],
      charters: ['worcestershire'],
    });
    refused(await stack.gql(Q.AGREE, { projectId: id }, robinToken), 'NOT_FOUND');

    version = (await project(id)).version;
    refused(
      await stack.gql(LINK, { projectId: id, participantId: robin.id, personId: robinSub }, people.rep.token),
      'FORBIDDEN',
    );
    refused(
      await stack.gql(LINK, { projectId: id, participantId: 'nobody', personId: robinSub }, lead),
      'NOT_FOUND',
    );
    const repId = added.participants.find((p: any) => p.personId === people.rep.sub).id;
    refused(
      await stack.gql(LINK, { projectId: id, participantId: repId, personId: robinSub }, lead),
      'CONFLICT',
    );
    await unchanged(id, version);
    const linked = ok(
      await stack.gql(LINK, { projectId: id, participantId: robin.id, personId: robinSub }, lead),
      'linkParticipant',
    );
    expect(linked.participants.find((p: any) => p.id === robin.id).personId).toBe(robinSub);
    // Now Robin can agree the level for the parent carer side.
    expect(ok(await stack.gql(Q.AGREE, { projectId: id }, robinToken), 'agreeLadderLevel').phase).toBe(
      'BRIEFING',
    );

    const keyContactId = added.participants.find((p: any) => p.role === 'KEY_CONTACT').id;
    const changed = ok(
      await stack.gql(
        CHANGE_ROLE,
        { projectId: id, participantId: keyContactId, role: 'PROFESSIONAL', reason: 'Moved to health' },
        lead,
      ),
      'changeParticipantRole',
    );
    expect(changed.participants.find((p: any) => p.id === keyContactId).role).toBe('PROFESSIONAL');

    const leadId = added.participants.find((p: any) => p.role === 'LEAD').id;
    version = (await project(id)).version;
    refused(
      await stack.gql(REMOVE, { projectId: id, participantId: repId, reason: 'x' }, people.rep.token),
      'FORBIDDEN',
    );
    refused(
      await stack.gql(REMOVE, { projectId: id, participantId: repId, reason: '' }, lead),
      'BAD_USER_INPUT',
      { field: 'reason' },
    );
    refused(
      await stack.gql(REMOVE, { projectId: id, participantId: leadId, reason: 'Leaving' }, lead),
      'BAD_USER_INPUT',
      {
        field: 'participantId',
      },
    );
    await unchanged(id, version);
    const removed = ok(
      await stack.gql(REMOVE, { projectId: id, participantId: repId, reason: 'Moved out of the area' }, lead),
      'removeParticipant',
    );
    expect(removed.participants.map((p: any) => p.id)).not.toContain(repId);
    // The removed rep no longer reads the (PARTNERS) project.
    const unseen = await stack.gql(Q.PROJECT, { id }, people.rep.token);
    expect(unseen.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    const trail = await auditTrail(id);
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'ParticipantAdded',
        'ParticipantLinked',
        'ParticipantRoleChanged',
        'ParticipantRemoved',
      ]),
    );
    expect(trail.find((e) => e.type === 'ParticipantRemoved')).toMatchObject({
      reason: 'Moved out of the area',
    });
    expect(JSON.stringify(trail)).not.toContain('@example.org');

    ok(
      await stack.gql(Q.CANCEL, { projectId: id, reason: 'Merged into another project' }, lead),
      'cancelProject',
    );
    refused(
      await stack.gql(ADD, { projectId: id, input: { displayName: 'Late', role: 'PROFESSIONAL' } }, lead),
      'INVALID_PHASE',
    );
  });
});

describe('raising the level after the briefing', () => {
  it('refuses CO_PRODUCTION after a briefing completed at CONSULTATION until a parent rep is briefed', async () => {
    const { id, repId } = await started();
    const lead = people.lead.token;
    ok(await stack.gql(Q.AGREE, { projectId: id }, people.rep.token), 'agreeLadderLevel');
    ok(
      await stack.gql(CHANGE_LEVEL, { projectId: id, level: 'CONSULTATION', reason: 'Short of time' }, lead),
      'changeLadderLevel',
    );
    expect(ok(await stack.gql(Q.COMPLETE_BRIEFING, { projectId: id }, lead), 'completeBriefing').phase).toBe(
      'MEETINGS',
    );
    const version = (await project(id)).version;
    refused(
      await stack.gql(CHANGE_LEVEL, { projectId: id, level: 'CO_PRODUCTION', reason: 'Time found' }, lead),
      'CHARTER_RULE',
      {
        rule: 'briefing.beforeWork',
      },
    );
    await unchanged(id, version);
    ok(
      await stack.gql(
        Q.RECORD_BRIEFING,
        { projectId: id, summary: 'What co-production asks of you', ids: [repId] },
        lead,
      ),
      'recordBriefing',
    );
    const raised = ok(
      await stack.gql(CHANGE_LEVEL, { projectId: id, level: 'CO_PRODUCTION', reason: 'Time found' }, lead),
      'changeLadderLevel',
    );
    expect(raised.ladder.agreedLevel).toBe('CO_PRODUCTION');
  });
});

describe('meetings as they happen', () => {
  it('reschedules a meeting: rules checked again, papers deadline moved, breaches it records returned', async () => {
    const { id } = await inMeetings('worcestershire');
    const lead = people.lead.token;
    const startsAt = weekdayAhead(60, '11:00');
    const meeting = ok(
      await stack.gql(
        SCHEDULE,
        {
          projectId: id,
          input: {
            title: 'Workshop',
            startsAt,
            durationMinutes: 60,
            location: 'Civic Centre',
            overrideReason: 'Only date the hall is free',
          },
        },
        lead,
      ),
      'scheduleMeeting',
    );
    const version = (await project(id)).version;
    const newTime = weekdayAhead(40, '11:00');
    refused(
      await stack.gql(
        RESCHEDULE,
        { projectId: id, meetingId: meeting.id, startsAt: newTime, durationMinutes: 60 },
        people.rep.token,
      ),
      'FORBIDDEN',
    );
    refused(
      await stack.gql(
        RESCHEDULE,
        {
          projectId: id,
          meetingId: meeting.id,
          startsAt: new Date(Date.now() - DAY).toISOString(),
          durationMinutes: 60,
        },
        lead,
      ),
      'BAD_USER_INPUT',
      { field: 'startsAt' },
    );
    refused(
      await stack.gql(
        RESCHEDULE,
        { projectId: id, meetingId: `${id}.m9`, startsAt: newTime, durationMinutes: 60 },
        lead,
      ),
      'NOT_FOUND',
    );
    refused(
      await stack.gql(
        RESCHEDULE,
        { projectId: id, meetingId: meeting.id, startsAt: weekdayAhead(40, '15:00'), durationMinutes: 60 },
        lead,
      ),
      'CHARTER_RULE',
      { rule: 'meeting.avoidSchoolRun' },
    );
    await unchanged(id, version);

    const moved = ok(
      await stack.gql(
        RESCHEDULE,
        {
          projectId: id,
          meetingId: meeting.id,
          startsAt: newTime,
          durationMinutes: 90,
          overrideReason: 'Hall only free then',
        },
        lead,
      ),
      'rescheduleMeeting',
    );
    expect(moved).toMatchObject({
      id: meeting.id,
      startsAt: newTime,
      durationMinutes: 90,
      status: 'SCHEDULED',
    });
    expect(new Date(newTime).getTime() - new Date(moved.papersDueBy).getTime()).toBe(7 * DAY);
    const trail = await auditTrail(id);
    expect(trail.filter((e) => e.type === 'MeetingRescheduled')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          meetingId: meeting.id,
          previousStartsAt: startsAt,
          startsAt: newTime,
        }),
      }),
    ]);

    // Moved to three days ahead: the papers are already late, and the response says so.
    const soon = weekdayAhead(3, '11:00');
    const late = ok(
      await stack.gql(
        RESCHEDULE,
        {
          projectId: id,
          meetingId: meeting.id,
          startsAt: soon,
          durationMinutes: 60,
          overrideReason: 'Urgent decision',
        },
        lead,
      ),
      'rescheduleMeeting',
    );
    expect(late.breachesRecorded.map((b: any) => b.rule)).toContain('papers.minNoticeDays');
    expect(late.breachesRecorded.every((b: any) => b.meetingId === meeting.id)).toBe(true);
    expect(late.breaches.map((b: any) => b.id)).toEqual(
      expect.arrayContaining(late.breachesRecorded.map((b: any) => b.id)),
    );
    // The same breach read back later is not "recorded by this step".
    expect((await project(id)).breachesRecorded).toEqual([]);
  });

  it('records a meeting held without being booked here, its broken rules recorded as breaches', async () => {
    const { id, repId } = await inMeetings('hounslow');
    const lead = people.lead.token;
    const input = {
      title: 'Drop-in at the school',
      startsAt: new Date(Date.now() - 2 * DAY).toISOString(),
      durationMinutes: 180,
      location: 'Hilltop School hall',
      reason: 'Arranged by the school before the project was set up here',
      record: {
        minutes: 'Families told us which short breaks they use.',
        decisions: ['Survey all families'],
        actions: [],
        attendance: [{ participantId: repId, present: true }],
      },
    };
    const version = (await project(id)).version;
    refused(await stack.gql(RECORD_PAST, { projectId: id, input }, people.rep.token), 'FORBIDDEN');
    refused(
      await stack.gql(RECORD_PAST, { projectId: id, input: { ...input, reason: '' } }, lead),
      'BAD_USER_INPUT',
      { field: 'reason' },
    );
    refused(
      await stack.gql(
        RECORD_PAST,
        { projectId: id, input: { ...input, startsAt: new Date(Date.now() + DAY).toISOString() } },
        lead,
      ),
      'BAD_USER_INPUT',
      { field: 'startsAt' },
    );
    await unchanged(id, version);

    const held = ok(await stack.gql(RECORD_PAST, { projectId: id, input }, lead), 'recordPastMeeting');
    expect(held).toMatchObject({
      status: 'HELD',
      title: 'Drop-in at the school',
      minutes: 'Families told us which short breaks they use.',
    });
    // 3 hours is over Hounslow's 2; the booking notice is not knowable for a meeting arranged elsewhere.
    const rules = held.breachesRecorded.map((b: any) => b.rule);
    expect(rules).toContain('meeting.maxDurationMinutes');
    expect(rules).not.toContain('meeting.minBookingNoticeDays');
    expect(held.breachesRecorded.every((b: any) => b.reason === input.reason)).toBe(true);
    const trail = await auditTrail(id);
    expect(trail.find((e) => e.type === 'PastMeetingRecorded')).toMatchObject({ reason: input.reason });
  });

  it('refuses a past meeting before the briefing is complete', async () => {
    const { id } = await started({ charterId: 'hounslow' });
    const input = {
      title: 'x',
      startsAt: new Date(Date.now() - DAY).toISOString(),
      durationMinutes: 60,
      location: 'y',
      reason: 'z',
      record: { minutes: 'm', decisions: [], actions: [], attendance: [] },
    };
    refused(await stack.gql(RECORD_PAST, { projectId: id, input }, people.lead.token), 'INVALID_PHASE');
  });

  it('opens feedback while a later meeting is booked, and books another during feedback', async () => {
    const { id } = await inMeetings('wokingham');
    const lead = people.lead.token;
    const input = (days: number) => ({
      title: `Workshop in ${days} days`,
      startsAt: weekdayAhead(days, '11:00'),
      durationMinutes: 60,
      location: 'Civic Centre',
    });
    ok(await stack.gql(SCHEDULE, { projectId: id, input: input(20) }, lead), 'scheduleMeeting');
    const opened = ok(
      await stack.gql(
        Q.OPEN_FEEDBACK,
        { projectId: id, closesAt: new Date(Date.now() + 10 * DAY).toISOString(), channels: ['SURVEY'] },
        lead,
      ),
      'openFeedback',
    );
    expect(opened.phase).toBe('FEEDBACK');
    const second = ok(
      await stack.gql(SCHEDULE, { projectId: id, input: input(30) }, lead),
      'scheduleMeeting',
    );
    expect(second.status).toBe('SCHEDULED');
    expect((await project(id)).meetings).toHaveLength(2);
  });
});
