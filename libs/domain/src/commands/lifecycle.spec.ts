// A whole project through `decide`, from start to CLOSED, and the refusals at each phase:
// wrong phase (INVALID_PHASE), wrong person (FORBIDDEN), bad input (BAD_USER_INPUT with the
// field), and the structural charter rules (briefing.beforeWork, report.youSaidWeDid).
import { ANONYMOUS_PARTICIPANT, PUBLIC_RESPONDENT, type Actor } from '../actor';
import { addWorkingDays } from '../calendar';
import type { NewEvent } from '../events';
import { applyEvents, type ProjectState } from '../project-state';
import type { FeedbackChannel, LadderLevel, ProjectPhase } from '../vocabulary';
import { decide, decideStart, type ClosingReportInput, type ProjectCommand } from '.';
import { refusal, deepFreeze } from '../../test/decisions';
import { CHARTER_IDS, lead, rep, keyContact, young, board, startInput } from '../../test/people';

const projectId = 'proj-life';
const p = (n: number) => `${projectId}.p${n}`;

const stranger: Actor = { id: 'x-1', displayName: 'Xan', roles: ['PARENT_REP'], charters: ['wokingham'] };

// Participants: p1 the lead (added as the caller), p2 the parent rep, p3 the key contact, p4 a young person.
const PARENT_REP = p(2);
const KEY_CONTACT = p(3);
const YOUNG_PERSON = p(4);

const T = {
  start: new Date('2027-01-04T10:00:00.000Z'),
  papers: new Date('2027-02-20T10:00:00.000Z'),
  meetingStarts: '2027-03-03T10:00:00.000Z',
  meetingEnded: new Date('2027-03-03T12:00:00.000Z'),
  feedbackOpens: new Date('2027-03-04T10:00:00.000Z'),
  feedbackClosesAt: '2027-03-18T17:00:00.000Z',
  feedbackGiven: new Date('2027-03-05T19:30:00.000Z'),
  // Wednesday 10 March 2027; 10 working days later is Wednesday 24 March (no bank holiday between).
  closed: new Date('2027-03-10T15:00:00.000Z'),
  lastMomentOnTime: new Date('2027-03-24T23:59:59.999Z'),
  firstMomentLate: new Date('2027-03-25T00:00:00.000Z'),
  report: new Date('2027-03-31T10:00:00.000Z'),
};

function start(charterId: string, level: LadderLevel = 'CO_PRODUCTION', now = T.start): ProjectState {
  const decision = decideStart(
    projectId,
    startInput({
      charterId,
      proposedLevel: level,
      participants: [
        { displayName: 'Pat Parent', role: 'PARENT_REP', personId: 'rep-1', email: 'pat@example.org' },
        { displayName: 'Kim Key', role: 'KEY_CONTACT', personId: 'key-1', organisation: 'Council' },
        { displayName: 'Yan Young', role: 'YOUNG_PERSON', personId: 'yp-1' },
      ],
    }),
    lead,
    now,
  );
  return deepFreeze(applyEvents(projectId, null, decision.events));
}

/** Decides and applies one step; the state passed in is frozen, so deciding cannot change it. */
function act(state: ProjectState, command: ProjectCommand, actor: Actor, now: Date): ProjectState {
  return deepFreeze(applyEvents(projectId, state, decide(state, command, actor, now).events));
}

const goodMeeting: ProjectCommand = {
  type: 'scheduleMeeting',
  input: {
    title: 'Planning workshop',
    startsAt: T.meetingStarts,
    durationMinutes: 120,
    location: 'Civic Centre, room 2 (step-free)',
    accessibilityNotes: 'Hearing loop available',
  },
};
const record: ProjectCommand = {
  type: 'recordMeeting',
  meetingId: `${projectId}.m1`,
  input: {
    minutes: 'We agreed the shape of the new offer.',
    decisions: ['Pilot in two areas'],
    actions: ['Key contact to draft the survey'],
    attendance: [
      { participantId: p(1), present: true },
      { participantId: PARENT_REP, present: false, substituteName: 'Sam Substitute' },
      { participantId: KEY_CONTACT, present: true, leftEarly: true },
    ],
  },
};
const openFeedback: ProjectCommand = {
  type: 'openFeedback',
  closesAt: T.feedbackClosesAt,
  channels: ['SURVEY', 'FORUM'],
};
// A feedback item; `{ anonymous: true }` sends it without its author's name.
const submit = (
  channel: FeedbackChannel,
  body: string,
  more: { anonymous?: boolean } = {},
): ProjectCommand => ({
  type: 'submitFeedback',
  channel,
  body,
  ...more,
});
const report = (input: Partial<ClosingReportInput> = {}): ProjectCommand => ({
  type: 'publishClosingReport',
  input: {
    youSaidWeDid: [
      { youSaid: 'Weekend sessions', weDid: 'Added Saturday sessions', feedbackIds: [`${projectId}.f1`] },
      { youSaid: 'More notice', weDid: 'Dates now go out a term ahead', feedbackIds: [`${projectId}.f2`] },
    ],
    levelAchieved: 'CO_PRODUCTION',
    lessonsLearned: 'Start earlier',
    celebrate: 'Families designed the survey',
    ...input,
  },
});

