/// <reference lib="dom" />
// Staff sign-in through a real OpenID provider on loopback: roles from the product's own
// memberships, the session in PostgreSQL, its cookie's flags, form tokens, and signing out
// everywhere. The GraphQL API and the downloads accept the same session.
import { expectNoAxeViolations, newPerson, pageFrame } from '../support/browser';
import { EXAMPLE } from '../support/people-db';
import { signInAsStaff } from '../support/sign-in';
import { cast, startInput } from '../support/people';
import { webStackForFile } from '../support/suite';
import { startInputPayloads } from '../support/temporal-history';

const web = webStackForFile();

test('a page that needs sign-in sends you to sign in, and back to it afterwards', async () => {
  const person = await newPerson(web.browser);
  const page = await person.newPage();
  await page.goto(`${web.base}/projects`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect((await pageFrame(page)).title).toBe('Sign in – SEND co-production');
  await expectNoAxeViolations(page);
  await page.close();

  const signedIn = await signInAsStaff(person, web.base, EXAMPLE.lead.login);
  expect(new URL(signedIn.url()).pathname).toBe('/projects');
  expect((await pageFrame(signedIn)).h1).toBe('Your projects');
  await expect(signedIn.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
  await expectNoAxeViolations(signedIn);
  await person.close();
});

test('the session cookie is HttpOnly, Secure outside development, SameSite=Lax, and holds no identity', async () => {
  const person = await newPerson(web.browser);
  await signInAsStaff(person, web.base, EXAMPLE.lead.login);
  const session = (await person.cookies(web.base)).find((c) => c.name === 'session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  expect(session!.value).not.toContain('lena');
  expect(session!.value.length).toBeGreaterThanOrEqual(43);
  await person.close();
});

test('GraphQL accepts the session cookie, with roles from the memberships table', async () => {
  const person = await newPerson(web.browser);
  const page = await signInAsStaff(person, web.base, EXAMPLE.lead.login);
  const ask = async (query: string) =>
    (await page.request.post(`${web.base}/graphql`, { data: { query } })).json();
  const listed = await ask('{ projects(first: 5) { totalCount } }');
  expect(listed.errors).toBeUndefined();
  // Lena is a LEAD in Worcestershire, not a board member: the board report is refused.
  const report = await ask(
    '{ boardReport(charterId: "worcestershire", from: "2026-01-01", to: "2026-12-31") { projectsStarted } }',
  );
  expect(report.errors[0].extensions.code).toBe('FORBIDDEN');
  const download = await page.request.get(
    `${web.base}/reports/board?charterId=worcestershire&from=2026-01-01&to=2026-12-31&format=csv`,
  );
  expect(download.status()).toBe(403);
  await person.close();

  const board = await newPerson(web.browser);
  const boardPage = await signInAsStaff(board, web.base, EXAMPLE.board.login);
  const csv = await boardPage.request.get(
    `${web.base}/reports/board?charterId=worcestershire&from=2026-01-01&to=2026-12-31&format=csv`,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  await board.close();
});

test("the codec endpoint decodes for a signed-in LEAD of the project's charter, by session", async () => {
  const person = await newPerson(web.browser);
  const page = await signInAsStaff(person, web.base, EXAMPLE.lead.login);
  const title = `Codec by session ${Date.now()}`;
  const started = await (
    await page.request.post(`${web.base}/graphql`, {
      data: {
        query: `mutation ($input: StartProjectInput!) { startProject(input: $input) { id } }`,
        variables: { input: startInput(cast(), { title }) },
      },
    })
  ).json();
  expect(started.errors).toBeUndefined();
  const payloads = await startInputPayloads(started.data.startProject.id);
  const decode = (request: typeof page.request) =>
    request.post(`${web.base}/codec/decode`, {
      data: { payloads },
      headers: { 'x-namespace': 'default' },
    });
  const answer = await decode(page.request);
  expect(answer.status()).toBe(200);
  const body = (await answer.json()) as { payloads: { data: string }[] };
  expect(body.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('')).toContain(title);
  await person.close();

  // A signed-in board member is not a LEAD: refused.
  const board = await newPerson(web.browser);
  const boardPage = await signInAsStaff(board, web.base, EXAMPLE.board.login);
  expect((await decode(boardPage.request)).status()).toBe(403);
  await board.close();
});

test('a form without its token is refused and changes nothing', async () => {
  const person = await newPerson(web.browser);
  const page = await signInAsStaff(person, web.base, EXAMPLE.lead.login);
  const refused = await page.request.post(`${web.base}/sign-out`, { form: {} });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('This form has expired');
  const wrong = await page.request.post(`${web.base}/sign-out`, { form: { _csrf: 'not-the-token' } });
  expect(wrong.status()).toBe(403);
  await page.goto(`${web.base}/projects`);
  expect((await pageFrame(page)).h1).toBe('Your projects');
  await person.close();
});

test('signing out ends the session on every browser', async () => {
  const laptop = await newPerson(web.browser);
  const phone = await newPerson(web.browser);
  const onLaptop = await signInAsStaff(laptop, web.base, EXAMPLE.keyContact.login);
  const onPhone = await signInAsStaff(phone, web.base, EXAMPLE.keyContact.login);
  await onLaptop.getByRole('button', { name: 'Sign out' }).click();
  expect((await pageFrame(onLaptop)).h1).toBe('You have signed out');
  await expectNoAxeViolations(onLaptop);
  for (const page of [onLaptop, onPhone]) {
    await page.goto(`${web.base}/projects`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  }
  const graphql = await onPhone.request.post(`${web.base}/graphql`, {
    data: { query: '{ projects { totalCount } }' },
  });
  expect((await graphql.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  await laptop.close();
  await phone.close();
});

test('signing in works with JavaScript off', async () => {
  const person = await newPerson(web.browser, { javaScript: false });
  const page = await signInAsStaff(person, web.base, EXAMPLE.forum.login);
  expect((await pageFrame(page)).h1).toBe('Your projects');
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect((await pageFrame(page)).h1).toBe('You have signed out');
  await person.close();
});
