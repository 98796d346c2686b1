// Authentication, authorization of each operation (one allowed and one refused caller),
// and the contract's error codes. A refused mutation records nothing.
import * as Q from './support/documents';
import { startInput } from './support/people';
import { peopleForEachTest, stackForFile } from './support/suite';
import type { GraphQLResponse } from './support/stack';
import { tokenFor } from './support/tokens';

const stack = stackForFile();
const people = peopleForEachTest();

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

async function start(overrides: Record<string, unknown> = {}, token = people.lead.token) {
  const res = await stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.startProject as { id: string; version: number };
}

/** The lead's start request with these fields changed, answered as it is (refusals included). */
const startAsLead = (overrides: Record<string, unknown>) =>
  stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, people.lead.token);

async function versionOf(projectId: string) {
  const res = await stack.gql(Q.PROJECT, { id: projectId }, people.lead.token);
  return res.data!.project.version as number;
}

describe('authentication', () => {
  it.each([
    ['no token', undefined],
    [
      'a token signed with another secret',
      tokenFor({ sub: 'x', roles: ['BOARD'], charters: ['hounslow'] }, 'wrong'),
    ],
    ['a malformed token', 'not-a-jwt'],
  ])('refuses %s with UNAUTHENTICATED as GraphQL JSON', async (_name, token) => {
    const res = await stack.gql(Q.CHARTERS, {}, token);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/sign in/i);
  });

  it('refuses an expired token', async () => {
    const jwt = await import('jsonwebtoken');
    const expired = jwt.default.sign(
      {
        sub: 'x',
        name: 'X',
        roles: ['BOARD'],
        charters: ['hounslow'],
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      process.env.AUTH_JWT_SECRET ?? 'test-secret',
    );
    const res = await stack.gql(Q.CHARTERS, {}, expired);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toMatch(/^Your token expired at \d{4}-\d{2}-\d{2}T.*Sign in again/);
  });

  it('says when a token names no person or no role the service knows', async () => {
    const nobody = await stack.gql(
      Q.CHARTERS,
      {},
      tokenFor({ sub: '', roles: ['LEAD'], charters: ['hounslow'] }),
    );
    expect(nobody.errors![0].message).toMatch(/does not say who you are/);
    const noRole = await stack.gql(
      Q.CHARTERS,
      {},
      tokenFor({ sub: 'x', roles: ['ADMIN'], charters: ['hounslow'] }),
    );
    expect(noRole.errors![0].message).toMatch(/no role this service knows \(it says "ADMIN"\)/);
  });
});

describe('a token naming a charter the service does not know', () => {
  // Checked when the token is verified: the token still works where it is right (an unknown
  // charterId stays BAD_USER_INPUT where it is used, after authorization, as the contract
  // orders the checks), and every refusal says which charter it does not know.
  const typo = () =>
    tokenFor({ sub: 'lee', name: 'Lee Lead', roles: ['LEAD', 'BOARD'], charters: ['worcester', 'hounslow'] });
  const NOTICE =
    /Note: this token names a charter this service does not know: "worcester"\. The charters are "wokingham", "north-northamptonshire", "worcestershire", "warrington", "hounslow"\. If that is a mistake, sign in again/;

  it('names it in a GraphQL refusal', async () => {
    const res = await stack.gql(Q.START_PROJECT, { input: startInput(people) }, typo());
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors![0].message).toMatch(NOTICE);
    // What the token may do still works.
    const charters = await stack.gql(Q.CHARTERS, {}, typo());
    expect(charters.errors).toBeUndefined();
  });

  it('names it in a refused download', async () => {
    const base = stack.url.replace(/\/graphql$/, '');
    const res = await fetch(
      `${base}/reports/board?charterId=worcestershire&from=2027-01-01&to=2027-01-31&format=csv`,
      { headers: { authorization: `Bearer ${typo()}` } },
    );
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).errors[0].message).toMatch(NOTICE);
  });

  it('says nothing of the kind for a token whose charters are all known', async () => {
    const res = await stack.gql(
      Q.START_PROJECT,
      { input: startInput(people) },
      people.otherCharterBoard.token,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
    expect(res.errors![0].message).not.toMatch(/does not know/);
  });
});

