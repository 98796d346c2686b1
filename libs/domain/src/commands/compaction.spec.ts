// The workflow keeps a compacted state (compactForWorkflow) and carries it over
// continue-as-new as JSON (upgradeState on the way back in). Deciding on that state must give
// exactly what deciding on the full fold gives.
import { firstWords } from '../plain-english';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import { applyEvents, compactForWorkflow, upgradeState, type ProjectState } from '../project-state';
import type { Confidentiality } from '../vocabulary';
import {
  decide,
  decideDeadlines,
  decideStart,
  nextSystemWakeUp,
  openDeadlines,
  type Decision,
  type ProjectCommand,
} from '.';
import { deepFreeze } from '../../test/decisions';
import { lead, rep, keyContact, young, startInput } from '../../test/people';

const projectId = 'proj-cmp';
const m = (n: number) => `${projectId}.m${n}`;
const f = (n: number) => `${projectId}.f${n}`;
const PARENT_REP = `${projectId}.p2`;

const LONG = 'A long and careful answer. '.repeat(200);

type Outcome = { decision: Decision } | { refused: { code: string; details: object; message: string } };
function outcome(fn: () => Decision): Outcome {
  try {
    return { decision: fn() };
  } catch (err) {
    if (err instanceof DomainError)
      return { refused: { code: err.code, details: err.details, message: err.message } };
    throw err;
  }
}

type Step = { command: ProjectCommand; actor: Actor; at: string } | { tick: string };

const meeting = (startsAt: string, overrideReason?: string): ProjectCommand => ({
  type: 'scheduleMeeting',
  input: { title: 'Workshop', startsAt, durationMinutes: 120, location: 'Civic Centre', overrideReason },
});
const minutes = (meetingId: string): ProjectCommand => ({
  type: 'recordMeeting',
  meetingId,
  input: {
    minutes: LONG,
    decisions: ['Pilot in two areas', 'Meet again in May'],
    actions: ['Draft the survey'],
    attendance: [{ participantId: PARENT_REP, present: true }],
  },
});

/** A whole project with two meetings (one held late on papers, one cancelled), feedback and a report. */
const STEPS: Step[] = [
  {
    command: { type: 'agreeLadderLevel', comment: 'Agreed at the forum' },
    actor: rep,
    at: '2027-01-04T10:00:00.000Z',
  },
  {
    command: { type: 'recordBriefing', summary: `${LONG} EHCP`, briefedParticipantIds: [PARENT_REP] },
    actor: keyContact,
    at: '2027-01-05T10:00:00.000Z',
  },
  { command: { type: 'completeBriefing' }, actor: keyContact, at: '2027-01-05T11:00:00.000Z' },
  { command: meeting('2027-03-03T10:00:00.000Z'), actor: keyContact, at: '2027-01-06T10:00:00.000Z' },
  {
    command: meeting('2027-03-04T09:00:00.000Z', 'Only day the hall is free'),
    actor: keyContact,
    at: '2027-01-06T10:00:00.000Z',
  },
  { tick: '2027-02-24T10:00:00.000Z' },
  {
    command: { type: 'distributePapers', meetingId: m(1), documents: ['Agenda'] },
    actor: keyContact,
    at: '2027-02-26T10:00:00.000Z',
  },
  { command: minutes(m(1)), actor: keyContact, at: '2027-03-03T12:00:00.000Z' },
  {
    command: { type: 'cancelMeeting', meetingId: m(2), reason: 'Merged with the first' },
    actor: keyContact,
    at: '2027-03-03T13:00:00.000Z',
  },
  {
    command: { type: 'openFeedback', closesAt: '2027-03-18T17:00:00.000Z', channels: ['SURVEY', 'FORUM'] },
    actor: lead,
    at: '2027-03-04T10:00:00.000Z',
  },
  {
    command: { type: 'submitFeedback', channel: 'SURVEY', body: LONG },
    actor: rep,
    at: '2027-03-05T10:00:00.000Z',
  },
  {
    command: { type: 'submitFeedback', channel: 'FORUM', body: LONG, anonymous: true },
    actor: young,
    at: '2027-03-05T11:00:00.000Z',
  },
  { tick: '2027-03-18T17:00:00.000Z' },
  // Due by Monday 5 April 2027 (Good Friday and Easter Monday skipped): passes at 00:00 BST on the 6th.
  { tick: '2027-04-05T23:00:00.000Z' },
  {
    command: { type: 'acknowledgeFeedback', message: 'Thank you all' },
    actor: lead,
    at: '2027-04-06T10:00:00.000Z',
  },
  {
    command: {
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: [{ youSaid: 'Weekend sessions', weDid: 'Added Saturdays', feedbackIds: [f(1), f(2)] }],
        levelAchieved: 'PARTNERSHIP',
        barriers: 'Staff changes',
      },
    },
    actor: lead,
    at: '2027-04-07T10:00:00.000Z',
  },
];

