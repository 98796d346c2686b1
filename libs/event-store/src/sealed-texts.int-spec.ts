// MEETING_GROUP texts: each event holds a salted commitment, so a guess of the text cannot
// be confirmed from the audit trail, yet with the salt kept beside the text anyone shown
// both can check it, the chain still verifies, and a retried append stays idempotent.
import { randomUUID } from 'node:crypto';
import { commitmentOf, sealedValueOf } from '../../domain/src/confidential';
import type { NewEvent } from '../../domain/src/events';
import { lead, openTestDb, started, type TestDb } from '../test/support';
import { commitTexts, replaceStrings } from './sealed-texts';

let db: TestDb;

beforeAll(async () => {
  db = await openTestDb(2);
});

afterAll(async () => {
  await db?.close();
});

/** A decision's event for a text, as the domain writes it: with the text's placeholder. */
function submitted(text: string): NewEvent {
  return {
    type: 'FeedbackSubmitted',
    data: {
      feedbackId: randomUUID(),
      channel: 'SURVEY',
      body: sealedValueOf(text),
      fromParticipantId: null,
      quoted: [sealedValueOf(text), 'plain'],
    },
    reason: null,
    actor: lead,
    occurredAt: new Date().toISOString(),
  } as unknown as NewEvent;
}

describe('commitments to MEETING_GROUP texts', () => {
  it('are salted per text, and replace every placeholder of that text', () => {
    const sealed = commitTexts(['Sensitive case', 'Sensitive case', 'Other']);
    expect(sealed.size).toBe(2);
    const one = sealed.get(sealedValueOf('Sensitive case'))!;
    expect(one.salt).toHaveLength(32);
    expect(one.commitment).toBe(commitmentOf('Sensitive case', one.salt!));
    expect(one.commitment).not.toBe(sealedValueOf('Sensitive case'));
    expect(commitTexts(['Sensitive case']).get(sealedValueOf('Sensitive case'))!.commitment).not.toBe(
      one.commitment,
    );
    const replaced = replaceStrings(
      { a: sealedValueOf('Sensitive case'), b: [sealedValueOf('Other'), 'keep'], c: 3, d: null },
      new Map([...sealed].map(([k, v]) => [k, v.commitment])),
    );
    expect(replaced).toEqual({
      a: one.commitment,
      b: [sealed.get(sealedValueOf('Other'))!.commitment, 'keep'],
      c: 3,
      d: null,
    });
  });

  it('are what the store records, with the salt kept beside the text', async () => {
    const projectId = randomUUID();
    const text = 'What one family told us';
    const step = submitted(text);
    await db.store.append({
      projectId,
      expectedVersion: 0,
      events: [started({ confidentiality: 'MEETING_GROUP' })],
    });
    const [event] = await db.store.append({
      projectId,
      expectedVersion: 1,
      events: [step],
      confidentialTexts: [text],
    });
    const [sealedText] = await db.store.getSealedTexts(projectId);
    const data = event.data as unknown as { body: string; quoted: string[] };
    expect(sealedText).toMatchObject({ commitment: data.body, text });
    expect(data.body).toBe(commitmentOf(text, sealedText.salt!));
    expect(data.quoted).toEqual([data.body, 'plain']);
    // A guess checked the old way (the plain SHA-256) no longer matches anything recorded.
    expect(JSON.stringify(await db.store.readProjectEvents(projectId, { limit: 10 }))).not.toContain(
      sealedValueOf(text),
    );
    expect((await db.store.getProject(projectId))!.feedback.map((f) => f.body)).toEqual([data.body]);
    expect(await db.store.getConfidentialTexts(projectId)).toEqual(new Map([[data.body, text]]));
    expect(await db.store.verify(projectId)).toMatchObject({ valid: true, eventCount: 2 });

    // A retry of the same append (new salts drawn) returns the recorded events, adds nothing.
    const again = await db.store.append({
      projectId,
      expectedVersion: 1,
      events: [step],
      confidentialTexts: [text],
    });
    expect(again.map((e) => e.hash)).toEqual([event.hash]);
    expect(await db.store.getSealedTexts(projectId)).toHaveLength(1);
  });
});