describe('errors a person can act on', () => {
  it('a validation error names the field, says what is wrong and what to send', async () => {
    const project = await start();
    const res = await stack.gql(
      Q.SCHEDULE_MEETING,
      {
        projectId: project.id,
        input: { title: 'Workshop', startsAt: 'next Tuesday', durationMinutes: 60, location: 'Hall' },
      },
      people.lead.token,
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
    expect(res.errors![0].message).toBe(
      '`startsAt` must be a date and time with a time zone, e.g. 2027-03-04T10:00:00Z (you sent "next Tuesday").',
    );
    const parseError = await stack.gql('{ charters { id ', {}, people.lead.token);
    expect(parseError.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(parseError.errors![0].message).toMatch(/^The query could not be read at line 1, column 17/);
    const unknownEnum = await startAsLead({ proposedLevel: 'TOKENISM' });
    expect(unknownEnum.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'proposedLevel',
    });
    for (const res of [parseError, unknownEnum])
      expect(JSON.stringify(res.errors)).not.toMatch(/Graphql validation error/i);
  });
});

describe('authorization of each operation', () => {
  it('startProject: a LEAD in the charter, not a LEAD of another charter nor a BOARD member', async () => {
    await start();
    const otherLead = tokenFor({ sub: 'l2', roles: ['LEAD'], charters: ['hounslow'] });
    for (const token of [otherLead, people.board.token]) {
      const res = await stack.gql(Q.START_PROJECT, { input: startInput(people) }, token);
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
  });

  it('agreeLadderLevel: the PARENT_REP participant, not the KEY_CONTACT', async () => {
    const project = await start();
    const refused = await stack.gql(Q.AGREE, { projectId: project.id }, people.keyContact.token);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await versionOf(project.id)).toBe(1);
    expect((await stack.gql(Q.AGREE, { projectId: project.id }, people.rep.token)).errors).toBeUndefined();
  });

  it('counterProposeLadderLevel: FORUM in the charter, not BOARD', async () => {
    const project = await start();
    const vars = { projectId: project.id, level: 'CONSULTATION', reason: 'Fewer meetings' };
    expect(codeOf(await stack.gql(Q.COUNTER_PROPOSE, vars, people.board.token))).toBe('FORBIDDEN');
    expect((await stack.gql(Q.COUNTER_PROPOSE, vars, people.forum.token)).errors).toBeUndefined();
  });

  it('changeLadderLevel and cancelProject: the project LEAD, not the PARENT_REP', async () => {
    const project = await start();
    const change = { projectId: project.id, level: 'PARTNERSHIP', reason: 'x' };
    expect(codeOf(await stack.gql(Q.CHANGE_LEVEL, change, people.rep.token))).toBe('FORBIDDEN');
    expect((await stack.gql(Q.CHANGE_LEVEL, change, people.lead.token)).errors).toBeUndefined();
    const cancel = { projectId: project.id, reason: 'No longer needed' };
    expect(codeOf(await stack.gql(Q.CANCEL, cancel, people.rep.token))).toBe('FORBIDDEN');
    expect(await versionOf(project.id)).toBe(2);
    expect((await stack.gql(Q.CANCEL, cancel, people.lead.token)).data!.cancelProject.phase).toBe(
      'CANCELLED',
    );
  });

  it('project, auditTrail, verifyAuditTrail: participants, BOARD in the charter; not BOARD elsewhere (NOT_FOUND)', async () => {
    const project = await start();
    for (const token of [people.rep.token, people.board.token, people.forum.token]) {
      expect((await stack.gql(Q.PROJECT, { id: project.id }, token)).errors).toBeUndefined();
      expect(
        (await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId: project.id } }, token)).errors,
      ).toBeUndefined();
      expect((await stack.gql(Q.VERIFY, { projectId: project.id }, token)).errors).toBeUndefined();
    }
    for (const token of [people.otherCharterBoard.token, people.outsider.token]) {
      expect(codeOf(await stack.gql(Q.PROJECT, { id: project.id }, token))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId: project.id } }, token))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await stack.gql(Q.VERIFY, { projectId: project.id }, token))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(Q.AGREE, { projectId: project.id }, token))).toBe('NOT_FOUND');
    }
  });

  it('others in the charter read PUBLIC projects only; projects lists only what the caller may read', async () => {
    const publicProject = await start({ confidentiality: 'PUBLIC', title: `Public ${people.lead.sub}` });
    const partnersProject = await start({ title: `Partners ${people.lead.sub}` });
    const neighbour = tokenFor({
      sub: `n-${people.lead.sub}`,
      roles: ['PARENT_REP'],
      charters: ['worcestershire'],
    });
    expect((await stack.gql(Q.PROJECT, { id: publicProject.id }, neighbour)).errors).toBeUndefined();
    expect(codeOf(await stack.gql(Q.PROJECT, { id: partnersProject.id }, neighbour))).toBe('NOT_FOUND');

    const list = async (token: string) => {
      const res = await stack.gql(Q.PROJECTS, { filter: { search: people.lead.sub }, first: 10 }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.projects;
    };
    expect((await list(neighbour)).edges.map((e: any) => e.node.id)).toEqual([publicProject.id]);
    const boardView = await list(people.board.token);
    expect(boardView.totalCount).toBe(2);
    expect(new Set(boardView.edges.map((e: any) => e.node.id))).toEqual(
      new Set([publicProject.id, partnersProject.id]),
    );
    expect((await list(people.otherCharterBoard.token)).totalCount).toBe(0);
  });
});

