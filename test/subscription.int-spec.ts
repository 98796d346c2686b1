// projectProgress over WebSocket (graphql-transport-ws), with two gateway processes on one
// task queue: steps are driven through gateway A's mutations, subscribers listen on gateway B
// (and on A), and each must receive exactly the events appended after subscribing, in
// sequence order, once, with the phase each led to, even when steps race each other and
// when the gateway's LISTEN connection to PostgreSQL is cut.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Client as PgClient } from 'pg';
import { contractHash } from './support/contract-hash';
import * as Q from './support/documents';
import { testEnv } from './support/env';
import { cast, startInput, type Cast } from './support/people';
import { startStack, type ExtraGateway, type Stack } from './support/stack';
import { tokenFor } from './support/tokens';
import { wsClient, type Recording, type WsClient } from './support/ws-client';
import { counterProposalsAtOnce, LADDER_COURSE_EVENTS, ladderCourse, ok, step } from './support/answers';

const PROGRESS = `subscription Progress($projectId: ID!) {
  projectProgress(projectId: $projectId) {
    projectId
    phase
    event { id projectId sequence type actor { id displayName roles } occurredAt data reason hash prevHash }
  }
}`;

/** The application_name of each gateway's LISTEN connection (see project-events.listener.ts). */
const LISTENER_APPLICATION_NAME = 'coproduction-gateway-progress';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** Long enough for the gateway to have read the project's state after `subscribe` (no ack exists). */
const SETTLE_MS = 750;

let stack: Stack;
let gatewayB: ExtraGateway;
let people: Cast;
let pg: PgClient;
const clients: WsClient[] = [];

