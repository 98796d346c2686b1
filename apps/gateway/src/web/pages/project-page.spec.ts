// The project page in words, rendered from a project decided by the domain and shaped by the
// presenter for each viewer: phases, level, promises kept or not, deadlines, meetings and the
// parent carer side's forms; no id, code or event type where words exist.
import type { Actor } from '../../../../../libs/domain/src/actor';
import { decide, decideStart, type ProjectCommand } from '../../../../../libs/domain/src/commands';
import { applyEvents, type ProjectState } from '../../../../../libs/domain/src/project-state';
import { board, keyContact, lead, rep, startInput } from '../../../../../libs/domain/test/people';
import { presentProject, Viewer } from '../../projects/project.presenter';
import { PageRenderer } from '../rendering/page-renderer';
import { dayInWords } from '../rendering/word-filters';
import { phaseSteps, projectPage } from './project-page';

const projectId = '7d2c1f0e-5a4b-4c3d-9e8f-0a1b2c3d4e5f';
const renderer = new PageRenderer();

function started(now: Date, overrides: Parameters<typeof startInput>[0] = {}): ProjectState {
  return applyEvents(projectId, null, decideStart(projectId, startInput(overrides), lead, now).events);
}

function act(state: ProjectState, command: ProjectCommand, actor: Actor, now: Date): ProjectState {
  return applyEvents(projectId, state, decide(state, command, actor, now).events);
}

/** A project past its briefing (in MEETINGS), with `overrides` for its start. */
function briefed(overrides: Parameters<typeof startInput>[0] = {}): ProjectState {
  let state = started(new Date('2027-01-04T10:00:00.000Z'), overrides);
  state = act(state, { type: 'agreeLadderLevel', comment: null }, rep, new Date('2027-01-05T10:00:00.000Z'));
  const repId = state.participants.find((p) => p.role === 'PARENT_REP')!.id;
  state = act(
    state,
    { type: 'recordBriefing', summary: 'We explained the review.', briefedParticipantIds: [repId] },
    keyContact,
    new Date('2027-01-06T10:00:00.000Z'),
  );
  return act(state, { type: 'completeBriefing' }, lead, new Date('2027-01-06T11:00:00.000Z'));
}

/** The page's words as someone reads them (tags stripped, spaces folded). */
function pageFor(
  state: ProjectState,
  actor: Actor,
  contacts = new Map<string, string>(),
  overrides: Record<string, unknown> = {},
) {
  const viewer = new Viewer(state, actor, contacts);
  const values = projectPage(presentProject(state, viewer), viewer, actor);
  const html = renderer.render('pages/project.njk', {
    ...values,
    csrfToken: 'token',
    values: {},
    fieldErrors: {},
    ...overrides,
  });
  const words = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { values, html, words };
}

test('the phases say which are done, which is now and what is next', () => {
  expect(phaseSteps('MEETINGS').map((s) => s.status)).toEqual([
    'done',
    'done',
    'now',
    'next',
    'later',
    'later',
    'later',
  ]);
  expect(phaseSteps('CLOSED').every((s) => s.status === 'done')).toBe(true);
});

test('a parent rep reads the project in words, with the forms of the parent carer side', () => {
  const state = started(new Date('2027-01-04T10:00:00.000Z'));
  const { values, words, html } = pageFor(state, rep);
  expect(words).toContain('Short breaks review');
  expect(words).toContain('Agreeing how much say parent carers have Now');
  expect(words).toContain('Briefing parent carer representatives Next');
  expect(words).toContain('Co-production Proposed');
  expect(words).toContain('Families use the service every week');
  expect(words).toContain('The agenda and papers go out early enough before each meeting Kept so far');
  expect(values.ladderForms).toMatchObject({ canAgree: true });
  expect(html).toContain('action="/projects/' + projectId + '/level/agree"');
  expect(html).toContain('name="_csrf" value="token"');
  // No codes where words exist.
  expect(words).not.toMatch(/LADDER_AGREEMENT|CO_PRODUCTION|PARENT_REP|papers\.minNoticeDays|LadderLevel/);
  // The board reads it too, without the forms.
  expect(pageFor(state, board).values.ladderForms).toBeNull();
});

test('meetings and the papers deadline are in words; emails only where the presenter gives them', () => {
  let state = briefed();
  state = act(
    state,
    {
      type: 'scheduleMeeting',
      input: {
        title: 'First workshop',
        startsAt: '2027-03-03T10:00:00.000Z',
        durationMinutes: 90,
        location: 'Civic Centre, Room 2',
        accessibilityNotes: 'Step-free access',
        overrideReason: null,
      },
    },
    lead,
    new Date('2027-01-07T10:00:00.000Z'),
  );
  const contacts = new Map(
    state.participants.map((p) => [p.id, `${p.displayName.split(' ')[0].toLowerCase()}@example.org`]),
  );
  const { words, html } = pageFor(state, rep, contacts);
  expect(words).toContain('Wednesday 3 March 2027 at 10am to 11:30am');
  expect(words).toContain('Civic Centre, Room 2');
  expect(words).toContain('Step-free access');
  expect(words).toContain(
    `The papers for "First workshop" are due by ${dayInWords(state.meetings[0].papersDueBy)}.`,
  );
  expect(html).toContain(
    `/projects/${projectId}/meetings/${encodeURIComponent(state.meetings[0].id)}/calendar.ics`,
  );
  // Pat sees their own address, not the key contact's.
  expect(html).toContain('pat@example.org');
  expect(html).not.toContain('kim@example.org');
  expect(pageFor(state, lead, contacts).html).toContain('kim@example.org');
  expect(words).toContain('Every promise has been kept so far.');
});