/** The project at each phase of a worcestershire CO_PRODUCTION run, with the time it is at. */
function runTo(charterId = 'worcestershire') {
  const s: Partial<Record<ProjectPhase, { state: ProjectState; now: Date }>> = {};
  let state = start(charterId);
  s.LADDER_AGREEMENT = { state, now: T.start };
  state = act(state, { type: 'agreeLadderLevel', comment: 'Happy with this' }, rep, T.start);
  s.BRIEFING = { state, now: T.start };
  state = act(
    state,
    {
      type: 'recordBriefing',
      summary: 'We explained special educational needs and disabilities (SEND) support.',
      briefedParticipantIds: [PARENT_REP],
    },
    keyContact,
    T.start,
  );
  state = act(state, { type: 'completeBriefing' }, keyContact, T.start);
  s.MEETINGS = { state, now: T.start };
  state = act(state, goodMeeting, keyContact, T.start);
  state = act(
    state,
    { type: 'distributePapers', meetingId: `${projectId}.m1`, documents: ['Agenda'] },
    keyContact,
    T.papers,
  );
  state = act(state, record, keyContact, T.meetingEnded);
  state = act(state, openFeedback, lead, T.feedbackOpens);
  s.FEEDBACK = { state, now: T.feedbackGiven };
  state = act(state, submit('SURVEY', 'Weekend sessions please'), rep, T.feedbackGiven);
  state = act(state, submit('FORUM', 'More notice of dates', { anonymous: true }), young, T.feedbackGiven);
  state = act(state, { type: 'closeFeedback' }, lead, T.closed);
  s.ACKNOWLEDGEMENT = { state, now: T.closed };
  state = act(state, { type: 'acknowledgeFeedback', message: 'Thank you for your views' }, lead, T.closed);
  s.CLOSING_REPORT = { state, now: T.report };
  state = act(state, report(), lead, T.report);
  s.CLOSED = { state, now: T.report };
  return s as Record<Exclude<ProjectPhase, 'CANCELLED'>, { state: ProjectState; now: Date }>;
}

