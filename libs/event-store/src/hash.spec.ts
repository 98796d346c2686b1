// The hash chain on its own (no database).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalEvent, canonicalJson, eventHash, GENESIS_HASH, verifyChain, type ChainEvent } from './hash';

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

describe('canonicalJson (the direct writer) against the canonicalize package it replaced', () => {
  const values: unknown[] = [
    null,
    true,
    false,
    0,
    -0,
    1,
    -17,
    Number.MAX_SAFE_INTEGER,
    1.5,
    1e21,
    1e-7,
    -123.456e-300,
    '',
    'plain',
    'quote " backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f',
    'été, Straße, 日本語, emoji 👩‍👩‍👧, lone surrogate \ud800 and \udfff, line sep \u2028',
    [],
    {},
    [1, 'two', null, true, [3, [4, []]], { b: 1, a: 2 }],
    [undefined, () => 1, Symbol('s')],
    { z: 1, a: 2, m: { y: [1, { d: 'x', c: null }], b: {} } },
    // Sorted by UTF-16 code units, not by code point or locale.
    { é: 1, e: 2, E: 3, '\ud83d\ude00': 4, '\uffff': 5, '10': 6, '2': 7, '': 8, a_b: 9, 'a-b': 10 },
    { keep: 1, dropped: undefined, alsoDropped: Symbol('x'), fn: () => 1 },
    { when: new Date(Date.UTC(2027, 2, 4, 10, 0, 0, 7)), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
    {
      level: 'PARTNERSHIP',
      participants: [{ id: 'p-1', displayName: "Zoë O'Brien", roles: ['PARENT_REP'], personId: null }],
      feedback: { channel: 'SURVEY', body: 'We want "more" say\r\nreally', count: 12 },
    },
  ];
  it('writes the same keys and ids again, from its cache of quoted strings, exactly as the first time', () => {
    const long = 'k'.repeat(65);
    const value = { 'é"\\\n': 1, [long]: [{ b: 1, a: 2 }], z: { [long]: 'x', a: null }, '\ud800': true };
    const first = canonicalJson(value);
    expect(first).toBe(canonicalize(value));
    for (let i = 0; i < 3; i++) expect(canonicalJson(structuredClone(value))).toBe(first);
  });

  it('writes exactly what canonicalize writes, for varied values', () => {
    for (const value of values) expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(() => canonicalJson(NaN)).toThrow('NaN');
    expect(() => canonicalJson({ a: Infinity })).toThrow('Infinity');
  });

  it('gives the same event text and hash as canonicalize did, so recorded chains still verify', () => {
    const prev = 'b'.repeat(64);
    for (const [i, data] of values.entries()) {
      for (const reason of [null, undefined, 'a reason with ü and "quotes"']) {
        const fields = {
          actorId: i % 2 ? 'lead-1' : 'Zoë',
          data,
          occurredAt: '2027-03-04T10:00:00.000Z',
          projectId,
          reason,
          sequence: i + 1,
          type: 'FeedbackSubmitted',
        };
        const old = canonicalize({ ...fields, reason: reason ?? null }) as string;
        expect(canonicalEvent(fields)).toBe(old);
        expect(eventHash(prev, fields)).toBe(
          createHash('sha256')
            .update(prev + old, 'utf8')
            .digest('hex'),
        );
      }
    }
    // A field missing altogether is left out, as before.
    const missing = {
      actorId: 'a',
      data: undefined,
      occurredAt: 'x',
      projectId,
      reason: null,
      sequence: 1,
      type: 't',
    };
    expect(canonicalEvent(missing)).toBe(canonicalize({ ...missing }));
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
