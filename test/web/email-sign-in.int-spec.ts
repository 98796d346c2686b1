/// <reference lib="dom" />
// Parent carers sign in with a one-time link sent by email, in a real browser, reading the
// emails from a real SMTP server on loopback: the invitation's link signs them in and links
// them to their participant; a link asked for on the page works once, for 15 minutes; the
// page answers the same for an unknown address; requests are limited per address and per IP.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { openStore } from '../../workflows/test/support';
import { expectNoAxeViolations, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import type { Mailbox } from '../support/mailbox';
import { EXAMPLE } from '../support/people-db';
import { followSignInLink, signInAsStaff, signInLinkIn } from '../support/sign-in';
import { webStackForFile } from '../support/suite';

const web = webStackForFile({ mailed: true });
let mailbox: Mailbox;
let browser: Browser;
let base: string;
let dataSource: DataSource;

beforeAll(async () => {
  ({ mailbox, browser, base } = web);
  ({ dataSource } = await openStore());
});

afterAll(() => dataSource?.destroy());

const run = randomUUID().slice(0, 8);
const patEmail = `pat-${run}@example.org`;

async function askForLink(person: BrowserContext, email: string): Promise<Page> {
  const page = await person.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByRole('link', { name: 'Get a sign-in link by email' }).click();
  expect((await pageFrame(page)).h1).toBe('Get a sign-in link by email');
  await page.getByLabel('Get a sign-in link by email').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  return page;
}

let projectId: string;

test('the invitation link signs the parent in and links them to their participant, once', async () => {
  // The lead signs in at the OpenID provider and starts a project with a parent rep who has no person id.
  const lead = await newPerson(browser);
  const leadPage = await signInAsStaff(lead, base, EXAMPLE.lead.login);
  const started = await (
    await leadPage.request.post(`${base}/graphql`, {
      data: {
        query: Q.START_PROJECT,
        variables: {
          input: {
            charterId: 'worcestershire',
            title: `Short breaks review ${run}`,
            purpose: 'Review the short breaks offer with families',
            confidentiality: 'PARTNERS',
            expectedOutcomes: ['A short breaks offer families helped design'],
            proposedLevel: 'CO_PRODUCTION',
            proposedReason: 'Families rely on short breaks every week',
            participants: [{ displayName: 'Pat Parent', role: 'PARENT_REP', email: patEmail }],
          },
        },
      },
    })
  ).json();
  expect(started.errors).toBeUndefined();
  projectId = started.data.startProject.id;
  await lead.close();

  const [invitation] = await mailbox.waitFor(
    1,
    (m) => m.type === 'invitation' && m.envelopeTo.includes(patEmail),
  );
  const path = signInLinkIn(invitation);

  // Pat, with JavaScript off, follows it: signed in, and the project is theirs.
  const pat = await newPerson(browser, { javaScript: false });
  const page = await followSignInLink(pat, base, path);
  expect((await pageFrame(page)).h1).toBe('Your projects');
  expect(new URL(page.url()).pathname).toBe('/projects');
  await expect(page.getByText(`Short breaks review ${run}`).count()).resolves.toBe(1);
  const session = (await pat.cookies(base)).find((c) => c.name === 'session');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });

  // The project records the link as Pat's own step, with no address in it.
  const trail = (
    await page.request.post(`${base}/graphql`, {
      data: {
        query: `query ($id: ID!) { project(id: $id) { participants { role personId email }
          auditTrail(first: 100) { edges { node { type actor { id } data reason } } } } }`,
        variables: { id: projectId },
      },
    })
  ).json();
  const answer = await trail;
  expect(answer.errors).toBeUndefined();
  const project = answer.data.project;
  const events = project.auditTrail.edges.map((e: { node: unknown }) => e.node);
  const rep = project.participants.find((p: { role: string }) => p.role === 'PARENT_REP');
  expect(rep.personId).toBeTruthy();
  expect(rep.email).toBe(patEmail); // the participant themselves sees their own address
  const linked = events.find((e: { type: string }) => e.type === 'ParticipantLinked');
  expect(linked).toMatchObject({
    actor: { id: rep.personId },
    data: { personId: rep.personId },
    reason: 'Followed the invitation link sent to them.',
  });
  expect(JSON.stringify(events)).not.toContain('@');

  // The same link again, even from another browser: refused in plain words.
  const again = await newPerson(browser);
  const refused = await followSignInLink(again, base, path);
  expect((await pageFrame(refused)).h1).toBe('This link has already been used');
  await expect(refused.getByText('Each link works only once').count()).resolves.toBe(1);
  await expectNoAxeViolations(refused);
  expect((await again.cookies(base)).find((c) => c.name === 'session')).toBeUndefined();
  await again.close();
  await pat.close();
});

