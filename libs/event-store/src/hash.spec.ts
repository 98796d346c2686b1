// The hash chain on its own (no database).
import { createHash } from 'node:crypto';
import { canonicalEvent, eventHash, GENESIS_HASH, verifyChain, type ChainEvent } from './hash';

const projectId = '6f1c2f0e-8a51-4d4c-9c39-2f5b8e0d1a77';

function chain(n: number): ChainEvent[] {
  const events: ChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= n; sequence++) {
    const e = {
      projectId,
      sequence,
      type: 'LadderLevelProposed',
      actor: { id: 'lead-1' },
      occurredAt: new Date(Date.UTC(2027, 2, 4, 10, sequence, 0, sequence)).toISOString(),
      data: { level: 'PARTNERSHIP', note: { z: 1, a: ['é', null, true] } },
      reason: sequence % 2 ? null : 'because',
    };
    const hash = eventHash(prevHash, { ...e, actorId: e.actor.id });
    events.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

describe('eventHash', () => {
  it('is SHA-256 over prevHash and the RFC 8785 form of exactly the seven fields', () => {
    const fields = {
      type: 'LadderLevelAgreed',
      sequence: 3,
      reason: undefined,
      projectId,
      occurredAt: '2027-03-04T10:00:00.000Z',
      data: { level: 'PARTNERSHIP', comment: 'Agreed, \u00e9t\u00e9 "quoted"' },
      actorId: 'rep-1',
    };
    const literal =
      `{"actorId":"rep-1","data":{"comment":"Agreed, été \\"quoted\\"","level":"PARTNERSHIP"},` +
      `"occurredAt":"2027-03-04T10:00:00.000Z","projectId":"${projectId}","reason":null,"sequence":3,` +
      `"type":"LadderLevelAgreed"}`;
    expect(canonicalEvent(fields)).toBe(literal);
    const prev = 'a'.repeat(64);
    expect(eventHash(prev, fields)).toBe(
      createHash('sha256')
        .update(Buffer.from(prev + literal, 'utf8'))
        .digest('hex'),
    );
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });
});

describe('verifyChain', () => {
  it('accepts a sound chain and reports its head', () => {
    const events = chain(5);
    expect(verifyChain(events)).toEqual({
      valid: true,
      eventCount: 5,
      headHash: events[4].hash,
      firstInvalidSequence: null,
    });
    expect(verifyChain([])).toEqual({
      valid: true,
      eventCount: 0,
      headHash: null,
      firstInvalidSequence: null,
    });
  });

  it('reports the first break: altered data, a broken link, a gap, a wrong start', () => {
    const altered = chain(5);
    altered[2] = { ...altered[2], data: { level: 'CO_PRODUCTION' } };
    expect(verifyChain(altered)).toMatchObject({ valid: false, eventCount: 5, firstInvalidSequence: 3 });

    const relinked = chain(5);
    relinked[3] = { ...relinked[3], prevHash: GENESIS_HASH };
    expect(verifyChain(relinked)).toMatchObject({ valid: false, firstInvalidSequence: 4 });

    const gap = chain(5);
    gap.splice(1, 1);
    expect(verifyChain(gap)).toMatchObject({ valid: false, eventCount: 4, firstInvalidSequence: 2 });

    expect(verifyChain(chain(3).slice(1))).toMatchObject({ valid: false, firstInvalidSequence: 1 });
  });
});
