/// <reference lib="dom" />
// The board's pages and the admin page in a real browser, signed in at the local OpenID
// provider: the board report page (its numbers are GraphQL's, its chart has a name, its PDF
// and CSV links download with the browser's session), a project's audit trail in words with
// "Check this record" before and after a row is tampered with, and "People and roles". Every
// page visited has 0 axe-core violations. The stack runs on a database of its own, so other
// files' projects cannot change the report's numbers between the page and GraphQL.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, londonDateOf } from '../../libs/domain/src/calendar';
import { findCharter } from '../../libs/domain/src/charters';
import { bookMeetingTooSoon, briefedProject, ok } from '../support/answers';
import { expectNoAxeViolations, launchBrowser, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import { cast, startInput } from '../support/people';
import { addExamplePeople, EXAMPLE, withPeople } from '../support/people-db';
import { checkpointSigning } from '../support/checkpoints';
import { signInAsStaff } from '../support/sign-in';
import { stackOnOwnDatabaseForFile } from '../support/suite';

const W = 'worcestershire';
const checkpoints = checkpointSigning('board-pages.test/audit');
const { stack, url: databaseUrl } = stackOnOwnDatabaseForFile('board_pages', checkpoints.env);
const people = cast(W);
let browser: Browser;
let base: string;
const OVERRIDE = 'The only date the families could make';

// Yesterday to tomorrow in London: every step below happens today.
const today = londonDateOf(new Date());
const from = addDays(today, -1);
const to = addDays(today, 1);
const ids: Record<string, string> = {};

const REPORT = `query Report($charterId: ID!, $from: Date!, $to: Date!) {
  boardReport(charterId: $charterId, from: $from, to: $to) {
    charter { name } from to projectsStarted projectsClosed youSaidWeDidCount
    ladder { level agreed achieved }
    compliance { rule checked breached }
    projects { projectId title breaches { rule reason } }
  }
}`;

beforeAll(async () => {
  await addExamplePeople(databaseUrl());
  base = stack.url.replace(/\/graphql$/, '');
  browser = await launchBrowser();
  // A co-production project briefed, with a meeting booked knowingly too soon (a promise
  // broken, with the reason), and a consultation project.
  const p1 = await briefedProject(stack, people, startInput(people, { title: 'Short breaks review' }));
  ids.p1 = p1.id;
  await bookMeetingTooSoon(stack, p1.id, people.lead.token, OVERRIDE);
  const p2 = ok(
    await stack.gql(
      Q.START_PROJECT,
      {
        input: startInput(people, {
          title: 'Transport consultation',
          proposedLevel: 'CONSULTATION',
          proposedReason: 'The decision is a statutory consultation',
        }),
      },
      people.lead.token,
    ),
    'startProject',
  );
  ids.p2 = p2.id;
  // The parent carer side answers the proposal again and again: a trail longer than a page.
  for (let i = 0; i < 13; i++)
    for (const level of ['PARTNERSHIP', 'CONSULTATION'])
      ok(
        await stack.gql(
          Q.COUNTER_PROPOSE,
          { projectId: p2.id, level, reason: `Answer ${i}` },
          people.rep.token,
        ),
        'counterProposeLadderLevel',
      );
  // The worker's signed checkpoint of the whole log, covering every step so far.
  await checkpoints.sign(databaseUrl());
});

afterAll(async () => {
  await browser?.close();
});

/** The page's text in one line. */
const textOf = async (page: Page, selector = 'main') =>
  (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

async function signedIn(login: string, path: string, options: { javaScript?: boolean } = {}) {
  const person = await newPerson(browser, options);
  const page = await signInAsStaff(person, base, login, path);
  return { person, page };
}

async function downloadOf(page: Page, link: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link, exact: true }).click(),
  ]);
  return readFileSync((await download.path())!);
}