test('a link asked for on the page signs in once; the page answers the same for an unknown address', async () => {
  const pat = await newPerson(browser);
  const known = await askForLink(pat, patEmail);
  const stranger = await newPerson(browser);
  const unknown = await askForLink(stranger, `nobody-${run}@example.org`);
  const words = async (page: Page) =>
    (await page.locator('main').innerText()).replace(/\S+@example\.org/g, '<address>');
  expect((await pageFrame(known)).h1).toBe('Check your email');
  expect(await words(unknown)).toBe(await words(known));
  expect((await pageFrame(unknown)).title).toBe((await pageFrame(known)).title);
  await expectNoAxeViolations(known);

  const [message] = await mailbox.waitFor(
    1,
    (m) => m.type === 'signInLink' && m.envelopeTo.includes(patEmail),
  );
  expect(message.envelopeTo).toEqual([patEmail]);
  expect(String(message.mail.text)).toContain('15 minutes');
  const page = await followSignInLink(pat, base, signInLinkIn(message));
  expect((await pageFrame(page)).h1).toBe('Your projects');
  await expect(page.getByText(`Short breaks review ${run}`).count()).resolves.toBe(1);
  // Only stored hashed: the token in the email is nowhere in the table.
  const token = signInLinkIn(message).split('/').pop()!;
  const stored: { hashed: number; clear: number }[] = await dataSource.query(
    `SELECT count(*) FILTER (WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex'))::int AS hashed,
            count(*) FILTER (WHERE position($1 IN token_hash) > 0)::int AS clear
     FROM sign_in_links`,
    [token],
  );
  expect(stored[0]).toEqual({ hashed: 1, clear: 0 });
  // Nothing was sent to the unknown address.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(mailbox.to(`nobody-${run}@example.org`)).toHaveLength(0);
  await pat.close();
  await stranger.close();
});

test('an expired link is refused with a plain message', async () => {
  const pat = await newPerson(browser);
  await askForLink(pat, patEmail);
  const messages = await mailbox.waitFor(
    2,
    (m) => m.type === 'signInLink' && m.envelopeTo.includes(patEmail),
  );
  await dataSource.query(
    `UPDATE sign_in_links SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL AND purpose = 'SIGN_IN'`,
  );
  const page = await followSignInLink(pat, base, signInLinkIn(messages[1]));
  expect((await pageFrame(page)).h1).toBe('You cannot sign in with this link');
  await expect(page.getByText('This sign-in link has expired.').count()).resolves.toBe(1);
  await expect(page.getByRole('link', { name: 'Get a new sign-in link' }).count()).resolves.toBe(1);
  expect((await pat.cookies(base)).find((c) => c.name === 'session')).toBeUndefined();
  await pat.close();
});

test('link requests are limited per address and per IP', async () => {
  const person = await newPerson(browser);
  const address = `often-${run}@example.org`;
  for (let i = 0; i < 3; i++)
    expect((await pageFrame(await askForLink(person, address))).h1).toBe('Check your email');
  const limited = await askForLink(person, address);
  expect((await pageFrame(limited)).h1).toBe('You have asked for too many sign-in links');
  await expectNoAxeViolations(limited);
  // Many addresses from one IP: stopped too (at most 20 in 15 minutes).
  let stoppedAt = 0;
  for (let i = 0; i < 20 && !stoppedAt; i++) {
    const page = await askForLink(person, `someone-${i}-${run}@example.org`);
    if ((await pageFrame(page)).h1 !== 'Check your email') stoppedAt = i + 1;
    await page.close();
  }
  expect(stoppedAt).toBeGreaterThan(0);
  await person.close();
});