/** When the probes are tried after step i: at the time of the step that comes next. */
const probeTime = (i: number) => {
  const next = STEPS[i];
  return new Date(next === undefined ? '2027-04-10T10:00:00.000Z' : 'tick' in next ? next.tick : next.at);
};

/** Commands tried (not applied) at every point, accepted or refused: the outcome must not depend on compaction. */
const PROBES: { command: ProjectCommand; actor: Actor }[] = [
  { command: { type: 'agreeLadderLevel' }, actor: rep },
  { command: { type: 'changeLadderLevel', level: 'CONSULTATION', reason: 'Less time' }, actor: lead },
  {
    command: { type: 'recordBriefing', summary: 'Again', briefedParticipantIds: [PARENT_REP] },
    actor: keyContact,
  },
  { command: { type: 'completeBriefing' }, actor: keyContact },
  { command: meeting('2027-06-09T10:00:00.000Z'), actor: keyContact },
  { command: meeting('2027-06-09T14:00:00.000Z', 'Evening only'), actor: keyContact },
  { command: { type: 'distributePapers', meetingId: m(1), documents: ['Agenda'] }, actor: keyContact },
  { command: { type: 'distributePapers', meetingId: m(2), documents: ['Agenda'] }, actor: keyContact },
  { command: minutes(m(1)), actor: keyContact },
  { command: { type: 'cancelMeeting', meetingId: m(2), reason: 'x' }, actor: keyContact },
  {
    command: { type: 'openFeedback', closesAt: '2027-06-30T17:00:00.000Z', channels: ['SURVEY'] },
    actor: lead,
  },
  { command: { type: 'submitFeedback', channel: 'SURVEY', body: 'More' }, actor: young },
  { command: { type: 'submitFeedback', channel: 'REVIEW', body: 'More' }, actor: young },
  { command: { type: 'closeFeedback' }, actor: lead },
  { command: { type: 'acknowledgeFeedback', message: 'Thanks' }, actor: lead },
  {
    command: {
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: [{ youSaid: 'a', weDid: 'b', feedbackIds: [f(1)] }],
        levelAchieved: 'CO_PRODUCTION',
      },
    },
    actor: lead,
  },
  {
    command: {
      type: 'publishClosingReport',
      input: {
        youSaidWeDid: [{ youSaid: 'a', weDid: 'b', feedbackIds: [f(1), f(2)] }],
        levelAchieved: 'CONSULTATION',
      },
    },
    actor: lead,
  },
  { command: { type: 'cancelProject', reason: 'Merged' }, actor: lead },
];

function started(charterId: string, confidentiality: Confidentiality): ProjectState {
  const decision = decideStart(
    projectId,
    startInput({
      charterId,
      confidentiality,
      participants: [
        { displayName: 'Pat Parent', role: 'PARENT_REP', personId: 'rep-1', email: 'pat@example.org' },
        { displayName: 'Kim Key', role: 'KEY_CONTACT', personId: 'key-1' },
        { displayName: 'Yan Young', role: 'YOUNG_PERSON', personId: 'yp-1' },
      ],
    }),
    lead,
    new Date('2027-01-04T09:00:00.000Z'),
  );
  return deepFreeze(applyEvents(projectId, null, decision.events));
}

/** Carried over continue-as-new: through JSON and back. */
const carried = (state: ProjectState) => upgradeState(JSON.parse(JSON.stringify(state)) as ProjectState);

function decideStep(state: ProjectState, step: Step): Decision {
  return 'tick' in step
    ? decideDeadlines(state, new Date(step.tick))
    : decide(state, step.command, step.actor, new Date(step.at));
}