describe('a CO_PRODUCTION project under worcestershire, from start to CLOSED', () => {
  let state = start('worcestershire');
  const decided: NewEvent[][] = [];
  const step = (command: ProjectCommand, actor: Actor, now: Date) => {
    const decision = decide(state, command, actor, now);
    decided.push(decision.events);
    state = deepFreeze(applyEvents(projectId, state, decision.events));
    return decision;
  };

  it('starts at LADDER_AGREEMENT; the parent rep agrees the level and it moves to BRIEFING', () => {
    expect(state).toMatchObject({ phase: 'LADDER_AGREEMENT', version: 1 });
    step({ type: 'agreeLadderLevel' }, rep, T.start);
    expect(state).toMatchObject({ phase: 'BRIEFING', ladder: { agreedLevel: 'CO_PRODUCTION' } });
  });

  it('the key contact records a briefing of the parent rep and completes it: MEETINGS', () => {
    const { events } = step(
      {
        type: 'recordBriefing',
        summary: 'What the project is for, and the education, health and care plan (EHCP) process.',
        briefedParticipantIds: [PARENT_REP, PARENT_REP],
      },
      keyContact,
      T.start,
    );
    expect(events[0]).toMatchObject({
      type: 'BriefingRecorded',
      actor: { id: 'key-1' },
      data: { briefedParticipantIds: [PARENT_REP], unexplainedAbbreviations: [] },
    });
    step({ type: 'completeBriefing' }, keyContact, T.start);
    expect(state.phase).toBe('MEETINGS');
  });

  it('schedules a meeting outside school runs and holidays, with papers due 7 days before', () => {
    const { events } = step(goodMeeting, keyContact, T.start);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'MeetingScheduled',
        data: {
          meetingId: `${projectId}.m1`,
          title: 'Planning workshop',
          startsAt: T.meetingStarts,
          durationMinutes: 120,
          location: 'Civic Centre, room 2 (step-free)',
          accessibilityNotes: 'Hearing loop available',
          papersDueBy: '2027-02-24T10:00:00.000Z',
        },
      }),
    ]);
  });

  it('distributes papers in time (no breach) and records the meeting once it has started', () => {
    expect(
      step(
        { type: 'distributePapers', meetingId: `${projectId}.m1`, documents: ['Agenda', 'Draft offer'] },
        keyContact,
        T.papers,
      ).events.map((e) => e.type),
    ).toEqual(['PapersDistributed']);
    const { events } = step(record, keyContact, T.meetingEnded);
    expect(events[0]).toMatchObject({
      type: 'MeetingRecorded',
      data: {
        minutes: 'We agreed the shape of the new offer.',
        attendance: [
          { participantId: p(1), present: true, substituteName: null, leftEarly: false },
          { participantId: PARENT_REP, present: false, substituteName: 'Sam Substitute', leftEarly: false },
          { participantId: KEY_CONTACT, present: true, substituteName: null, leftEarly: true },
        ],
      },
    });
    expect(state.meetings[0]).toMatchObject({ status: 'HELD', papersDistributedAt: T.papers.toISOString() });
    expect(state.breaches).toEqual([]);
  });

  it('opens feedback: FEEDBACK', () => {
    step(openFeedback, lead, T.feedbackOpens);
    expect(state).toMatchObject({
      phase: 'FEEDBACK',
      feedbackWindow: { closesAt: T.feedbackClosesAt, channels: ['SURVEY', 'FORUM'], closedAt: null },
    });
  });

  it('takes named feedback and anonymous feedback; the anonymous item does not name its author', () => {
    const named = step(submit('SURVEY', 'Weekend sessions please'), rep, T.feedbackGiven).events[0];
    expect(named).toMatchObject({
      actor: { id: 'rep-1' },
      data: { feedbackId: `${projectId}.f1`, fromParticipantId: PARENT_REP, channel: 'SURVEY' },
    });
    const anonymous = step(
      submit('FORUM', 'More notice of dates', { anonymous: true }),
      young,
      T.feedbackGiven,
    ).events[0];
    expect(anonymous).toMatchObject({
      actor: { id: 'anonymous' },
      data: { feedbackId: `${projectId}.f2`, fromParticipantId: null, channel: 'FORUM' },
    });
    expect(JSON.stringify(anonymous)).not.toMatch(/yp-1|Yan Young/);
    expect(state.feedback.map((f) => f.fromParticipantId)).toEqual([PARENT_REP, null]);
  });

  it('takes an anonymous item sent as ANONYMOUS_PARTICIPANT (the gateway checked its author), and nothing else from it', () => {
    const item = {
      type: 'submitFeedback',
      channel: 'FORUM',
      body: 'Clearer letters',
      anonymous: true,
    } as const;
    const { events } = decide(state, item, ANONYMOUS_PARTICIPANT, T.feedbackGiven);
    expect(events[0]).toMatchObject({
      actor: { id: 'anonymous', roles: [] },
      data: { fromParticipantId: null },
    });
    expect(
      refusal(() => decide(state, { ...item, anonymous: false }, ANONYMOUS_PARTICIPANT, T.feedbackGiven))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      refusal(() => decide(state, { type: 'closeFeedback' }, ANONYMOUS_PARTICIPANT, T.feedbackGiven)).code,
    ).toBe('NOT_FOUND');
    // A token cannot claim it: its role is no token role, and a look-alike actor is a stranger.
    const lookAlike: Actor = {
      id: 'anonymous',
      displayName: 'Anonymous',
      roles: ['PARENT_REP'],
      charters: CHARTER_IDS,
    };
    expect(refusal(() => decide(state, item, lookAlike, T.feedbackGiven)).code).toBe('NOT_FOUND');
  });

  it('closes feedback: ACKNOWLEDGEMENT, due 10 working days after the London close date', () => {
    const { events } = step({ type: 'closeFeedback' }, lead, T.closed);
    expect(events).toEqual([
      expect.objectContaining({ type: 'FeedbackClosed', actor: expect.objectContaining({ id: 'lead-1' }) }),
    ]);
    expect(events[0].data).toEqual({ dueBy: '2027-03-24' });
    expect(addWorkingDays('2027-03-10', 10)).toBe('2027-03-24');
    expect(state).toMatchObject({
      phase: 'ACKNOWLEDGEMENT',
      acknowledgement: { dueBy: '2027-03-24', sentAt: null },
      feedbackWindow: { closedAt: T.closed.toISOString() },
    });
  });

  it('acknowledges on time up to the end of the due day, late from 00:00 London the next day', () => {
    const ack = { type: 'acknowledgeFeedback', message: 'Thank you for your views' } as const;
    expect(decide(state, ack, lead, T.lastMomentOnTime).events[0].data).toEqual({
      message: 'Thank you for your views',
      onTime: true,
    });
    expect(decide(state, ack, lead, T.firstMomentLate).events[0].data).toMatchObject({ onTime: false });
    step(ack, lead, T.lastMomentOnTime);
    expect(state).toMatchObject({ phase: 'CLOSING_REPORT', acknowledgement: { onTime: true } });
  });

  it('publishes the closing report covering every feedback item: CLOSED', () => {
    const { events } = step(report(), lead, T.report);
    expect(events[0]).toMatchObject({
      type: 'ClosingReportPublished',
      data: { levelAgreed: 'CO_PRODUCTION', levelAchieved: 'CO_PRODUCTION', barriers: null },
    });
    expect(state).toMatchObject({ phase: 'CLOSED', closingReport: { levelAchieved: 'CO_PRODUCTION' } });
  });

  it('recorded one event per step: 13 events with the start', () => {
    expect(decided.map((events) => events.map((e) => e.type))).toEqual([
      ['LadderLevelAgreed'],
      ['BriefingRecorded'],
      ['BriefingCompleted'],
      ['MeetingScheduled'],
      ['PapersDistributed'],
      ['MeetingRecorded'],
      ['FeedbackOpened'],
      ['FeedbackSubmitted'],
      ['FeedbackSubmitted'],
      ['FeedbackClosed'],
      ['FeedbackAcknowledged'],
      ['ClosingReportPublished'],
    ]);
    expect(state.version).toBe(13);
    expect(state.updatedAt).toBe(T.report.toISOString());
  });
});

