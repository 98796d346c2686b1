// What the gateway refuses at the edge, and what a step that slips past it costs: text that
// cannot be stored, forged cursors, requests without a (lasting) token, alias floods.
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import jwt from 'jsonwebtoken';
import { stepUpdate, workflowIdFor } from '../workflows/src/definitions';
import { testDataConverter, testEnv } from './support/env';
import * as Q from './support/documents';
import { cast, startInput, type Cast } from './support/people';
import { startStack, type GraphQLResponse, type Stack } from './support/stack';

let stack: Stack;
let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  stack = await startStack();
  connection = await Connection.connect({ address: testEnv().temporalAddress });
  temporal = new Client({ connection, dataConverter: testDataConverter() });
});
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
const LONE_SURROGATE = '\ud800';

/** A project of a charter with no briefing rule, with its feedback window open. */
async function projectTakingFeedback(people: Cast): Promise<string> {
  const lead = people.lead.token;
  const started = await stack.gql(
    Q.START_PROJECT,
    { input: startInput(people, { charterId: 'wokingham' }) },
    lead,
  );
  expect(started.errors).toBeUndefined();
  const projectId = started.data!.startProject.id as string;
  for (const [doc, vars, token] of [
    [Q.AGREE, { projectId }, people.rep.token],
    [Q.COMPLETE_BRIEFING, { projectId }, lead],
    [
      Q.OPEN_FEEDBACK,
      { projectId, closesAt: new Date(Date.now() + 86_400_000).toISOString(), channels: ['SURVEY'] },
      lead,
    ],
  ] as const) {
    expect((await stack.gql(doc, vars, token)).errors).toBeUndefined();
  }
  return projectId;
}

describe('text that cannot be stored', () => {
  it('is refused at the gateway as BAD_USER_INPUT naming the field: a lone surrogate or a NUL', async () => {
    const people = cast('wokingham');
    const title = await stack.gql(
      Q.START_PROJECT,
      { input: startInput(people, { charterId: 'wokingham', title: `Short breaks ${LONE_SURROGATE}` }) },
      people.lead.token,
    );
    expect(title.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/title.*cannot be stored/),
      extensions: { code: 'BAD_USER_INPUT', field: 'title' },
    });

    const projectId = await projectTakingFeedback(people);
    for (const body of [`Holiday clubs ${LONE_SURROGATE}`, 'Holiday\u0000clubs']) {
      const res = await stack.gql(
        Q.SUBMIT_FEEDBACK,
        { projectId, input: { channel: 'SURVEY', body } },
        people.rep.token,
      );
      expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'body' });
    }
    const search = await stack.gql(Q.PROJECTS, { filter: { search: 'short\u0000' } }, people.lead.token);
    expect(search.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'search' });

    // Newlines and tabs are ordinary text.
    const fine = await stack.gql(
      Q.SUBMIT_FEEDBACK,
      { projectId, input: { channel: 'SURVEY', body: 'Line one\r\nLine\ttwo' } },
      people.rep.token,
    );
    expect(fine.errors).toBeUndefined();
  });

  it('sent past the gateway straight to the workflow, is refused once and the project carries on', async () => {
    const people = cast('wokingham');
    const projectId = await projectTakingFeedback(people);
    const rep = {
      id: people.rep.sub,
      displayName: people.rep.name,
      roles: ['PARENT_REP'],
      charters: ['wokingham'],
    };
    const poisoned = temporal.workflow.getHandle(workflowIdFor(projectId)).executeUpdate(stepUpdate, {
      args: [
        {
          command: { type: 'submitFeedback', channel: 'SURVEY', body: `More clubs ${LONE_SURROGATE}` },
          actor: rep,
        },
      ],
    });
    const failure = await poisoned.catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (failure as WorkflowUpdateFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause.type).toBe('BAD_USER_INPUT');
    expect(cause.message).toMatch(/body.*cannot be stored/);

    const closed = await stack.gql(Q.CLOSE_FEEDBACK, { projectId }, people.lead.token);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeFeedback.phase).toBe('ACKNOWLEDGEMENT');
    const trail = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId } }, people.lead.token);
    expect(trail.data!.auditTrail.edges.map((e: any) => e.node.type)).not.toContain('FeedbackSubmitted');
  });
});

describe('cursors', () => {
  it('a forged or malformed `after` is BAD_USER_INPUT (field after) on every list', async () => {
    const people = cast();
    const forged = [
      'not a cursor',
      Buffer.from('{"k":"proj","c":"275760-09-13","i":"00000000-0000-4000-8000-000000000000"}').toString(
        'base64url',
      ),
      Buffer.from('{"k":"seq","s":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ];
    for (const after of forged) {
      for (const [doc, vars] of [
        [Q.PROJECTS, { after }],
        [Q.AUDIT_TRAIL, { filter: {}, after }],
      ] as const) {
        const res = await stack.gql(doc, vars, people.board.token);
        expect(res.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/cursor/),
          extensions: { code: 'BAD_USER_INPUT', field: 'after' },
        });
      }
    }
  });
});

describe('tokens and limits', () => {
  const claims = { sub: 'bo', name: 'Bo Board', roles: ['BOARD'], charters: ['hounslow'] };
  const secret = testEnv().jwtSecret;

  it('introspection and __typename need a token like everything else', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __typename }']) {
      const refused = await stack.gql(query);
      expect(refused.errors).toEqual([
        { message: expect.stringMatching(/sign in/i), extensions: { code: 'UNAUTHENTICATED' } },
      ]);
      expect(refused.data ?? null).toBeNull();
      const answered = await stack.gql(query, {}, cast().board.token);
      expect(answered.errors).toBeUndefined();
    }
  });

  it('refuses a token without exp, and one that lives longer than a day', async () => {
    const noExpiry = jwt.sign(claims, secret, { algorithm: 'HS256' });
    const tooLong = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: '25h' });
    const backdated = jwt.sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 3600 }, secret, {
      algorithm: 'HS256',
      expiresIn: '24h',
    });
    const aDay = jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: '24h' });
    for (const token of [noExpiry, tooLong])
      expect(codeOf(await stack.gql(Q.CHARTERS, {}, token))).toBe('UNAUTHENTICATED');
    for (const token of [backdated, aDay])
      expect((await stack.gql(Q.CHARTERS, {}, token)).errors).toBeUndefined();
  });

  it('counts aliases of __typename against the alias limit', async () => {
    const token = cast().board.token;
    const many = `{ ${Array.from({ length: 20_000 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const res = await stack.gql(many, {}, token);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.data ?? null).toBeNull();
    const few = `{ ${Array.from({ length: 20 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await stack.gql(few, {}, token)).errors).toBeUndefined();
  });
});
