import type { Actor } from '../../../../libs/domain/src/actor';
import { sealedValueOf } from '../../../../libs/domain/src/confidential';
import type { RecordedEvent } from '../../../../libs/domain/src/events';
import type { ProjectState } from '../../../../libs/domain/src/project-state';
import { presentProgress, redactConfidential } from './progress.presenter';

const sealed = sealedValueOf('Sensitive case discussed');

const event = (data: unknown): RecordedEvent =>
  ({
    id: 'p:7',
    projectId: 'p',
    sequence: 7,
    type: 'MeetingRecorded',
    data,
    reason: null,
    actor: { id: 'lee', displayName: 'Lee', roles: ['LEAD'] },
    occurredAt: '2027-01-01T10:00:00.000Z',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  }) as RecordedEvent;

const state = (confidentiality: string) =>
  ({
    id: 'p',
    charterId: 'worcestershire',
    confidentiality,
    phase: 'MEETINGS',
    participants: [{ id: 'x', personId: 'pat', role: 'PARENT_REP', displayName: 'Pat' }],
  }) as unknown as ProjectState;

const person = (id: string): Actor => ({
  id,
  displayName: id,
  roles: ['BOARD'],
  charters: ['worcestershire'],
});

describe('progress payloads', () => {
  const legacy = { meetingId: 'm', minutes: 'Sensitive', decisions: ['Keep it', sealed], actions: ['Call'] };

  it('hides unsealed confidential text from non-participants of MEETING_GROUP projects', () => {
    const progress = presentProgress(event(legacy), state('MEETING_GROUP'), person('bo'));
    expect(progress.event.data).toEqual({
      meetingId: 'm',
      minutes: '[confidential]',
      decisions: ['[confidential]', sealed],
      // Actions are kept like minutes now (they quote confidential feedback).
      actions: ['[confidential]'],
    });
    expect(progress).toMatchObject({
      projectId: 'p',
      phase: 'MEETINGS',
      event: { sequence: 7, hash: 'b'.repeat(64) },
    });
  });

  it('passes sealed values, participants and other projects through unchanged', () => {
    const sealedData = { meetingId: 'm', minutes: sealed, decisions: [sealed] };
    expect(presentProgress(event(sealedData), state('MEETING_GROUP'), person('bo')).event.data).toEqual(
      sealedData,
    );
    expect(presentProgress(event(legacy), state('MEETING_GROUP'), person('pat')).event.data).toEqual(legacy);
    expect(presentProgress(event(legacy), state('PARTNERS'), person('bo')).event.data).toEqual(legacy);
  });

  it('finds feedback bodies at any depth', () => {
    expect(redactConfidential({ items: [{ body: 'Worry', channel: 'SURVEY' }], body: null })).toEqual({
      items: [{ body: '[confidential]', channel: 'SURVEY' }],
      body: null,
    });
  });
});