/** What the full state is expected to look like once compacted. */
const withoutTexts = (state: ProjectState): ProjectState => ({
  ...state,
  briefing: state.briefing && { ...state.briefing, summary: '' },
  meetings: state.meetings.map((x) =>
    x.minutes === null ? x : { ...x, minutes: '', decisions: [], actions: [] },
  ),
  feedback: state.feedback.map((x) => ({ ...x, body: firstWords(x.body) ?? '' })),
});

describe.each([
  ['worcestershire', 'PARTNERS'],
  ['hounslow', 'PUBLIC'],
  ['warrington', 'MEETING_GROUP'],
] as const)('%s, %s: deciding on the compacted state', (charterId, confidentiality) => {
  // Run the project twice side by side: the full fold, and the workflow's way (compacted after
  // every step, and carried through JSON every few steps as continue-as-new does).
  const full: ProjectState[] = [started(charterId, confidentiality)];
  const compact: ProjectState[] = [compactForWorkflow(full[0])];
  const decisions: [Decision, Decision][] = [];
  STEPS.forEach((step, i) => {
    const onFull = decideStep(full[i], step);
    const onCompact = decideStep(compact[i], step);
    decisions.push([onFull, onCompact]);
    full.push(deepFreeze(applyEvents(projectId, full[i], onFull.events)));
    const next = compactForWorkflow(applyEvents(projectId, compact[i], onCompact.events));
    compact.push(deepFreeze(i % 3 === 2 ? carried(next) : next));
  });
  const points = full.map((_, i) => i);

  it('runs to CLOSED, recording the breaches the charter calls for', () => {
    expect(full.at(-1)!.phase).toBe('CLOSED');
    expect(full.at(-1)!.breaches.map((x) => [x.rule, x.meetingId])).toEqual(
      {
        // The second meeting clashes with the school run (override); its papers were never sent
        // before it was cancelled; feedback was acknowledged late.
        worcestershire: [
          ['meeting.avoidSchoolRun', m(2)],
          ['papers.minNoticeDays', m(1)],
          ['papers.minNoticeDays', m(2)],
          ['feedback.ackWorkingDays', null],
        ],
        hounslow: [
          ['meeting.window', m(2)],
          ['papers.minNoticeDays', m(1)],
          ['papers.minNoticeDays', m(2)],
        ],
        warrington: [['meeting.avoidSchoolRun', m(2)]],
      }[charterId],
    );
  });

  it.each(STEPS.map((step, i) => [i + 1, 'tick' in step ? `system at ${step.tick}` : step.command.type]))(
    'step %i (%s) decides the same events',
    (n) => {
      const [onFull, onCompact] = decisions[(n as number) - 1];
      expect(onCompact).toEqual(onFull);
    },
  );

  it.each(points)('after step %i every probe decides the same, and the deadlines are the same', (i) => {
    const at = probeTime(i);
    for (const probe of PROBES) {
      const a = outcome(() => decide(full[i], probe.command, probe.actor, at));
      const b = outcome(() => decide(compact[i], probe.command, probe.actor, at));
      expect({ probe: probe.command.type, ...b }).toEqual({ probe: probe.command.type, ...a });
    }
    expect(openDeadlines(compact[i])).toEqual(openDeadlines(full[i]));
    expect(nextSystemWakeUp(compact[i])).toEqual(nextSystemWakeUp(full[i]));
    for (const later of ['2027-02-24T10:00:00.000Z', '2027-03-18T17:00:00.000Z', '2027-06-01T00:00:00.000Z'])
      expect(decideDeadlines(compact[i], new Date(later))).toEqual(decideDeadlines(full[i], new Date(later)));
  });

  it.each(points)('after step %i the compacted state is the full one without its free texts', (i) => {
    expect(compact[i]).toEqual(withoutTexts(full[i]));
  });
});