describe('refusals at each phase', () => {
  const at = runTo();
  const scheduleInput = (goodMeeting as Extract<ProjectCommand, { type: 'scheduleMeeting' }>).input;
  type Row = [ProjectPhase, string, ProjectCommand, Actor, string, string | undefined];
  const rows: Row[] = [
    // LADDER_AGREEMENT
    [
      'LADDER_AGREEMENT',
      'a briefing before agreement',
      { type: 'recordBriefing', summary: 'x', briefedParticipantIds: [PARENT_REP] },
      keyContact,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'LADDER_AGREEMENT',
      'the key contact agreeing the level',
      { type: 'agreeLadderLevel' },
      keyContact,
      'FORBIDDEN',
      undefined,
    ],
    [
      'LADDER_AGREEMENT',
      'an unknown level',
      { type: 'counterProposeLadderLevel', level: 'TOKENISM' as LadderLevel, reason: 'x' },
      rep,
      'BAD_USER_INPUT',
      'level',
    ],
    // BRIEFING
    [
      'BRIEFING',
      'a meeting before the briefing is complete',
      goodMeeting,
      keyContact,
      'INVALID_PHASE',
      undefined,
    ],
    ['BRIEFING', 'agreeing the level again', { type: 'agreeLadderLevel' }, rep, 'INVALID_PHASE', undefined],
    [
      'BRIEFING',
      'the parent rep recording a briefing',
      { type: 'recordBriefing', summary: 'x', briefedParticipantIds: [PARENT_REP] },
      rep,
      'FORBIDDEN',
      undefined,
    ],
    [
      'BRIEFING',
      'a briefing of someone not on the project',
      { type: 'recordBriefing', summary: 'x', briefedParticipantIds: ['nobody'] },
      keyContact,
      'BAD_USER_INPUT',
      'briefedParticipantIds',
    ],
    [
      'BRIEFING',
      'a briefing of nobody',
      { type: 'recordBriefing', summary: 'x', briefedParticipantIds: [] },
      keyContact,
      'BAD_USER_INPUT',
      'briefedParticipantIds',
    ],
    [
      'BRIEFING',
      'a briefing without a summary',
      { type: 'recordBriefing', summary: ' ', briefedParticipantIds: [PARENT_REP] },
      keyContact,
      'BAD_USER_INPUT',
      'summary',
    ],
    // MEETINGS
    [
      'MEETINGS',
      'completing the briefing again',
      { type: 'completeBriefing' },
      keyContact,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'MEETINGS',
      'feedback before the window opens',
      { type: 'submitFeedback', channel: 'SURVEY', body: 'Hi' },
      rep,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'MEETINGS',
      'closing feedback that was never opened',
      { type: 'closeFeedback' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    ['MEETINGS', 'the parent rep scheduling a meeting', goodMeeting, rep, 'FORBIDDEN', undefined],
    ['MEETINGS', 'the key contact opening feedback', openFeedback, keyContact, 'FORBIDDEN', undefined],
    [
      'MEETINGS',
      'a meeting of 0 minutes',
      { type: 'scheduleMeeting', input: { ...scheduleInput, durationMinutes: 0 } },
      keyContact,
      'BAD_USER_INPUT',
      'durationMinutes',
    ],
    [
      'MEETINGS',
      'a meeting starting at no time',
      { type: 'scheduleMeeting', input: { ...scheduleInput, startsAt: 'next Tuesday' } },
      keyContact,
      'BAD_USER_INPUT',
      'startsAt',
    ],
    [
      'MEETINGS',
      'a meeting in the past',
      { type: 'scheduleMeeting', input: { ...scheduleInput, startsAt: '2026-12-01T10:00:00.000Z' } },
      keyContact,
      'BAD_USER_INPUT',
      'startsAt',
    ],
    [
      'MEETINGS',
      'a meeting with no location',
      { type: 'scheduleMeeting', input: { ...scheduleInput, location: '' } },
      keyContact,
      'BAD_USER_INPUT',
      'location',
    ],
    [
      'MEETINGS',
      'papers for a meeting that does not exist',
      { type: 'distributePapers', meetingId: 'm9', documents: ['Agenda'] },
      keyContact,
      'NOT_FOUND',
      'meetingId',
    ],
    [
      'MEETINGS',
      'feedback with no channel',
      { ...openFeedback, channels: [] } as ProjectCommand,
      lead,
      'BAD_USER_INPUT',
      'channels',
    ],
    [
      'MEETINGS',
      'feedback closing in the past',
      { ...openFeedback, closesAt: '2027-01-01T00:00:00.000Z' } as ProjectCommand,
      lead,
      'BAD_USER_INPUT',
      'closesAt',
    ],
    // FEEDBACK
    [
      'FEEDBACK',
      'acknowledging before the window closes',
      { type: 'acknowledgeFeedback', message: 'Thanks' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'FEEDBACK',
      'completing the briefing while gathering feedback',
      { type: 'completeBriefing' },
      keyContact,
      'INVALID_PHASE',
      undefined,
    ],
    ['FEEDBACK', 'opening feedback twice', openFeedback, lead, 'INVALID_PHASE', undefined],
    [
      'FEEDBACK',
      'the key contact closing feedback',
      { type: 'closeFeedback' },
      keyContact,
      'FORBIDDEN',
      undefined,
    ],
    [
      'FEEDBACK',
      'feedback from a board member, who is not a participant',
      { type: 'submitFeedback', channel: 'SURVEY', body: 'Hi' },
      board,
      'FORBIDDEN',
      undefined,
    ],
    [
      'FEEDBACK',
      'empty feedback',
      { type: 'submitFeedback', channel: 'SURVEY', body: '  ' },
      rep,
      'BAD_USER_INPUT',
      'body',
    ],
    [
      'FEEDBACK',
      'feedback on a channel the window does not take',
      { type: 'submitFeedback', channel: 'REVIEW', body: 'Hi' },
      rep,
      'BAD_USER_INPUT',
      'channel',
    ],
    [
      'FEEDBACK',
      'feedback on an unknown channel',
      { type: 'submitFeedback', channel: 'PIGEON' as 'SURVEY', body: 'Hi' },
      rep,
      'BAD_USER_INPUT',
      'channel',
    ],
    // ACKNOWLEDGEMENT
    [
      'ACKNOWLEDGEMENT',
      'feedback after the window closed',
      { type: 'submitFeedback', channel: 'SURVEY', body: 'Late' },
      rep,
      'INVALID_PHASE',
      undefined,
    ],
    ['ACKNOWLEDGEMENT', 'a report before acknowledging', report(), lead, 'INVALID_PHASE', undefined],
    [
      'ACKNOWLEDGEMENT',
      'closing feedback twice',
      { type: 'closeFeedback' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'ACKNOWLEDGEMENT',
      'the key contact acknowledging',
      { type: 'acknowledgeFeedback', message: 'Thanks' },
      keyContact,
      'FORBIDDEN',
      undefined,
    ],
    [
      'ACKNOWLEDGEMENT',
      'an empty acknowledgement',
      { type: 'acknowledgeFeedback', message: ' ' },
      lead,
      'BAD_USER_INPUT',
      'message',
    ],
    // CLOSING_REPORT
    [
      'CLOSING_REPORT',
      'acknowledging twice',
      { type: 'acknowledgeFeedback', message: 'Thanks' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    ['CLOSING_REPORT', 'the key contact publishing the report', report(), keyContact, 'FORBIDDEN', undefined],
    ['CLOSING_REPORT', 'the parent rep publishing the report', report(), rep, 'FORBIDDEN', undefined],
    [
      'CLOSING_REPORT',
      'a report answering feedback that does not exist',
      report({ youSaidWeDid: [{ youSaid: 'a', weDid: 'b', feedbackIds: ['nope'] }] }),
      lead,
      'BAD_USER_INPUT',
      'youSaidWeDid[0].feedbackIds',
    ],
    [
      'CLOSING_REPORT',
      'an unknown level achieved',
      report({ levelAchieved: 'BEST' as LadderLevel }),
      lead,
      'BAD_USER_INPUT',
      'levelAchieved',
    ],
    [
      'CLOSING_REPORT',
      'an entry without "we did"',
      report({ youSaidWeDid: [{ youSaid: 'a', weDid: '', feedbackIds: [] }] }),
      lead,
      'BAD_USER_INPUT',
      'youSaidWeDid[0].weDid',
    ],
    // CLOSED
    ['CLOSED', 'publishing again', report(), lead, 'INVALID_PHASE', undefined],
    [
      'CLOSED',
      'cancelling a closed project',
      { type: 'cancelProject', reason: 'Done' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'CLOSED',
      'changing the level',
      { type: 'changeLadderLevel', level: 'CONSULTATION', reason: 'Late change' },
      lead,
      'INVALID_PHASE',
      undefined,
    ],
    [
      'CLOSED',
      'the parent rep cancelling',
      { type: 'cancelProject', reason: 'Done' },
      rep,
      'FORBIDDEN',
      undefined,
    ],
    [
      'CLOSED',
      'cancelling without a reason',
      { type: 'cancelProject', reason: '' },
      lead,
      'BAD_USER_INPUT',
      'reason',
    ],
  ];

  it('has a wrong-phase, a wrong-person and a bad-input refusal at every phase', () => {
    for (const phase of Object.keys(at)) {
      const codes = rows.filter((r) => r[0] === phase).map((r) => r[4]);
      for (const code of ['INVALID_PHASE', 'FORBIDDEN', 'BAD_USER_INPUT']) expect(codes).toContain(code);
    }
  });

  it.each(rows)('%s: refuses %s', (phase, _what, command, actor, code, field) => {
    const { state, now } = at[phase as keyof typeof at];
    expect(state.phase).toBe(phase);
    const error = refusal(() => decide(state, command, actor, now));
    expect(error.code).toBe(code);
    if (code === 'BAD_USER_INPUT' || field) expect(error.details.field).toBe(field);
    if (code === 'CHARTER_RULE') expect(error.details.rule).toBeDefined();
  });

  it.each(Object.keys(at))('%s: NOT_FOUND for someone who may not see the project', (phase) => {
    const { state, now } = at[phase as keyof typeof at];
    expect(refusal(() => decide(state, { type: 'cancelProject', reason: 'x' }, stranger, now)).code).toBe(
      'NOT_FOUND',
    );
  });

  it('checks in order: who, then input, then phase, then charter rules', () => {
    const { state, now } = at.BRIEFING;
    const schoolRun = {
      type: 'scheduleMeeting',
      input: { ...scheduleInput, startsAt: '2027-03-03T15:00:00.000Z' },
    } as const;
    const blankAndSchoolRun = { type: 'scheduleMeeting', input: { ...schoolRun.input, title: '' } } as const;
    expect(refusal(() => decide(state, blankAndSchoolRun, rep, now)).code).toBe('FORBIDDEN');
    expect(refusal(() => decide(state, blankAndSchoolRun, keyContact, now)).details).toEqual({
      field: 'title',
    });
    expect(refusal(() => decide(state, schoolRun, keyContact, now)).code).toBe('INVALID_PHASE');
    const meetings = at.MEETINGS;
    expect(refusal(() => decide(meetings.state, schoolRun, keyContact, meetings.now)).details).toEqual({
      rule: 'meeting.avoidSchoolRun',
    });
  });
});

describe('briefing.beforeWork', () => {
  const agreed = (charterId: string, level: LadderLevel) =>
    act(start(charterId, level), { type: 'agreeLadderLevel' }, rep, T.start);
  const brief = (state: ProjectState, ids: string[]) =>
    act(
      state,
      { type: 'recordBriefing', summary: 'What the project is for', briefedParticipantIds: ids },
      keyContact,
      T.start,
    );
  const complete = (state: ProjectState) => decide(state, { type: 'completeBriefing' }, keyContact, T.start);

  const cases = CHARTER_IDS.flatMap((charterId) =>
    (['INFORMATION_ONLY', 'CONSULTATION', 'PARTNERSHIP', 'CO_PRODUCTION'] as LadderLevel[]).map((level) => ({
      charterId,
      level,
      required:
        ['worcestershire', 'warrington'].includes(charterId) &&
        ['PARTNERSHIP', 'CO_PRODUCTION'].includes(level),
    })),
  );

  it.each(cases)(
    '$charterId at $level: a briefed PARENT_REP is required = $required',
    ({ charterId, level, required }) => {
      const unbriefed = agreed(charterId, level);
      const briefedOthers = brief(unbriefed, [KEY_CONTACT, YOUNG_PERSON]);
      if (required) {
        for (const state of [unbriefed, briefedOthers]) {
          const error = refusal(() => complete(state));
          expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule: 'briefing.beforeWork' } });
        }
      } else {
        expect(complete(unbriefed).events.map((e) => e.type)).toEqual(['BriefingCompleted']);
        expect(complete(briefedOthers).events.map((e) => e.type)).toEqual(['BriefingCompleted']);
      }
      expect(complete(brief(unbriefed, [PARENT_REP, YOUNG_PERSON])).events.map((e) => e.type)).toEqual([
        'BriefingCompleted',
      ]);
    },
  );

  it('follows a level changed after agreement', () => {
    const lowered = act(
      agreed('worcestershire', 'CO_PRODUCTION'),
      { type: 'changeLadderLevel', level: 'CONSULTATION', reason: 'Time is short' },
      lead,
      T.start,
    );
    expect(complete(lowered).events.map((e) => e.type)).toEqual(['BriefingCompleted']);
    const raised = act(
      agreed('warrington', 'CONSULTATION'),
      { type: 'changeLadderLevel', level: 'PARTNERSHIP', reason: 'Families asked to be involved' },
      lead,
      T.start,
    );
    expect(refusal(() => complete(raised)).details).toEqual({ rule: 'briefing.beforeWork' });
  });

  it.each([
    ['We explained the EHCP process.', ['EHCP']],
    ['We explained the education, health and care plan (EHCP) process.', []],
    ['SEND and CYP support; the EHCP (education, health and care plan) review.', ['SEND', 'CYP']],
  ])('records the unexplained abbreviations of "%s"', (summary, expected) => {
    const state = agreed('worcestershire', 'CO_PRODUCTION');
    const { events } = decide(
      state,
      { type: 'recordBriefing', summary, briefedParticipantIds: [PARENT_REP] },
      keyContact,
      T.start,
    );
    expect(events[0].data).toEqual({
      briefedParticipantIds: [PARENT_REP],
      summary,
      unexplainedAbbreviations: expected,
    });
    expect(applyEvents(projectId, state, events).briefing).toMatchObject({
      unexplainedAbbreviations: expected,
    });
  });
});

describe('meetings and feedback', () => {
  const at = runTo();
  const papers: ProjectCommand = {
    type: 'distributePapers',
    meetingId: `${projectId}.m1`,
    documents: ['Agenda'],
  };

  it('records a meeting only once its start time has come', () => {
    const booked = act(at.MEETINGS.state, goodMeeting, keyContact, T.start);
    const scheduled = act(booked, papers, keyContact, T.papers);
    const startsAt = new Date(T.meetingStarts);
    const early = refusal(() => decide(scheduled, record, keyContact, new Date(startsAt.getTime() - 1)));
    expect(early.code).toBe('INVALID_PHASE');
    expect(decide(scheduled, record, keyContact, startsAt).events.map((e) => e.type)).toEqual([
      'MeetingRecorded',
    ]);
  });

  it('opens feedback beside a meeting still to come, not one that has passed unrecorded', () => {
    const scheduled = act(at.MEETINGS.state, goodMeeting, keyContact, T.start);
    // A survey between workshops: the meeting is still ahead.
    expect(decide(scheduled, openFeedback, lead, T.start).events.map((e) => e.type)).toEqual([
      'FeedbackOpened',
    ]);
    const afterIt = new Date(T.meetingEnded.getTime() + 60_000);
    const late = { ...openFeedback, closesAt: '2027-04-01T17:00:00.000Z' };
    const unrecorded = refusal(() => decide(scheduled, late, lead, afterIt));
    expect(unrecorded.code).toBe('INVALID_PHASE');
    expect(unrecorded.message).toContain('record it (or cancel it)');
    const cancelled = act(
      scheduled,
      { type: 'cancelMeeting', meetingId: `${projectId}.m1`, reason: 'Venue flooded' },
      keyContact,
      T.start,
    );
    expect(cancelled.meetings[0]).toMatchObject({ status: 'CANCELLED', cancelledReason: 'Venue flooded' });
    expect(decide(cancelled, openFeedback, lead, T.start).events.map((e) => e.type)).toEqual([
      'FeedbackOpened',
    ]);
    // Feedback may be gathered with no meeting at all.
    expect(decide(at.MEETINGS.state, openFeedback, lead, T.start).events.map((e) => e.type)).toEqual([
      'FeedbackOpened',
    ]);
  });

  it('refuses to touch a meeting that was held or cancelled, or papers sent twice', () => {
    const scheduled = act(at.MEETINGS.state, goodMeeting, keyContact, T.start);
    const sent = act(scheduled, papers, keyContact, T.papers);
    expect(refusal(() => decide(sent, papers, keyContact, T.papers)).code).toBe('CONFLICT');
    const held = act(sent, record, keyContact, T.meetingEnded);
    expect(refusal(() => decide(held, record, keyContact, T.meetingEnded)).code).toBe('INVALID_PHASE');
    expect(
      refusal(() =>
        decide(
          held,
          { type: 'cancelMeeting', meetingId: `${projectId}.m1`, reason: 'x' },
          keyContact,
          T.meetingEnded,
        ),
      ).code,
    ).toBe('INVALID_PHASE');
  });
});

describe('the closing report', () => {
  /** A project agreed at `level` and briefed: in MEETINGS. */
  function briefed(charterId: string, level: LadderLevel = 'CO_PRODUCTION') {
    let state = act(start(charterId, level), { type: 'agreeLadderLevel' }, rep, T.start);
    state = act(
      state,
      { type: 'recordBriefing', summary: 'Aims', briefedParticipantIds: [PARENT_REP] },
      keyContact,
      T.start,
    );
    return act(state, { type: 'completeBriefing' }, keyContact, T.start);
  }

  /** A project with two feedback items, acknowledged, ready for its report. */
  function readyToReport(charterId: string, level: LadderLevel = 'CO_PRODUCTION') {
    let state = act(briefed(charterId, level), openFeedback, lead, T.feedbackOpens);
    state = act(state, submit('SURVEY', 'One'), rep, T.feedbackGiven);
    state = act(state, submit('SURVEY', 'Two', { anonymous: true }), young, T.feedbackGiven);
    state = act(state, { type: 'closeFeedback' }, lead, T.closed);
    state = act(state, { type: 'acknowledgeFeedback', message: 'Thanks' }, lead, T.closed);
    expect(state.phase).toBe('CLOSING_REPORT');
    return state;
  }
  const onlyFirst = report({
    youSaidWeDid: [{ youSaid: 'One', weDid: 'Done', feedbackIds: [`${projectId}.f1`] }],
  });

  it.each([
    ['worcestershire', true],
    ['wokingham', true],
    ['north-northamptonshire', true],
    ['warrington', true],
    ['hounslow', false],
  ])('%s: refuses a report leaving feedback unanswered = %s (report.youSaidWeDid)', (charterId, enforced) => {
    const state = readyToReport(charterId);
    if (enforced) {
      const error = refusal(() => decide(state, onlyFirst, lead, T.report));
      expect(error).toMatchObject({ code: 'CHARTER_RULE', details: { rule: 'report.youSaidWeDid' } });
      // The item is named by its first words, where and when it came: never by its id.
      expect(error.message).toContain('covering "Two" (from a survey on Friday 5 March 2027).');
      expect(error.message).not.toContain(`${projectId}.f2`);
      expect(error.message).not.toMatch(/^The Worcestershire's/);
    } else {
      expect(decide(state, onlyFirst, lead, T.report).events.map((e) => e.type)).toEqual([
        'ClosingReportPublished',
      ]);
    }
    expect(decide(state, report(), lead, T.report).events.map((e) => e.type)).toEqual([
      'ClosingReportPublished',
    ]);
  });

  it('one entry may answer several items', () => {
    const both = report({
      youSaidWeDid: [{ youSaid: 'Both', weDid: 'Done', feedbackIds: [`${projectId}.f1`, `${projectId}.f2`] }],
    });
    expect(decide(readyToReport('worcestershire'), both, lead, T.report).events).toHaveLength(1);
  });

  it.each([
    ['CO_PRODUCTION', 'PARTNERSHIP', true],
    ['CO_PRODUCTION', 'INFORMATION_ONLY', true],
    ['PARTNERSHIP', 'CONSULTATION', true],
    ['CO_PRODUCTION', 'CO_PRODUCTION', false],
    ['CONSULTATION', 'PARTNERSHIP', false],
  ] as const)('agreed %s, achieved %s: barriers required = %s', (agreedLevel, levelAchieved, required) => {
    const state = readyToReport('worcestershire', agreedLevel);
    if (required) {
      const error = refusal(() => decide(state, report({ levelAchieved }), lead, T.report));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'barriers' } });
      expect(
        refusal(() => decide(state, report({ levelAchieved, barriers: '  ' }), lead, T.report)).details,
      ).toEqual({
        field: 'barriers',
      });
    } else {
      expect(decide(state, report({ levelAchieved }), lead, T.report).events[0].data).toMatchObject({
        levelAgreed: agreedLevel,
        levelAchieved,
        barriers: null,
      });
    }
    const withBarriers = decide(state, report({ levelAchieved, barriers: 'Staff changes' }), lead, T.report);
    expect(withBarriers.events[0].data).toMatchObject({
      levelAgreed: agreedLevel,
      barriers: 'Staff changes',
    });
  });

  it.each([
    ['INFORMATION_ONLY', true],
    ['CONSULTATION', false],
    ['PARTNERSHIP', false],
    ['CO_PRODUCTION', false],
  ] as const)('at %s, may publish straight from MEETINGS = %s', (level, allowed) => {
    const state = briefed('worcestershire', level);
    const noFeedback = report({ youSaidWeDid: [], levelAchieved: level });
    if (allowed) {
      const after = act(state, noFeedback, lead, T.report);
      expect(after).toMatchObject({ phase: 'CLOSED', closingReport: { levelAgreed: 'INFORMATION_ONLY' } });
    } else {
      expect(refusal(() => decide(state, noFeedback, lead, T.report)).code).toBe('INVALID_PHASE');
    }
    // Nobody may publish before the level is agreed or while briefing.
    const briefing = act(start('worcestershire', level), { type: 'agreeLadderLevel' }, rep, T.start);
    expect(refusal(() => decide(briefing, noFeedback, lead, T.report)).code).toBe('INVALID_PHASE');
  });
});

describe('several briefings', () => {
  it('count everyone briefed so far, so a later briefing of others does not undo the parent rep briefing', () => {
    let state = act(start('worcestershire'), { type: 'agreeLadderLevel' }, rep, T.start);
    state = act(
      state,
      { type: 'recordBriefing', summary: 'First briefing', briefedParticipantIds: [PARENT_REP] },
      lead,
      T.start,
    );
    state = act(
      state,
      { type: 'recordBriefing', summary: 'Second briefing', briefedParticipantIds: [YOUNG_PERSON] },
      lead,
      T.start,
    );
    expect(state.briefing).toMatchObject({
      summary: 'Second briefing',
      briefedParticipantIds: [PARENT_REP, YOUNG_PERSON],
    });
    expect(act(state, { type: 'completeBriefing' }, lead, T.start).phase).toBe('MEETINGS');
  });
});

describe('a public feedback link', () => {
  const LINK = 'L'.repeat(43);
  const { state: feedback, now } = runTo().FEEDBACK;
  const publish: ProjectCommand = { type: 'publishFeedbackLink', linkId: LINK, channel: 'SURVEY' };
  const answer = (viaLink: string | null, channel = 'SURVEY' as const): ProjectCommand => ({
    type: 'submitFeedback',
    channel,
    body: 'The bus to the centre does not run after 4pm',
    viaLink,
  });
  const published = act(feedback, publish, lead, now);

  it('is published by the lead, once, while the window is open, on one of its channels', () => {
    expect(published.feedbackWindow?.publicLink).toEqual({
      linkId: LINK,
      channel: 'SURVEY',
      publishedAt: now.toISOString(),
    });
    expect(refusal(() => decide(feedback, publish, keyContact, now)).code).toBe('FORBIDDEN');
    expect(refusal(() => decide(published, publish, lead, now)).code).toBe('INVALID_PHASE');
    expect(refusal(() => decide(feedback, { ...publish, channel: 'REVIEW' }, lead, now))).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'channel' },
    });
    expect(refusal(() => decide(feedback, { ...publish, linkId: 'short' }, lead, now))).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'linkId' },
    });
    expect(refusal(() => decide(runTo().MEETINGS.state, publish, lead, now)).code).toBe('INVALID_PHASE');
  });

  it("takes an answer from someone not signed in, with the link's id, recorded as from the public", () => {
    const { events, created } = decide(published, answer(LINK), PUBLIC_RESPONDENT, now);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'FeedbackSubmitted',
      data: { channel: 'SURVEY', fromParticipantId: null, viaPublicLink: true },
      actor: { id: 'public', displayName: 'A member of the public' },
    });
    const after = applyEvents(projectId, published, events);
    expect(after.feedback.at(-1)).toMatchObject({
      id: (created as { feedbackId: string }).feedbackId,
      viaPublicLink: true,
    });
  });

  it('refuses an answer without the right link id, on another channel, or after the close time', () => {
    expect(refusal(() => decide(published, answer(null), PUBLIC_RESPONDENT, now)).code).toBe('FORBIDDEN');
    expect(refusal(() => decide(published, answer('x'.repeat(43)), PUBLIC_RESPONDENT, now)).code).toBe(
      'FORBIDDEN',
    );
    // Before the lead publishes one, no id opens the window to the public.
    expect(refusal(() => decide(feedback, answer(LINK), PUBLIC_RESPONDENT, now)).code).toBe('FORBIDDEN');
    expect(
      refusal(() => decide(published, answer(LINK, 'FORUM' as never), PUBLIC_RESPONDENT, now)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'channel' } });
    expect(
      refusal(() => decide(published, answer(LINK), PUBLIC_RESPONDENT, new Date(T.feedbackClosesAt))).code,
    ).toBe('INVALID_PHASE');
  });

  it('gives a signed-in participant no new way in, and gives the public no other step', () => {
    // A participant's own item still names them; the link id changes nothing for them.
    const { events } = decide(published, answer(LINK), rep, now);
    expect(events[0].data).toMatchObject({ fromParticipantId: PARENT_REP });
    expect(events[0].data).not.toHaveProperty('viaPublicLink');
    expect(refusal(() => decide(published, { type: 'closeFeedback' }, PUBLIC_RESPONDENT, now)).code).toBe(
      'NOT_FOUND',
    );
  });
});