describe('the board report page', () => {
  let bea: { person: BrowserContext; page: Page };
  beforeAll(async () => {
    bea = await signedIn(EXAMPLE.board.login, `/boards/${W}/report?from=${from}&to=${to}`);
  });
  afterAll(() => bea.person.close());

  it("shows GraphQL's numbers for the period, in words, with a named chart and no axe-core violations", async () => {
    const { page } = bea;
    expect(new URL(page.url()).pathname).toBe(`/boards/${W}/report`);
    const frame = await pageFrame(page);
    const graphql = ok(
      await stack.gql(REPORT, { charterId: W, from, to }, people.board.token),
      'boardReport',
    );
    expect(frame.h1).toBe(`Board report for ${graphql.charter.name}`);
    expect(await textOf(page, 'main p.govuk-body-l')).toMatch(
      /^From \w+day \d+ \w+ \d{4} to \w+day \d+ \w+ \d{4}/,
    );

    const figures = Object.fromEntries(
      await page
        .locator('#summary-figures .govuk-summary-list__row')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.querySelector('dt')!.textContent!.trim(),
            Number(r.querySelector('dd')!.textContent!.trim()),
          ]),
        ),
    );
    const broken = graphql.projects.reduce((n: number, p: any) => n + p.breaches.length, 0);
    expect(figures).toEqual({
      'Projects started': graphql.projectsStarted,
      'Projects closed': graphql.projectsClosed,
      '"You said, we did" entries published': graphql.youSaidWeDidCount,
      'Promises broken': broken,
    });
    expect(graphql.projectsStarted).toBe(2);
    expect(broken).toBeGreaterThan(0);

    const ladder = await page
      .locator('#ladder-table tbody tr')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent!.trim())));
    expect(ladder.map((r) => [Number(r[1]), Number(r[2])])).toEqual(
      graphql.ladder.map((l: any) => [l.agreed, l.achieved]),
    );
    expect(ladder.map((r) => r[0])).toEqual([
      'Information only',
      'Consultation',
      'Partnership',
      'Co-production',
    ]);

    const chart = page.getByRole('img', { name: 'Bar chart of projects by level of participation' });
    await expect(chart.count()).resolves.toBe(1);
    expect(await chart.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await chart.locator('desc').textContent()).toContain(
      'Co-production: 1 started at this agreed level',
    );

    // Promises in words, one per rule; the broken one with when, what and the reason.
    await expect(page.locator('#promises > li').count()).resolves.toBe(graphql.compliance.length);
    const main = await textOf(page);
    expect(main).toMatch(/Broken (once|twice|\d+ times)/);
    expect(main).toContain(OVERRIDE);
    expect(main).toContain('Transport consultation');
    expect(
      await page.getByRole('link', { name: 'Audit trail of Short breaks review' }).getAttribute('href'),
    ).toBe(`/projects/${ids.p1}/audit`);
    expect(main).not.toMatch(/\b(meeting|papers|ladder)\.[a-z]+[A-Z]\w*/);
    expect(main).not.toMatch(/CO_PRODUCTION|CONSULTATION|BAD_USER_INPUT/);
    expect(main).toMatch(
      /the service signed a checkpoint of the whole audit log, covering its first \d+ events/,
    );

    // The header links a board member to their charter's report.
    await expect(
      page.locator('.govuk-service-navigation').getByRole('link', { name: 'Board report' }).count(),
    ).resolves.toBe(1);
    await expectNoAxeViolations(page);
  });

  it("downloads the PDF and a CSV table through the page's links, with the browser's session", async () => {
    const pdf = await downloadOf(bea.page, 'The whole report as a PDF');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const csv = (await downloadOf(bea.page, 'The summary figures (CSV)')).toString('utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Charter,Board,First day/);
    const all = (await downloadOf(bea.page, 'Every table in one spreadsheet (CSV)')).toString('utf8');
    expect(all).toContain('Board report');
  });

  it('shows the last six months when no period is given, and refuses a date that is not real', async () => {
    const page = await bea.person.newPage();
    expect((await page.goto(`${base}/boards/${W}/report`))?.status()).toBe(200);
    expect(await page.locator('#to-year').inputValue()).toBe(today.slice(0, 4));
    await expectNoAxeViolations(page);

    await page.locator('#from-day').fill('30');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2027');
    await page.getByRole('button', { name: 'Show the report for this period' }).click();
    await page.waitForLoadState('load');
    const summary = page.locator('.govuk-error-summary');
    expect(await textOf(page, '.govuk-error-summary')).toContain('The start date must be a real date');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#from-day');
    expect((await pageFrame(page)).title).toMatch(/^Error: /);
    await expectNoAxeViolations(page);

    const backwards = await page.goto(`${base}/boards/${W}/report?from=${to}&to=${from}`);
    expect(backwards?.status()).toBe(400);
    expect(await textOf(page, '.govuk-error-summary')).toContain(
      'The end date must be the same as or after the start date',
    );
    await page.close();
  });

  it('refuses a lead who is not on the board with a plain 403 page', async () => {
    const lena = await signedIn(EXAMPLE.lead.login, `/boards/${W}/report`);
    const response = await lena.page.reload();
    expect(response?.status()).toBe(403);
    expect((await pageFrame(lena.page)).h1).toBe('You cannot see this board report');
    await expect(
      lena.page.locator('.govuk-service-navigation').getByRole('link', { name: 'Board report' }).count(),
    ).resolves.toBe(0);
    await expectNoAxeViolations(lena.page);
    await lena.person.close();
  });
});

