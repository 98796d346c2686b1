/// <reference lib="dom" />
// Public feedback in a real browser: the lead publishes the open feedback window as a link,
// a member of the public answers it without signing in (JavaScript off), the answer is a
// feedback item with its channel and no author, a reply address gets the acknowledgement,
// answers are rate-limited per IP, and a closed or wrong link says so in plain words.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PUBLIC_ANSWER_LIMITS } from '../../apps/gateway/src/projects/public-feedback.service';
import { briefedProject, ok } from '../support/answers';
import { expectNoAxeViolations, launchBrowser, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import { cast, startInput } from '../support/people';
import { addExamplePeople, EXAMPLE, withPeople } from '../support/people-db';
import { signInAsStaff } from '../support/sign-in';
import { mailedStackForFile } from '../support/suite';
import { tokenFor } from '../support/tokens';

const { stack, mailbox } = mailedStackForFile();
let browser: Browser;
let base: string;
let lead: { token: string };
let projectId: string;
let linkPath: string;

const people = cast();
const REPLY_TO = `someone-${Date.now()}@example.net`;
const FEEDBACK = `query($id: ID!) { project(id: $id) {
  feedbackWindow { channels publicLinkPath }
  feedback { id channel body from { id } }
} }`;

beforeAll(async () => {
  await addExamplePeople();
  base = stack.url.replace(/\/graphql$/, '');
  browser = await launchBrowser();
  // Lena (the example lead who signs in at the local provider) leads the project.
  const lena = await withPeople((p) => p.byEmail(EXAMPLE.lead.email));
  lead = {
    token: tokenFor({
      sub: lena!.id,
      name: lena!.displayName,
      roles: ['LEAD'],
      charters: ['worcestershire'],
    }),
  };
  const project = await briefedProject(stack, { ...people, lead }, startInput(people));
  projectId = project.id;
  ok(
    await stack.gql(
      Q.OPEN_FEEDBACK,
      {
        projectId,
        closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        channels: ['SURVEY', 'FORUM'],
      },
      lead.token,
    ),
    'openFeedback',
  );
});

afterAll(() => browser?.close());

const feedbackOf = async () => ok(await stack.gql(FEEDBACK, { id: projectId }, lead.token), 'project');

/** The page's form token: a member of the public gets one in a cookie of their own. */
const formToken = (page: Page) => page.locator('input[name="_csrf"]').first().inputValue();

describe('in order', () => {
  let lena: BrowserContext;
  let publicPerson: BrowserContext;
  beforeAll(async () => {
    lena = await newPerson(browser);
    publicPerson = await newPerson(browser, { javaScript: false });
  });
  afterAll(async () => {
    await lena.close();
    await publicPerson.close();
  });

  test('the lead publishes the open feedback window as a link to share', async () => {
    // From the project page's "What you can do next".
    const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, `/projects/${projectId}`);
    await page.getByRole('link', { name: 'Share a public feedback link anyone can answer' }).click();
    expect((await pageFrame(page)).h1).toBe('Share a public feedback link');
    await expectNoAxeViolations(page);
    // Choosing nothing is refused in the error summary, linked to the question.
    await page.getByRole('button', { name: 'Make the link' }).click();
    expect((await pageFrame(page)).title).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#channel');
    await expectNoAxeViolations(page);
    await page.getByLabel('A survey').check();
    await page.getByRole('button', { name: 'Make the link' }).click();
    await page.waitForLoadState('load');
    const link = await page.locator('a.app-public-link').getAttribute('href');
    expect(link).toMatch(new RegExp(`/feedback/[A-Za-z0-9_-]{43}$`));
    linkPath = new URL(link!).pathname;
    await expectNoAxeViolations(page);
    // The API shows the same link, and there is only one per window.
    expect((await feedbackOf()).feedbackWindow.publicLinkPath).toBe(linkPath);
    const again = await stack.gql(
      `mutation($projectId: ID!) { publishFeedbackLink(projectId: $projectId, channel: SURVEY) { id } }`,
      { projectId },
      lead.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_PHASE');
    await page.close();
  });

  test('only the lead can publish one: the key contact is refused', async () => {
    const res = await stack.gql(
      `mutation($projectId: ID!) { publishFeedbackLink(projectId: $projectId, channel: FORUM) { id } }`,
      { projectId },
      people.keyContact.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a member of the public answers without signing in, with JavaScript off', async () => {
    const page = await publicPerson.newPage();
    expect((await page.goto(base + linkPath))?.status()).toBe(200);
    const frame = await pageFrame(page);
    expect(frame.h1).toBe('Give your views: Short breaks review');
    await expectNoAxeViolations(page);
    // An empty answer is refused, linked to its field.
    await page.getByRole('button', { name: 'Send my views' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your feedback');
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#body');
    await expectNoAxeViolations(page);
    // A reply address that is not one is refused, and what was typed stays.
    await page.getByLabel('Your views').fill('Short breaks in the holidays fill up in a day.');
    await page.getByLabel('Your email address (optional)').fill('not an address');
    await page.getByRole('button', { name: 'Send my views' }).click();
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#replyTo');
    expect(await page.getByLabel('Your views').inputValue()).toBe(
      'Short breaks in the holidays fill up in a day.',
    );
    await page.getByLabel('Your email address (optional)').fill(REPLY_TO);
    await page.getByRole('button', { name: 'Send my views' }).click();
    expect((await pageFrame(page)).h1).toBe('Thank you: your feedback was sent');
    expect(await page.locator('main').textContent()).toContain('the reply will be sent to you there');
    await expectNoAxeViolations(page);
    await page.close();

    // A feedback item with the link's channel, from no participant; the address is not in it.
    const { feedback } = await feedbackOf();
    expect(feedback).toEqual([
      expect.objectContaining({
        channel: 'SURVEY',
        body: 'Short breaks in the holidays fill up in a day.',
        from: null,
      }),
    ]);
    expect(JSON.stringify(feedback)).not.toContain(REPLY_TO);
  });

  test('a form sent without its token is refused, and nothing is recorded', async () => {
    const res = await publicPerson.request.post(base + linkPath, { form: { body: 'No token' } });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('This form has expired');
    expect((await feedbackOf()).feedback).toHaveLength(1);
  });

  test('answers are limited per IP address, with a plain page once over', async () => {
    const page = await publicPerson.newPage();
    await page.goto(base + linkPath);
    const _csrf = await formToken(page);
    const statuses: number[] = [];
    // One answer to this link came from this address already; the rest of its allowance, then one more.
    for (let i = 1; i <= PUBLIC_ANSWER_LIMITS.perIp; i++) {
      const res = await publicPerson.request.post(base + linkPath, {
        form: { _csrf, body: `Answer ${i}` },
        maxRedirects: 0,
      });
      statuses.push(res.status());
    }
    expect(statuses).toEqual([...Array(PUBLIC_ANSWER_LIMITS.perIp - 1).fill(303), 429]);
    await page.goto(base + linkPath);
    const refused = await publicPerson.request.post(base + linkPath, { form: { _csrf, body: 'One more' } });
    expect(await refused.text()).toContain('You have sent a lot of answers');
    expect((await feedbackOf()).feedback).toHaveLength(PUBLIC_ANSWER_LIMITS.perIp);
    await page.close();
  });

  test('the lead acknowledges: the reply address gets the acknowledgement', async () => {
    ok(await stack.gql(Q.CLOSE_FEEDBACK, { projectId }, lead.token), 'closeFeedback');
    ok(
      await stack.gql(
        Q.ACKNOWLEDGE,
        { projectId, message: 'Thank you: we are adding holiday places.' },
        lead.token,
      ),
      'acknowledgeFeedback',
    );
    const [reply] = await mailbox.waitFor(1, (m) => m.envelopeTo.includes(REPLY_TO));
    expect(reply.mail.text).toContain('Thank you: we are adding holiday places.');
  });

  test('once feedback has closed, the link says it is not open', async () => {
    const page = await publicPerson.newPage();
    expect((await page.goto(base + linkPath))?.status()).toBe(404);
    expect((await pageFrame(page)).h1).toBe('This feedback form is not open');
    await expectNoAxeViolations(page);
    await page.close();
  });
});

test('a link that is not one of ours is not open either', async () => {
  for (const path of ['/feedback/nonsense', `/feedback/${'A'.repeat(43)}`]) {
    const res = await fetch(base + path, { headers: { accept: 'text/html' } });
    expect([path, res.status]).toEqual([path, 404]);
    expect(await res.text()).toContain('This feedback form is not open');
  }
});
