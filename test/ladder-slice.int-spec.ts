// The vertical slice through GraphQL → Temporal → PostgreSQL: start a project, agree the
// ladder level between both sides, read it back, and verify its audit trail.
import { contractHash } from './support/contract-hash';
import * as Q from './support/documents';
import { startInput } from './support/people';
import { counterProposalsAtOnce, LADDER_COURSE_EVENTS, ladderCourse } from './support/answers';
import { peopleForEachTest, stackForFile } from './support/suite';

const stack = stackForFile();
const people = peopleForEachTest();

async function start(overrides: Record<string, unknown> = {}) {
  const res = await stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, people.lead.token);
  expect(res.errors).toBeUndefined();
  return res.data!.startProject;
}

async function trail(projectId: string, token = people.lead.token) {
  const res = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId }, first: 100 }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.auditTrail.edges.map((e: { node: any }) => e.node);
}

describe('starting a project', () => {
  it('returns the project in LADDER_AGREEMENT with the caller as LEAD, after its event is committed', async () => {
    const project = await start();
    expect(project).toMatchObject({
      phase: 'LADDER_AGREEMENT',
      version: 1,
      charter: { id: 'worcestershire' },
      ladder: { proposedLevel: 'CO_PRODUCTION', agreedLevel: null },
    });
    expect(project.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(project.participants[0]).toMatchObject({
      role: 'LEAD',
      personId: people.lead.sub,
      displayName: 'Lee Lead',
    });
    const events = await trail(project.id);
    expect(events.map((e: any) => [e.sequence, e.type, e.actor.id])).toEqual([
      [1, 'ProjectStarted', people.lead.sub],
    ]);
  });

  it('returns the same project for the same idempotency key, recording nothing twice', async () => {
    const key = `key-${people.lead.sub}`;
    const [a, b] = await Promise.all([start({ idempotencyKey: key }), start({ idempotencyKey: key })]);
    const c = await start({ idempotencyKey: key });
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await trail(a.id)).toHaveLength(1);
    const other = await start({ idempotencyKey: `${key}-other` });
    expect(other.id).not.toBe(a.id);
  });

  it('keeps emails out of the audit trail and shows them only to those allowed', async () => {
    const project = await start();
    const events = await trail(project.id);
    expect(JSON.stringify(events)).not.toMatch(/@example\.org/);
    const emailsSeenBy = async (token: string) => {
      const res = await stack.gql(Q.PROJECT, { id: project.id }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.project.participants.map((p: any) => p.email);
    };
    expect(await emailsSeenBy(people.lead.token)).toEqual([
      null,
      'pat.parent@example.org',
      'kim@example.org',
    ]);
    expect(await emailsSeenBy(people.keyContact.token)).toEqual([
      null,
      'pat.parent@example.org',
      'kim@example.org',
    ]);
    expect(await emailsSeenBy(people.forum.token)).toEqual([
      null,
      'pat.parent@example.org',
      'kim@example.org',
    ]);
    expect(await emailsSeenBy(people.rep.token)).toEqual([null, 'pat.parent@example.org', null]);
    expect(await emailsSeenBy(people.board.token)).toEqual([null, null, null]);
  });
});

describe('agreeing the ladder level, both sides, every step recorded', () => {
  it('counter-proposal, lead agreement, then a later change with a reason', async () => {
    const project = await start();
    // Each step is expected done (no errors) as it is taken.
    const [counter, agreed, changed] = await ladderCourse(
      stack,
      people,
      project.id,
      'Parents have little time this term',
    );
    expect(counter).toMatchObject({
      phase: 'LADDER_AGREEMENT',
      version: 2,
      ladder: { proposedLevel: 'PARTNERSHIP', agreedLevel: null },
    });
    expect(agreed).toMatchObject({
      phase: 'BRIEFING',
      ladder: { agreedLevel: 'PARTNERSHIP', agreedBy: { id: people.lead.sub } },
    });
    expect(changed.ladder.agreedLevel).toBe('CONSULTATION');
    expect(changed.ladder.history.map((h: any) => h.level)).toEqual([
      'CO_PRODUCTION',
      'PARTNERSHIP',
      'PARTNERSHIP',
      'CONSULTATION',
    ]);

    const events = await trail(project.id);
    expect(events.map((e: any) => e.type)).toEqual(LADDER_COURSE_EVENTS);
    expect(events[3]).toMatchObject({
      reason: 'Funding was cut',
      data: { from: 'PARTNERSHIP', level: 'CONSULTATION' },
    });
  });

  it('the parent rep agrees the standing proposal and the project moves to BRIEFING', async () => {
    const project = await start();
    const res = await stack.gql(
      Q.AGREE,
      { projectId: project.id, comment: 'Happy with this' },
      people.rep.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.agreeLadderLevel).toMatchObject({
      phase: 'BRIEFING',
      version: 2,
      ladder: { agreedLevel: 'CO_PRODUCTION', agreedBy: { id: people.rep.sub } },
    });
    // A query right after the mutation sees its events.
    const read = await stack.gql(Q.PROJECT, { id: project.id }, people.board.token);
    expect(read.data!.project).toMatchObject({ phase: 'BRIEFING', version: 2 });
  });
});

describe('the audit trail', () => {
  it('is a hash chain anyone can recompute from auditTrail alone, and verifyAuditTrail agrees', async () => {
    const project = await start();
    await stack.gql(
      Q.COUNTER_PROPOSE,
      { projectId: project.id, level: 'PARTNERSHIP', reason: 'Busy term' },
      people.rep.token,
    );
    await stack.gql(
      Q.CHANGE_LEVEL,
      { projectId: project.id, level: 'PARTNERSHIP', reason: 'Agreed' },
      people.lead.token,
    );
    await stack.gql(
      Q.CANCEL,
      { projectId: project.id, reason: 'Merged with another project' },
      people.lead.token,
    );
    const events = await trail(project.id, people.board.token);
    expect(events.map((e: any) => e.sequence)).toEqual([1, 2, 3, 4]);
    let prev = '0'.repeat(64);
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(contractHash(prev, e));
      prev = e.hash;
    }
    const verified = await stack.gql(Q.VERIFY, { projectId: project.id }, people.board.token);
    expect(verified.data!.verifyAuditTrail).toEqual({
      projectId: project.id,
      valid: true,
      eventCount: 4,
      headHash: prev,
      firstInvalidSequence: null,
    });
  });

  it('pages with first/after, in sequence order', async () => {
    const project = await start();
    for (const level of ['PARTNERSHIP', 'CONSULTATION', 'PARTNERSHIP']) {
      const res = await stack.gql(
        Q.COUNTER_PROPOSE,
        { projectId: project.id, level, reason: `Prefer ${level}` },
        people.rep.token,
      );
      expect(res.errors).toBeUndefined();
    }
    const page1 = await stack.gql(
      Q.AUDIT_TRAIL,
      { filter: { projectId: project.id }, first: 3 },
      people.lead.token,
    );
    expect(page1.data!.auditTrail.edges.map((e: any) => e.node.sequence)).toEqual([1, 2, 3]);
    expect(page1.data!.auditTrail.pageInfo.hasNextPage).toBe(true);
    const page2 = await stack.gql(
      Q.AUDIT_TRAIL,
      { filter: { projectId: project.id }, first: 3, after: page1.data!.auditTrail.pageInfo.endCursor },
      people.lead.token,
    );
    expect(page2.data!.auditTrail.edges.map((e: any) => e.node.sequence)).toEqual([4]);
    expect(page2.data!.auditTrail.pageInfo.hasNextPage).toBe(false);
  });

  it('50 concurrent steps on one project give sequences 1..51 and a valid chain', async () => {
    const project = await start();
    const results = await counterProposalsAtOnce(stack, project.id, people.rep.token, 50);
    expect(results.filter((r) => r.errors)).toEqual([]);
    const events = await trail(project.id);
    expect(events.map((e: any) => e.sequence)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const verified = await stack.gql(Q.VERIFY, { projectId: project.id }, people.lead.token);
    expect(verified.data!.verifyAuditTrail).toMatchObject({ valid: true, eventCount: 51 });
  });
});

describe('charters', () => {
  it('lists the five seed charters with every rule, its mode, value and source', async () => {
    const res = await stack.gql(Q.CHARTERS, {}, people.board.token);
    expect(res.errors).toBeUndefined();
    const charters = res.data!.charters;
    expect(charters.map((c: any) => c.id).sort()).toEqual(
      ['hounslow', 'north-northamptonshire', 'warrington', 'wokingham', 'worcestershire'].sort(),
    );
    const worcs = charters.find((c: any) => c.id === 'worcestershire');
    const papers = worcs.rules.find((r: any) => r.id === 'papers.minNoticeDays');
    expect(papers).toMatchObject({ mode: 'MONITORED', value: 7 });
    expect(papers.source).toContain('002');
    const hounslow = charters.find((c: any) => c.id === 'hounslow');
    expect(hounslow.rules.find((r: any) => r.id === 'meeting.window')).toMatchObject({
      mode: 'MONITORED',
      value: { from: '10:00', to: '14:00' },
    });
    for (const charter of charters) {
      expect(charter.rules).toHaveLength(12);
      for (const rule of charter.rules) expect(rule.mode === 'OFF').toBe(rule.value === null);
    }
  });
});