describe('error codes', () => {
  it('BAD_USER_INPUT names the field; CHARTER_RULE names the rule; nothing is recorded', async () => {
    const blank = await startAsLead({ title: ' ' });
    expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const noReason = await startAsLead({ proposedReason: '' });
    expect(noReason.errors![0].extensions).toMatchObject({
      code: 'CHARTER_RULE',
      rule: 'ladder.reasonRequired',
    });

    const project = await start();
    const counter = await stack.gql(
      Q.COUNTER_PROPOSE,
      { projectId: project.id, level: 'PARTNERSHIP', reason: '   ' },
      people.rep.token,
    );
    expect(counter.errors![0].extensions).toMatchObject({
      code: 'CHARTER_RULE',
      rule: 'ladder.reasonRequired',
    });
    expect(await versionOf(project.id)).toBe(1);
  });

  it('INVALID_PHASE for a step that does not fit the phase, also once the workflow has finished', async () => {
    const project = await start();
    await stack.gql(Q.AGREE, { projectId: project.id }, people.rep.token);
    const again = await stack.gql(
      Q.COUNTER_PROPOSE,
      { projectId: project.id, level: 'PARTNERSHIP', reason: 'x' },
      people.rep.token,
    );
    expect(codeOf(again)).toBe('INVALID_PHASE');
    await stack.gql(Q.CANCEL, { projectId: project.id, reason: 'Stopped' }, people.lead.token);
    const afterCancel = await stack.gql(
      Q.CANCEL,
      { projectId: project.id, reason: 'Again' },
      people.lead.token,
    );
    expect(codeOf(afterCancel)).toBe('INVALID_PHASE');
    expect(afterCancel.errors![0].message).toMatch(/cancelled/);
    expect(await versionOf(project.id)).toBe(3);
  });

  it('NOT_FOUND for an unknown project; BAD_USER_INPUT for malformed GraphQL, unknown enums and too many aliases', async () => {
    const unknown = await stack.gql(
      Q.PROJECT,
      { id: '00000000-0000-4000-a000-000000000000' },
      people.lead.token,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql(Q.PROJECT, { id: 'not-a-uuid' }, people.lead.token))).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql('{ charters { id ', {}, people.lead.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await stack.gql('{ charters { nope } }', {}, people.lead.token))).toBe('BAD_USER_INPUT');
    const badEnum = await stack.gql(
      Q.START_PROJECT,
      { input: startInput(people, { proposedLevel: 'TOKENISM' }) },
      people.lead.token,
    );
    expect(codeOf(badEnum)).toBe('BAD_USER_INPUT');
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `c${i}: charters { id }`).join(' ')} }`;
    expect(codeOf(await stack.gql(aliases, {}, people.lead.token))).toBe('BAD_USER_INPUT');
  });

  it('serves a page of 100 projects but refuses 100 projects × 100 audit events each (query cost)', async () => {
    const page = `{ projects(first: 100) { edges { node { id title participants { id email } ladder { history { level by { id } } } } } } }`;
    expect((await stack.gql(page, {}, people.board.token)).errors).toBeUndefined();
    const nested = `{ projects(first: 100) { edges { node { id auditTrail(first: 100) { edges { node { id data hash } } } } } } }`;
    const refused = await stack.gql(nested, {}, people.board.token);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/too much at once/);
  });

  it('plain messages: no stack traces or SQL in any error', async () => {
    const responses = await Promise.all([
      stack.gql(Q.PROJECT, { id: 'not-a-uuid' }, people.lead.token),
      stack.gql(Q.AUDIT_TRAIL, { filter: {}, after: '%%%' }, people.lead.token),
      stack.gql(
        Q.START_PROJECT,
        { input: startInput(people, { title: 'x'.repeat(5000) }) },
        people.lead.token,
      ),
    ]);
    for (const res of responses) {
      expect(res.errors).toBeDefined();
      const text = JSON.stringify(res.errors);
      expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|SELECT|INSERT|stacktrace/i);
    }
    expect(codeOf(responses[1])).toBe('BAD_USER_INPUT');
    expect(codeOf(responses[2])).toBe('BAD_USER_INPUT');
  });
});