beforeAll(async () => {
  stack = await startStack();
  gatewayB = await stack.startExtraGateway();
  pg = new PgClient({ connectionString: testEnv().databaseUrl });
  await pg.connect();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await pg?.end();
  await stack?.stop();
});
beforeEach(() => {
  people = cast();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(overrides: Record<string, unknown> = {}) {
  return ok(
    await stack.gql(Q.START_PROJECT, { input: startInput(people, overrides) }, people.lead.token),
    'startProject',
  );
}

async function trail(projectId: string) {
  const res = await stack.gql(Q.AUDIT_TRAIL, { filter: { projectId }, first: 100 }, people.board.token);
  return ok(res, 'auditTrail').edges.map((e: { node: any }) => e.node);
}

/** Subscribes to the project's progress on the gateway at `url` (A: stack.url, B: gatewayB.url). */
async function follow(url: string, token: string | undefined, projectId: string): Promise<Recording> {
  const client = wsClient(url, token);
  clients.push(client);
  await client.connected;
  return client.subscribe(PROGRESS, { projectId });
}

/** Subscriptions have no "started" message: give the gateways time to read the project's state. */
const settled = () => sleep(SETTLE_MS);

const progressOf = (rec: Recording) => rec.values.map((v: any) => v.projectProgress);

/** Waits for `count` events, then a while longer to see that nothing else (no duplicate) follows. */
async function received(rec: Recording, count: number) {
  await rec.waitForValues(count);
  await sleep(300);
  expect(rec.error).toBeUndefined();
  expect(rec.nextErrors).toEqual([]);
  return progressOf(rec);
}

/** The events are exactly the trail's events after `after`, chained from the one before. */
function expectTrailAfter(progress: any[], events: any[], after: number) {
  const expected = events.filter((e) => e.sequence > after);
  expect(progress.map((p) => p.event)).toEqual(expected);
  let prev = events.find((e) => e.sequence === after)?.hash ?? '0'.repeat(64);
  for (const p of progress) {
    expect(p.event.prevHash).toBe(prev);
    expect(p.event.hash).toBe(contractHash(prev, p.event));
    prev = p.event.hash;
  }
}

async function listenerPids(): Promise<number[]> {
  const { rows } = await pg.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
    [LISTENER_APPLICATION_NAME],
  );
  return rows.map((r) => r.pid);
}

describe('projectProgress', () => {
  it('streams exactly the steps taken after subscribing, in order, with their phases, on both gateways', async () => {
    const project = await start();
    const onB = await follow(gatewayB.url, people.board.token, project.id);
    const onA = await follow(stack.url, people.lead.token, project.id);
    await settled();

    const projectId = project.id;
    const lead = people.lead.token;
    const steps = [
      // An email typed into free text must not reach any payload.
      ...(await ladderCourse(stack, people, projectId, 'Busy term, write to pat.parent@example.org')),
      await step(stack, lead, 'cancelProject', { projectId, reason: 'Merged with another project' }),
    ];
    expect(steps.map((s) => [s.version, s.phase])).toEqual([
      [2, 'LADDER_AGREEMENT'],
      [3, 'BRIEFING'],
      [4, 'BRIEFING'],
      [5, 'CANCELLED'],
    ]);
    const events = await trail(project.id);
    expect(events.map((e: any) => e.type)).toEqual([...LADDER_COURSE_EVENTS, 'ProjectCancelled']);

    for (const rec of [onB, onA]) {
      const progress = await received(rec, 4);
      expect(progress.map((p) => p.projectId)).toEqual(Array(4).fill(project.id));
      expect(progress.map((p) => [p.event.sequence, p.event.type, p.phase])).toEqual([
        [2, 'LadderLevelCounterProposed', 'LADDER_AGREEMENT'],
        [3, 'LadderLevelAgreed', 'BRIEFING'],
        [4, 'LadderLevelChanged', 'BRIEFING'],
        [5, 'ProjectCancelled', 'CANCELLED'],
      ]);
      expectTrailAfter(progress, events, 1);
      expect(progress[0].event.reason).toContain('[email removed]');
      expect(JSON.stringify(rec.values)).not.toMatch(EMAIL);
    }
  });

  it('delivers each of many racing steps once, in sequence order, to subscribers on both gateways', async () => {
    const project = await start();
    const subscribers = await Promise.all([
      follow(gatewayB.url, people.rep.token, project.id),
      follow(gatewayB.url, people.forum.token, project.id),
      follow(stack.url, people.board.token, project.id),
    ]);
    await settled();

    const results = await counterProposalsAtOnce(stack, project.id, people.rep.token, 20);
    expect(results.filter((r) => r.errors)).toEqual([]);
    const events = await trail(project.id);
    expect(events).toHaveLength(21);

    for (const rec of subscribers) {
      const progress = await received(rec, 20);
      expect(progress.map((p) => p.event.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(progress.every((p) => p.phase === 'LADDER_AGREEMENT')).toBe(true);
      expectTrailAfter(progress, events, 1);
    }
  });

  it('sends only events appended after subscribing', async () => {
    const project = await start();
    ok(await stack.gql(Q.AGREE, { projectId: project.id }, people.rep.token), 'agreeLadderLevel');
    const rec = await follow(gatewayB.url, people.lead.token, project.id);
    await settled();
    ok(
      await stack.gql(Q.CANCEL, { projectId: project.id, reason: 'No longer needed' }, people.lead.token),
      'cancelProject',
    );
    const progress = await received(rec, 1);
    expect(progress.map((p) => [p.event.sequence, p.event.type, p.phase])).toEqual([
      [3, 'ProjectCancelled', 'CANCELLED'],
    ]);
    expectTrailAfter(progress, await trail(project.id), 2);
  });

  it('catches up by sequence, losing nothing, while its LISTEN connection keeps being cut', async () => {
    const project = await start();
    const rec = await follow(gatewayB.url, people.board.token, project.id);
    await settled();
    const before = await listenerPids();
    expect(before.length).toBeGreaterThanOrEqual(1);

    // Cut every gateway's LISTEN connection again and again while steps are recorded: most
    // notifications are lost, and only catching up by sequence on reconnect delivers them.
    let cutting = true;
    const cutter = (async () => {
      while (cutting) {
        await pg.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
          LISTENER_APPLICATION_NAME,
        ]);
        await sleep(40);
      }
    })();
    try {
      for (let round = 0; round < 4; round++) {
        const results = await Promise.all(
          Array.from({ length: 3 }, (_, i) =>
            stack.gql(
              Q.COUNTER_PROPOSE,
              { projectId: project.id, level: (round + i) % 2 ? 'PARTNERSHIP' : 'CONSULTATION', reason: 'R' },
              people.rep.token,
            ),
          ),
        );
        expect(results.filter((r) => r.errors)).toEqual([]);
      }
    } finally {
      cutting = false;
      await cutter;
    }

    const progress = await received(rec, 12);
    expect(progress.map((p) => p.event.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expectTrailAfter(progress, await trail(project.id), 1);
    // The gateways listen again, on new connections.
    const after = await listenerPids();
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);

    // And notifications work again on the new connection.
    ok(
      await stack.gql(Q.CANCEL, { projectId: project.id, reason: 'Done' }, people.lead.token),
      'cancelProject',
    );
    await rec.waitForValues(13);
    expect(progressOf(rec)[12]).toMatchObject({ phase: 'CANCELLED', event: { sequence: 14 } });
  });

  it('keeps MEETING_GROUP feedback text from a non-participant: only its hash is sent', async () => {
    const project = await start({ confidentiality: 'MEETING_GROUP', proposedLevel: 'CONSULTATION' });
    ok(await stack.gql(Q.AGREE, { projectId: project.id }, people.rep.token), 'agreeLadderLevel');
    ok(
      await stack.gql(Q.COMPLETE_BRIEFING, { projectId: project.id }, people.lead.token),
      'completeBriefing',
    );
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    ok(
      await stack.gql(
        Q.OPEN_FEEDBACK,
        { projectId: project.id, closesAt, channels: ['SURVEY'] },
        people.lead.token,
      ),
      'openFeedback',
    );
    const board = await follow(gatewayB.url, people.board.token, project.id);
    const rep = await follow(gatewayB.url, people.rep.token, project.id);
    await settled();
    ok(
      await stack.gql(
        Q.SUBMIT_FEEDBACK,
        {
          projectId: project.id,
          input: { channel: 'SURVEY', body: 'A private worry about the bus to school' },
        },
        people.rep.token,
      ),
      'submitFeedback',
    );
    const events = await trail(project.id);
    for (const rec of [board, rep]) {
      const [progress] = await received(rec, 1);
      expect(progress).toMatchObject({ phase: 'FEEDBACK', event: { type: 'FeedbackSubmitted' } });
      expect(progress.event.data.body).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(JSON.stringify(rec.values)).not.toContain('private worry');
      expectTrailAfter([progress], events, progress.event.sequence - 1);
    }
  });
});

describe('projectProgress: who may subscribe', () => {
  it('answers NOT_FOUND, shaped as over HTTP, to those who may not read the project', async () => {
    const project = await start();
    const http = await stack.gql(Q.PROJECT, { id: project.id }, people.otherCharterBoard.token);
    expect(http.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    for (const token of [people.otherCharterBoard.token, people.outsider.token]) {
      const rec = await follow(gatewayB.url, token, project.id);
      const errors = await rec.waitForErrors();
      expect(errors).toEqual([
        { message: http.errors![0].message, path: ['projectProgress'], extensions: { code: 'NOT_FOUND' } },
      ]);
      expect(rec.values).toEqual([]);
    }
    for (const id of [randomUUID(), 'not-a-project']) {
      const rec = await follow(gatewayB.url, people.board.token, id);
      expect((await rec.waitForErrors())[0].extensions).toEqual({ code: 'NOT_FOUND' });
    }
    // Readers who may: a participant, BOARD and FORUM of the charter.
    const readers = await Promise.all(
      [people.rep, people.board, people.forum].map((p) => follow(gatewayB.url, p.token, project.id)),
    );
    await settled();
    ok(await stack.gql(Q.AGREE, { projectId: project.id }, people.rep.token), 'agreeLadderLevel');
    for (const rec of readers) expect((await received(rec, 1))[0].phase).toBe('BRIEFING');
  });

  it('answers UNAUTHENTICATED without a token, with a bad one and with an expired one', async () => {
    const project = await start();
    const claims = { sub: people.board.sub, roles: ['BOARD'], charters: ['worcestershire'] };
    const badTokens = [
      undefined,
      'not-a-jwt',
      tokenFor(claims, 'another-secret'),
      jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, testEnv().jwtSecret, {
        algorithm: 'HS256',
      }),
    ];
    for (const token of badTokens) {
      const rec = await follow(gatewayB.url, token, project.id);
      const errors = await rec.waitForErrors();
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(errors[0].message).toMatch(/sign in/i);
      expect(rec.values).toEqual([]);
    }
  });

  it('answers malformed subscriptions with BAD_USER_INPUT', async () => {
    const project = await start();
    const client = wsClient(gatewayB.url, people.board.token);
    clients.push(client);
    await client.connected;
    const documents = [
      'subscription { projectProgress(projectId: "x") { ',
      `subscription { projectProgress(projectId: "${project.id}") { nope } }`,
      'subscription { projectProgress { phase } }',
    ];
    for (const query of documents) {
      const errors = await client.subscribe(query).waitForErrors();
      expect(errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors[0].message).not.toMatch(/\bat \w+ \(/); // no stack trace
    }
    // A query belongs on HTTP, and a subscription on WebSocket.
    const query = await client.subscribe('{ charters { id } }').waitForErrors();
    expect(query[0].extensions?.code).toBe('BAD_USER_INPUT');
    const overHttp = await stack.gql(PROGRESS, { projectId: project.id }, people.board.token);
    expect(overHttp.data).toBeNull();
    expect(overHttp.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/WebSocket/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