test('a promise not kept says so, with what happened and the reason given', () => {
  // 8:30am on a school day: the school run, booked anyway with a reason.
  const state = act(
    briefed(),
    {
      type: 'scheduleMeeting',
      input: {
        title: 'Early workshop',
        startsAt: '2027-03-03T08:30:00.000Z',
        durationMinutes: 60,
        location: 'Civic Centre',
        accessibilityNotes: null,
        overrideReason: 'The only time the venue was free',
      },
    },
    lead,
    new Date('2027-01-07T10:00:00.000Z'),
  );
  expect(state.breaches).toHaveLength(1);
  const { words } = pageFor(state, board);
  expect(words).toContain('Meetings avoid school drop-off and pick-up times Not kept once');
  expect(words).toContain(
    `Promises not kept Meetings avoid school drop-off and pick-up times (${dayInWords(state.breaches[0].at)}) ${state.breaches[0].detail}`,
  );
  expect(words).toContain('Reason given: The only time the venue was free');
  expect(words).not.toContain('Every promise has been kept so far.');
});

test('feedback of a MEETING_GROUP project is "[confidential]" to a reader outside the group', () => {
  let state = briefed({ confidentiality: 'MEETING_GROUP' });
  state = act(
    state,
    { type: 'openFeedback', closesAt: '2027-03-20T17:00:00.000Z', channels: ['SURVEY'] },
    lead,
    new Date('2027-03-04T10:00:00.000Z'),
  );
  state = act(
    state,
    { type: 'submitFeedback', channel: 'SURVEY', body: 'Our family waited a year', anonymous: false },
    rep,
    new Date('2027-03-05T10:00:00.000Z'),
  );
  const { words } = pageFor(state, board);
  expect(words).toContain('Pat Parent, a survey');
  expect(words).toContain('[confidential]');
  expect(words).not.toContain('Our family waited a year');
  // The board has no feedback form; the rep has, with the window's one channel chosen.
  expect(pageFor(state, board).values.feedbackForm).toBeNull();
  expect(pageFor(state, rep).html).toMatch(/<input[^>]*id="channel"[^>]*value="SURVEY" checked/);
});

test('the lead\'s next steps show under "What you can do next" only when there are some', () => {
  const state = started(new Date('2027-01-04T10:00:00.000Z'));
  // The parent rep has no lead's steps; the lead has (leadActionsFor, lead-actions.spec.ts).
  expect(pageFor(state, rep).words).not.toContain('What you can do next');
  const { words, html } = pageFor(state, lead, new Map(), {
    leadActions: [{ href: `/projects/${projectId}/briefing`, text: 'Record the briefing' }],
  });
  expect(words).toContain('What you can do next Record the briefing');
  expect(html).toContain(`href="/projects/${projectId}/briefing"`);
  expect(pageFor(state, lead).words).toContain(
    'What you can do next Propose or change the level of participation',
  );
});

test('text people typed is shown as text, never as markup', () => {
  let state = act(
    briefed({ title: 'Review <b>now</b>' }),
    {
      type: 'scheduleMeeting',
      input: {
        title: 'Workshop <i>one</i>',
        startsAt: '2027-03-03T10:00:00.000Z',
        durationMinutes: 60,
        location: 'Hall <script>alert(1)</script>',
        accessibilityNotes: null,
        overrideReason: null,
      },
    },
    lead,
    new Date('2027-01-07T10:00:00.000Z'),
  );
  state = act(
    state,
    { type: 'distributePapers', meetingId: state.meetings[0].id, documents: ['<em>Agenda</em>'] },
    lead,
    new Date('2027-01-08T10:00:00.000Z'),
  );
  const { html } = pageFor(state, rep);
  expect(html).not.toMatch(/<b>now|<i>one|<script>alert|<em>Agenda/);
  expect(html).toContain('&lt;em&gt;Agenda&lt;/em&gt;');
  expect(html).toContain('Hall &lt;script&gt;alert(1)&lt;/script&gt;');
});

test('a cancelled project says so, and why, instead of its steps', () => {
  const state = act(
    started(new Date('2027-01-04T10:00:00.000Z')),
    { type: 'cancelProject', reason: 'The service is being recommissioned' },
    lead,
    new Date('2027-01-11T10:00:00.000Z'),
  );
  const { words, values } = pageFor(state, rep);
  expect(values.steps).toEqual([]);
  expect(words).toContain(
    'This project was cancelled on Monday 11 January 2027. The reason given: The service is being recommissioned',
  );
  expect(values.ladderForms).toBeNull();
});
