// While PostgreSQL is out of reach, every request says so (UNAVAILABLE, naming the part in
// plain words, with a hint of when to try again) instead of an unexplained error; once it
// is back, the same gateway answers again.
import * as Q from './support/documents';
import { cast, startInput } from './support/people';
import { gqlAt, startStack, type ExtraGateway, type Stack } from './support/stack';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { testEnv } from './support/env';

let stack: Stack;
let proxy: TcpProxy;
let gateway: ExtraGateway;

beforeAll(async () => {
  stack = await startStack();
  const database = new URL(testEnv().databaseUrl);
  proxy = await startTcpProxy(database.hostname, Number(database.port || 5432));
  database.hostname = '127.0.0.1';
  database.port = String(proxy.port);
  // A gateway whose line to PostgreSQL the test can cut; the worker keeps its own.
  gateway = await stack.startExtraGateway({ DATABASE_URL: database.toString() });
});
afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

it('answers UNAVAILABLE naming the database while PostgreSQL is out of reach, and recovers', async () => {
  const people = cast();
  const started = await gqlAt(gateway.url, Q.START_PROJECT, { input: startInput(people) }, people.lead.token);
  expect(started.errors).toBeUndefined();
  const projectId = started.data!.startProject.id as string;

  await proxy.cut();
  try {
    const requests = [
      gqlAt(gateway.url, Q.PROJECTS, {}, people.lead.token),
      gqlAt(gateway.url, Q.PROJECT, { id: projectId }, people.lead.token),
      gqlAt(gateway.url, Q.AGREE, { projectId }, people.rep.token),
    ];
    for (const res of await Promise.all(requests)) {
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({
        message: expect.stringMatching(/database.*try again.*safe/i),
        extensions: { code: 'UNAVAILABLE', retryAfterSeconds: expect.any(Number) },
      });
      expect(res.errors![0].message).not.toMatch(/ECONNREFUSED|SELECT|at \w+ \(/);
    }
    const health = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ postgres: 'down', temporal: 'up' });
  } finally {
    await proxy.restore();
  }

  // Nothing was recorded while it was down; the step goes through once it is back.
  let read = await gqlAt(gateway.url, Q.PROJECT, { id: projectId }, people.lead.token);
  for (let tries = 0; read.errors && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    read = await gqlAt(gateway.url, Q.PROJECT, { id: projectId }, people.lead.token);
  }
  expect(read.errors).toBeUndefined();
  expect(read.data!.project.version).toBe(1);
  const agreed = await gqlAt(gateway.url, Q.AGREE, { projectId }, people.rep.token);
  expect(agreed.errors).toBeUndefined();
  expect(agreed.data!.agreeLadderLevel.version).toBe(2);
});