/** Changes one stored event as the database's owner would, past the append-only trigger. */
async function tamper(projectId: string, sequence: number) {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await client.query(
      `UPDATE events SET reason = 'Changed afterwards' WHERE project_id = $1 AND sequence = $2`,
      [projectId, sequence],
    );
    await client.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_append_only');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('the audit trail page, without JavaScript', () => {
  it('lists the steps in words and says whether the record is intact, before and after tampering', async () => {
    const { person, page } = await signedIn(EXAMPLE.board.login, `/projects/${ids.p1}/audit`, {
      javaScript: false,
    });
    expect((await pageFrame(page)).h1).toBe('Audit trail');
    const steps = await page.locator('#audit-events > li h2').allInnerTexts();
    expect(steps[0]).toBe('Step 1: The project "Short breaks review" was started, proposing co-production');
    expect(steps).toContain('Step 2: The level of participation was agreed: co-production');
    const main = await textOf(page);
    expect(main).toContain('by Pat Parent (parent carer representative)');
    expect(main).toContain('A charter promise was broken');
    expect(main).toContain(`Reason given: ${OVERRIDE}`);
    expect(main).not.toMatch(
      /ProjectStarted|LadderLevelAgreed|CharterBreachRecorded|MeetingScheduled|PARENT_REP/,
    );
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Check this record' }).click();
    await page.waitForLoadState('load');
    expect(await textOf(page, '#check-result')).toBe('This record is intact');
    await expectNoAxeViolations(page);

    await tamper(ids.p1, 2);
    await page.getByRole('button', { name: 'Check this record' }).click();
    await page.waitForLoadState('load');
    expect(await textOf(page, '#check-result')).toBe('This record is not intact');
    expect(await textOf(page, '.govuk-notification-banner')).toContain(
      'The record is not as it was from step 2',
    );
    await expectNoAxeViolations(page);
    await person.close();
  });

  it('shows a long trail a page at a time', async () => {
    const { person, page } = await signedIn(EXAMPLE.board.login, `/projects/${ids.p2}/audit`, {
      javaScript: false,
    });
    const first = await page.locator('#audit-events > li h2').allInnerTexts();
    expect(first).toHaveLength(25);
    expect(first[1]).toBe('Step 2: The parent carer side proposed partnership instead');
    await page.getByRole('link', { name: /Later steps/ }).click();
    await page.waitForLoadState('load');
    const second = await page.locator('#audit-events > li h2').allInnerTexts();
    expect(second.map((s) => s.replace(/:.*/, ''))).toEqual(['Step 26', 'Step 27']);
    expect(await textOf(page)).toContain('Reason given: Answer 12');
    await expect(page.getByRole('link', { name: /Later steps/ }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: /First steps/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#audit-events > li h2').first().innerText()).toMatch(/^Step 1: /);
    await person.close();
  });

  it('is not found for someone who may not read the project, as in GraphQL', async () => {
    const { person, page } = await signedIn(EXAMPLE.lead.login, `/projects/${ids.p2}/audit`, {
      javaScript: false,
    });
    const response = await page.reload();
    expect(response?.status()).toBe(404);
    expect((await pageFrame(page)).h1).toBe('Page not found');
    await expectNoAxeViolations(page);
    expect((await page.goto(`${base}/projects/not-a-project/audit`))?.status()).toBe(404);
    await person.close();
  });
});

describe('people and roles', () => {
  const kofiSection = (page: Page) =>
    page.locator('section.app-person', {
      has: page.getByRole('heading', { name: EXAMPLE.keyContact.name, exact: true }),
    });

  it('lets ada give a role that holds from the person’s next page, and take it away', async () => {
    const ada = await signedIn(EXAMPLE.admin.login, '/admin');
    expect((await pageFrame(ada.page)).h1).toBe('People and roles');
    expect(await textOf(ada.page, 'main')).toContain(EXAMPLE.keyContact.email);
    await expectNoAxeViolations(ada.page);

    const kofi = await signedIn(EXAMPLE.keyContact.login, `/boards/${W}/report`);
    expect((await kofi.page.reload())?.status()).toBe(403);

    await kofiSection(ada.page)
      .getByLabel(`Give ${EXAMPLE.keyContact.name} another role`)
      .selectOption({ label: 'Board member' });
    await kofiSection(ada.page).getByRole('button', { name: 'Give this role' }).click();
    await ada.page.waitForLoadState('load');
    expect(await textOf(ada.page, '#done')).toBe(
      `${EXAMPLE.keyContact.name} is now board member in ${findCharter(W)!.name}.`,
    );
    await expectNoAxeViolations(ada.page);

    // Kofi's next page has the role: the header links the board report, which opens.
    expect((await kofi.page.reload())?.status()).toBe(200);
    await expect(
      kofi.page.locator('.govuk-service-navigation').getByRole('link', { name: 'Board report' }).count(),
    ).resolves.toBe(1);

    await kofiSection(ada.page)
      .getByRole('button', { name: `Remove board member role of ${EXAMPLE.keyContact.name}` })
      .click();
    await ada.page.waitForLoadState('load');
    expect(await textOf(ada.page, '#done')).toMatch(/is no longer board member in/);
    expect((await kofi.page.reload())?.status()).toBe(403);
    await kofi.person.close();
    await ada.person.close();
  });

  it('adds a person, and shows a refusal in the error summary', async () => {
    const ada = await signedIn(EXAMPLE.admin.login, '/admin', { javaScript: false });
    await ada.page.getByLabel('Full name').fill('Nia New');
    await ada.page.getByLabel('Email address').fill('not an email');
    await ada.page.getByLabel('Role', { exact: true }).selectOption({ label: 'Project lead' });
    await ada.page.getByRole('button', { name: 'Add this person' }).click();
    await ada.page.waitForLoadState('load');
    expect(await textOf(ada.page, '.govuk-error-summary')).toContain(
      'Enter an email address in the correct format',
    );
    expect(await ada.page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#email');
    await expectNoAxeViolations(ada.page);

    await ada.page.getByLabel('Email address').fill('nia.new@example.org');
    await ada.page.getByRole('button', { name: 'Add this person' }).click();
    await ada.page.waitForLoadState('load');
    expect(await textOf(ada.page, '#done')).toMatch(/^Nia New was added as project lead in /);
    const nia = await withPeople(async (store) => {
      const found = await store.byEmail('nia.new@example.org');
      return found && store.memberships(found.id);
    }, databaseUrl());
    expect(nia).toEqual([{ charterId: W, role: 'LEAD' }]);
    await ada.person.close();
  });

  it('refuses someone who is not an administrator, and a form without its token', async () => {
    const bea = await signedIn(EXAMPLE.board.login, '/admin');
    const refused = await bea.page.reload();
    expect(refused?.status()).toBe(403);
    expect((await pageFrame(bea.page)).h1).toBe('You cannot manage people and roles');
    await expectNoAxeViolations(bea.page);
    await bea.person.close();

    const ada = await signedIn(EXAMPLE.admin.login, '/admin');
    const personId = await kofiSection(ada.page).locator('input[name="personId"]').first().inputValue();
    const form = { personId, charter: W, role: 'BOARD' };
    for (const sent of [form, { ...form, _csrf: 'wrong' }]) {
      const res = await ada.page.request.post(`${base}/admin/grant`, { form: sent });
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain('This form has expired');
    }
    const kofi = await withPeople((store) => store.memberships(personId), databaseUrl());
    expect(kofi).toEqual([{ charterId: W, role: 'KEY_CONTACT' }]);
    await ada.person.close();
  });
});
