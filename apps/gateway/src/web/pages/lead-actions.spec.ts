// The lead's and key contact's "What you can do next" links, and what the step forms' fields
// become (times in words, London dates) before the domain decides.
import { decide, decideStart, type ProjectCommand } from '../../../../../libs/domain/src/commands';
import { applyEvents, type ProjectState } from '../../../../../libs/domain/src/project-state';
import type { Actor } from '../../../../../libs/domain/src/actor';
import { keyContact, lead, rep, startInput } from '../../../../../libs/domain/test/people';
import { leadActionsFor } from './lead-actions';
import { dateOf, instantOf, lines, MEETING_STEPS, PROJECT_STEPS, timeOf, values } from './lead-forms';

const projectId = '00000000-0000-4000-a000-000000000009';
const now = new Date('2027-01-10T09:00:00.000Z');

const step = (state: ProjectState, command: ProjectCommand, actor: Actor) =>
  applyEvents(projectId, state, decide(state, command, actor, now).events);

const started = () => applyEvents(projectId, null, decideStart(projectId, startInput(), lead, now).events);

function inMeetings(): ProjectState {
  let state = step(started(), { type: 'agreeLadderLevel' }, rep);
  state = step(
    state,
    { type: 'recordBriefing', summary: 'What it is', briefedParticipantIds: [`${projectId}.p2`] },
    keyContact,
  );
  return step(state, { type: 'completeBriefing' }, keyContact);
}

const texts = (state: ProjectState, actor: Actor) => leadActionsFor(state, actor).map((a) => a.text);

describe('leadActionsFor', () => {
  it('offers the lead the steps of the ladder agreement, and nothing to the parent rep', () => {
    const state = started();
    expect(texts(state, lead)).toEqual([
      'Propose or change the level of participation',
      'Add, change or remove participants',
      'Cancel the project',
    ]);
    expect(leadActionsFor(state, rep)).toEqual([]);
    expect(leadActionsFor(state, keyContact)).toEqual([]);
  });

  it('offers accepting a counter-proposal once the parent carer side made one', () => {
    const state = step(
      started(),
      { type: 'counterProposeLadderLevel', level: 'PARTNERSHIP', reason: 'Time' },
      rep,
    );
    expect(leadActionsFor(state, lead)[0]).toEqual({
      href: `/projects/${projectId}/accept-level`,
      text: 'Accept the level of participation the parent carer side proposed',
    });
  });

  it('gives the key contact the briefing and meetings, the lead the feedback too', () => {
    let state = inMeetings();
    expect(texts(state, keyContact)).toEqual([
      'Record a briefing of parent carer representatives',
      'Book a meeting',
      'Record a meeting that was not booked here',
    ]);
    expect(texts(state, lead)).toContain('Start gathering feedback');
    state = step(
      state,
      {
        type: 'scheduleMeeting',
        input: {
          title: 'Workshop',
          startsAt: '2027-01-27T11:00:00.000Z',
          durationMinutes: 60,
          location: 'Hall',
        },
      },
      keyContact,
    );
    expect(leadActionsFor(state, keyContact).slice(-4)).toEqual([
      {
        href: `/projects/${projectId}/meetings/${projectId}.m1/papers`,
        text: 'Send out the papers for "Workshop"',
      },
      {
        href: `/projects/${projectId}/meetings/${projectId}.m1/record`,
        text: 'Record what happened at "Workshop"',
      },
      {
        href: `/projects/${projectId}/meetings/${projectId}.m1/reschedule`,
        text: 'Move "Workshop" to another time',
      },
      { href: `/projects/${projectId}/meetings/${projectId}.m1/cancel`, text: 'Cancel "Workshop"' },
    ]);
  });

  it('offers nothing once the project is cancelled', () => {
    const state = step(started(), { type: 'cancelProject', reason: 'No longer needed' }, lead);
    expect(leadActionsFor(state, lead)).toEqual([]);
  });
});

describe('the step forms', () => {
  it.each([
    ['10:30', '10:30'],
    ['10am', '10:00'],
    ['2:30pm', '14:30'],
    ['14.45', '14:45'],
    ['12am', '00:00'],
    ['midday', '12:00'],
    ['10', null],
    ['25:00', null],
    ['13pm', null],
  ])('reads the time "%s" as %s', (typed, time) => expect(timeOf(typed)).toBe(time));

  it('reads a GOV.UK date input as a London day, and a day and time as the instant in London', () => {
    expect(dateOf({ 'd-day': '4', 'd-month': '3', 'd-year': '2027' }, 'd')).toBe('2027-03-04');
    expect(dateOf({ 'd-day': '31', 'd-month': '2', 'd-year': '2027' }, 'd')).toBeNull();
    const summer = { 'd-day': '1', 'd-month': '7', 'd-year': '2027' };
    expect(instantOf(summer, 'd', '10:00')).toBe('2027-07-01T09:00:00.000Z');
    expect(instantOf(summer, 'd', null)).toBe('');
  });

  it('reads lists one a line and ticked boxes as a list', () => {
    expect(lines({ d: ' Agenda \r\n\r\nMinutes ' }, 'd')).toEqual(['Agenda', 'Minutes']);
    expect(values({ c: 'SURVEY' }, 'c')).toEqual(['SURVEY']);
    expect(values({ c: ['SURVEY', 'FORUM'] }, 'c')).toEqual(['SURVEY', 'FORUM']);
    expect(values({}, 'c')).toEqual([]);
  });

  it('sends a booking with its override reason, and the attendance of every current participant', () => {
    const state = inMeetings();
    const form = {
      title: 'Workshop',
      'startsAt-day': '27',
      'startsAt-month': '1',
      'startsAt-year': '2027',
      startsAtTime: '3pm',
      durationMinutes: '60',
      location: 'Hall',
      overrideReason: 'Only time the hall is free',
    };
    expect(PROJECT_STEPS['schedule-meeting'].command(form, { state })).toEqual({
      type: 'scheduleMeeting',
      input: {
        title: 'Workshop',
        startsAt: '2027-01-27T15:00:00.000Z',
        durationMinutes: 60,
        location: 'Hall',
        accessibilityNotes: null,
        overrideReason: 'Only time the hall is free',
      },
    });
    const record = MEETING_STEPS.record.command(
      { minutes: 'Met', present: `${projectId}.p2` },
      { state, meetingId: 'm' },
    );
    expect(record).toMatchObject({
      input: {
        attendance: [
          { participantId: `${projectId}.p1`, present: false },
          { participantId: `${projectId}.p2`, present: true },
          { participantId: `${projectId}.p3`, present: false },
        ],
      },
    });
  });
});