describe('compactForWorkflow', () => {
  const state = (() => {
    let s = started('worcestershire', 'PARTNERS');
    for (const step of STEPS) s = deepFreeze(applyEvents(projectId, s, decideStep(s, step).events));
    return s;
  })();

  it('drops the briefing summary, the minutes, decisions and actions, and all but the first words of feedback', () => {
    const compact = compactForWorkflow(state);
    expect(state.briefing!.summary).toContain('careful answer');
    expect(compact.briefing).toEqual({ ...state.briefing, summary: '' });
    expect(compact.briefing!.unexplainedAbbreviations).toEqual(['EHCP']);
    expect(compact.meetings.map((x) => [x.status, x.minutes, x.decisions, x.actions])).toEqual([
      ['HELD', '', [], []],
      ['CANCELLED', null, [], []],
    ]);
    // Feedback keeps only its first words, which name it in messages.
    expect(compact.feedback.map((x) => x.body)).toEqual([
      'A long and careful answer. A…',
      'A long and careful answer. A…',
    ]);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(state).length / 4);
  });

  it('keeps every field a decision reads', () => {
    const compact = compactForWorkflow(state);
    expect(compact.meetings[0]).toMatchObject({
      id: m(1),
      title: 'Workshop',
      startsAt: '2027-03-03T10:00:00.000Z',
      papersDueBy: '2027-02-24T10:00:00.000Z',
      papersDistributedAt: '2027-02-26T10:00:00.000Z',
      documents: ['Agenda'],
      attendance: [{ participantId: PARENT_REP, present: true, substituteName: null, leftEarly: false }],
    });
    expect(compact.feedback.map((x) => [x.id, x.channel, x.fromParticipantId])).toEqual([
      [f(1), 'SURVEY', PARENT_REP],
      [f(2), 'FORUM', null],
    ]);
    for (const key of [
      'participants',
      'ladder',
      'breaches',
      'feedbackWindow',
      'acknowledgement',
      'closingReport',
    ] as const)
      expect(compact[key]).toEqual(state[key]);
  });

  it('is idempotent and leaves the state it is given alone', () => {
    const compact = compactForWorkflow(state);
    expect(compactForWorkflow(compact)).toEqual(compact);
    expect(state.feedback[0].body).toContain('careful answer');
  });
});

describe('upgradeState', () => {
  /** The fields the first release did not store. */
  const LATER_FIELDS = [
    'briefing',
    'meetings',
    'feedbackWindow',
    'feedback',
    'acknowledgement',
    'closingReport',
  ] as const;

  /** A state as the first release stored it: before briefings, meetings, feedback and reports. */
  function oldStored(): ProjectState {
    const current = started('hounslow', 'PARTNERS') as unknown as Record<string, unknown>;
    const old: Record<string, unknown> = { ...current };
    for (const key of LATER_FIELDS) delete old[key];
    old.breaches = [
      {
        id: `${projectId}.b1`,
        rule: 'ladder.reasonRequired',
        at: '2027-01-04T09:00:00.000Z',
        detail: 'x',
        reason: 'y',
      },
    ];
    return JSON.parse(JSON.stringify(old)) as ProjectState;
  }

  it('fills the fields an old stored state lacks', () => {
    const upgraded = upgradeState(oldStored());
    // What a project just started has: no briefing, meetings, feedback or report yet.
    const fresh = started('hounslow', 'PARTNERS');
    for (const key of LATER_FIELDS) expect([key, upgraded[key]]).toEqual([key, fresh[key]]);
    expect(fresh).toMatchObject({ briefing: null, meetings: [], feedback: [], closingReport: null });
    expect(upgraded.breaches).toEqual([
      {
        id: `${projectId}.b1`,
        rule: 'ladder.reasonRequired',
        at: '2027-01-04T09:00:00.000Z',
        detail: 'x',
        reason: 'y',
        meetingId: null,
      },
    ]);
    const { breaches: _b, ...rest } = upgraded;
    const { breaches: _c, ...expected } = started('hounslow', 'PARTNERS');
    expect(rest).toEqual(expected);
  });

  it('lets an old project carry on through the whole lifecycle', () => {
    let state = deepFreeze(upgradeState(oldStored()));
    expect(openDeadlines(state)).toEqual([]);
    expect(nextSystemWakeUp(state)).toBeNull();
    for (const step of STEPS) {
      const decision = decideStep(state, step);
      state = deepFreeze(upgradeState(applyEvents(projectId, state, decision.events)));
    }
    expect(state.phase).toBe('CLOSED');
    expect(state.breaches.map((x) => x.id)).toEqual(state.breaches.map((_, i) => `${projectId}.b${i + 1}`));
  });

  it('leaves a current state as it is, at every phase', () => {
    let state = started('worcestershire', 'MEETING_GROUP');
    for (const step of STEPS) {
      expect(upgradeState(state)).toEqual(state);
      expect(carried(state)).toEqual(state);
      state = deepFreeze(applyEvents(projectId, state, decideStep(state, step).events));
    }
    expect(upgradeState(state)).toEqual(state);
  });
});
