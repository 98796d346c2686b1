// The codec endpoint decodes a project's Temporal payloads for a LEAD of the project's
// charter and refuses everyone else: the Temporal CLI (and so the UI, same protocol) shows
// the history in clear only through it.
import * as Q from '../support/documents';
import { cast, startInput } from '../support/people';
import { startStack, type Stack } from '../support/stack';
import { findsText, startInputPayloads, workflowShowJson } from '../support/temporal-history';
import { tokenFor } from '../support/tokens';

let stack: Stack;
let base: string;
let projectId: string;
let people: ReturnType<typeof cast>;
let payloads: { metadata: Record<string, string>; data: string }[];
const TITLE = 'Respite care review at Oakfield';

beforeAll(async () => {
  stack = await startStack();
  base = stack.url.replace(/\/graphql$/, '');
  people = cast();
  const started = await stack.gql(
    Q.START_PROJECT,
    { input: startInput(people, { title: TITLE, confidentiality: 'MEETING_GROUP' }) },
    people.lead.token,
  );
  expect(started.errors).toBeUndefined();
  projectId = started.data!.startProject.id;
  // The workflow's input as Temporal stores it, in the codec protocol's JSON form.
  payloads = await startInputPayloads(projectId);
});
afterAll(() => stack?.stop());

const decode = (headers: Record<string, string>, body: unknown = { payloads }) =>
  fetch(`${base}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: JSON.stringify(body),
  });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const decodedText = async (res: Response) => {
  const body = (await res.json()) as { payloads: { data: string }[] };
  return body.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
};

it('the stored input is ciphertext: it does not hold the title', () => {
  const stored = payloads.map((p) => Buffer.from(p.data, 'base64').toString('latin1')).join('');
  expect(stored).not.toContain(TITLE);
  expect(Buffer.from(payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
});

it("decodes for a LEAD of the project's charter, even one not on the project", async () => {
  const otherLead = tokenFor({ sub: 'another-lead', roles: ['LEAD'], charters: ['worcestershire'] });
  for (const token of [people.lead.token, otherLead]) {
    const res = await decode(bearer(token));
    expect(res.status).toBe(200);
    expect(await decodedText(res)).toContain(TITLE);
  }
});

it('refuses everyone else: a lead of another charter, the board, the forum, a participant, no token', async () => {
  const cases: [string, Record<string, string>, number, string][] = [
    [
      'lead elsewhere',
      bearer(tokenFor({ sub: 'x', roles: ['LEAD'], charters: ['hounslow'] })),
      403,
      'FORBIDDEN',
    ],
    ['board', bearer(people.board.token), 403, 'FORBIDDEN'],
    ['forum', bearer(people.forum.token), 403, 'FORBIDDEN'],
    ['participant rep', bearer(people.rep.token), 403, 'FORBIDDEN'],
    ['no token', {}, 401, 'UNAUTHENTICATED'],
    ['bad token', bearer('not-a-token'), 401, 'UNAUTHENTICATED'],
  ];
  for (const [who, headers, status, code] of cases) {
    const res = await decode(headers);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect({ who, status: res.status, code: body.errors[0].extensions.code }).toEqual({ who, status, code });
  }
  const otherNamespace = await decode({ ...bearer(people.lead.token), 'x-namespace': 'elsewhere' });
  expect(otherNamespace.status).toBe(403);
});

it('answers the Temporal UI (CORS for its origin only), and the token kept in a cookie by /codec/sign-in', async () => {
  const origin = 'http://127.0.0.1:8233';
  const preflight = await fetch(`${base}/codec/decode`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-namespace',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  expect(preflight.headers.get('access-control-allow-headers')).toContain('x-namespace');
  // Another page, even on this machine (same site for the cookie), is not answered.
  const elsewhere = await fetch(`${base}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: 'http://127.0.0.1:8234', 'access-control-request-method': 'POST' },
  });
  expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  expect(elsewhere.headers.get('access-control-allow-credentials')).toBeNull();

  const page = await fetch(`${base}/codec/sign-in`);
  expect(await page.text()).toContain('<form method="post" action="/codec/sign-in" enctype="text/plain">');
  const signedIn = await fetch(`${base}/codec/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: `token=${people.lead.token}\r\n`,
  });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  const res = await decode({ origin, cookie: cookie.split(';')[0] });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  expect(await decodedText(res)).toContain(TITLE);
  const fromElsewhere = await decode({ origin: 'http://localhost:5173', cookie: cookie.split(';')[0] });
  expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
});

it('works with the temporal CLI: `workflow show --codec-endpoint` shows the lead the input in clear', async () => {
  const show = (token: string) =>
    workflowShowJson(`project-${projectId}`, { endpoint: `${base}/codec`, token });
  expect(findsText(await show(people.lead.token), TITLE)).toBe(true);
  await expect(show(people.board.token)).rejects.toThrow();
});
