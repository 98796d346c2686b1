/// <reference lib="dom" />
// Issue 9's "Done means", end to end in a real browser and only through the pages (GraphQL
// only reads back what they did): Lena starts a project with a parent carer rep, who follows
// the emailed invitation and agrees the level; Lena briefs, records a meeting, opens feedback
// and shares a public link from "What you can do next"; the rep gives feedback on the project
// page and a member of the public (JavaScript off, never signed in) through the link; Lena
// closes, thanks people and publishes "You said, we did", which the rep then reads; Bea, on
// the board, finds the project in the board report for today, downloads its PDF, and checks
// the project's audit trail is intact. axe-core finds nothing on any page visited.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, londonDateOf } from '../../libs/domain/src/calendar';
import { expectNoAxeViolations, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import { fillDate, fillStartForm, graphqlAs, openPage, projectIdIn, send } from '../support/forms';
import type { ReceivedMessage } from '../support/mailbox';
import { EXAMPLE } from '../support/people-db';
import { followSignInLink, signInAsStaff, signInLinkIn } from '../support/sign-in';
import { webStackForFile } from '../support/suite';

const web = webStackForFile({ mailed: true });

const run = randomUUID().slice(0, 8);
const title = `Whole project ${run}`;
const rep = { name: 'Pat Parent', email: `pat-${run}@example.org` };
const publicReplyTo = `neighbour-${run}@example.net`;
const REP_SAYS = 'Short breaks need to run in the school holidays too';
const PUBLIC_SAYS = 'The booking line is never answered after 3pm';
const today = londonDateOf(new Date());

let lena: BrowserContext;
let lenaPage: Page;
let pat: BrowserContext;
let patPage: Page;
let projectId: string;
let publicLink: string;

afterAll(async () => {
  await lena?.close();
  await pat?.close();
});

const projectPath = () => `/projects/${projectId}`;
const main = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const nowSays = async (page: Page) => /Now: ([^.]+)\./.exec(await main(page))?.[1];
const readBack = async (page: Page) =>
  (await graphqlAs(page, web.base, Q.LIFECYCLE_PROJECT, { id: projectId })).project;

/** The page of this project, reloaded, checked by axe-core. */
async function projectPage(page: Page): Promise<Page> {
  await openPage(page, web.base + projectPath());
  expect((await pageFrame(page)).h1).toBe(title);
  return page;
}

/** From the project page, the "What you can do next" link of this name, to its form. */
async function nextStep(page: Page, link: string): Promise<Page> {
  await projectPage(page);
  await page.getByRole('link', { name: link, exact: true }).click();
  await pageFrame(page);
  await expectNoAxeViolations(page);
  return page;
}

/** Messages of this type sent to this address about this run's project. */
const mailOf = (type: string, to: string) =>
  web.mailbox.waitFor(1, (m: ReceivedMessage) => m.type === type && m.envelopeTo.includes(to));

describe('a whole project, through the pages', () => {
  test('Lena starts the project from "Your projects" with a parent carer rep', async () => {
    lena = await newPerson(web.browser);
    lenaPage = await signInAsStaff(lena, web.base, EXAMPLE.lead.login);
    expect((await pageFrame(lenaPage)).h1).toBe('Your projects');
    await expectNoAxeViolations(lenaPage);
    await send(lenaPage, 'Start a project');
    expect((await pageFrame(lenaPage)).h1).toBe('Start a project');
    await expectNoAxeViolations(lenaPage);
    await fillStartForm(lenaPage, title, rep);
    await send(lenaPage, 'Start the project');
    projectId = projectIdIn(lenaPage);
    expect((await pageFrame(lenaPage)).h1).toBe(title);
    expect(await nowSays(lenaPage)).toBe('Agreeing how much say parent carers have');
    await expectNoAxeViolations(lenaPage);
    const project = await readBack(lenaPage);
    expect(project).toMatchObject({ title, phase: 'LADDER_AGREEMENT' });
    expect(project.charter.id).toBe('worcestershire');
    expect(project.participants.map((p: { role: string }) => p.role)).toEqual(['LEAD', 'PARENT_REP']);
  });

  test('the rep follows the emailed invitation to the project page and agrees the level', async () => {
    const [invitation] = await mailOf('invitation', rep.email);
    expect(String(invitation.mail.subject)).toContain(title);
    pat = await newPerson(web.browser);
    patPage = await followSignInLink(pat, web.base, signInLinkIn(invitation));
    expect((await pageFrame(patPage)).h1).toBe('Your projects');
    await expectNoAxeViolations(patPage);
    await patPage.getByRole('link', { name: title }).click();
    expect((await pageFrame(patPage)).h1).toBe(title);
    expect(new URL(patPage.url()).pathname).toBe(projectPath());
    await expectNoAxeViolations(patPage);

    await patPage.getByLabel('Comment (optional)').fill('Co-production is right for families');
    await send(patPage, 'Agree to co-production');
    expect(new URL(patPage.url()).pathname).toBe(projectPath());
    expect(await main(patPage)).toContain('You agreed the level of participation.');
    expect(await nowSays(patPage)).toBe('Briefing parent carer representatives');
    await expectNoAxeViolations(patPage);
    expect((await readBack(patPage)).ladder.agreedLevel).toBe('CO_PRODUCTION');
  });

  test('Lena briefs the rep, records a past meeting, opens feedback and shares a public link', async () => {
    const page = lenaPage;
    await nextStep(page, 'Record a briefing of parent carer representatives');
    await page.getByLabel(`${rep.name} (Parent carer representative)`).check();
    await page.getByLabel('What the briefing covered').fill('How the review works and what we ask of you');
    await send(page, 'Record the briefing');
    expect(projectIdIn(page)).toBe(projectId);
    await nextStep(page, 'Finish the briefing and move on to meetings');
    await send(page, 'Finish the briefing');
    expect(await nowSays(page)).toBe('Meetings');
    expect(await main(page)).toContain('How the review works and what we ask of you');

    await nextStep(page, 'Record a meeting that was not booked here');
    await page.getByLabel('What the meeting was called').fill('Coffee morning');
    await fillDate(page, 'startsAt', addDays(today, -3));
    await page.getByLabel('Start time').fill('10:30am');
    await page.getByLabel('How long it lasts, in minutes').fill('45');
    await page.getByLabel('Where it was', { exact: true }).fill('The family centre');
    await page.getByLabel('Why it was not booked here').fill('Families asked to meet at short notice');
    await page.getByLabel(`${rep.name} (Parent carer representative)`).check();
    await page.getByLabel('Minutes', { exact: true }).fill('Families said what short breaks mean to them.');
    await page.getByLabel('Decisions').fill('Ask every family for feedback');
    await send(page, 'Record the meeting');
    expect(projectIdIn(page)).toBe(projectId);
    expect(await main(page)).toContain('Coffee morning');
    let project = await readBack(page);
    expect(project.meetings).toEqual([
      expect.objectContaining({
        title: 'Coffee morning',
        status: 'HELD',
        decisions: ['Ask every family for feedback'],
      }),
    ]);

    await nextStep(page, 'Start gathering feedback');
    await page.getByLabel('Survey').check();
    await fillDate(page, 'closesAt', addDays(today, 14));
    await send(page, 'Start gathering feedback');
    await projectPage(page);
    expect(await nowSays(page)).toBe('Gathering feedback');
    project = await readBack(page);
    expect(project.feedbackWindow.channels).toEqual(['SURVEY']);

    await nextStep(page, 'Share a public feedback link anyone can answer');
    expect((await pageFrame(page)).h1).toBe('Share a public feedback link');
    await page.getByLabel('A survey').check();
    await send(page, 'Make the link');
    const href = await page.locator('a.app-public-link').getAttribute('href');
    expect(href).toMatch(/\/feedback\/[A-Za-z0-9_-]{43}$/);
    publicLink = new URL(href!).pathname;
    await expectNoAxeViolations(page);
    // The rep is told feedback is open.
    await mailOf('feedbackOpened', rep.email);
  });

  test('the rep gives feedback through the project page', async () => {
    await projectPage(patPage);
    expect(await main(patPage)).toContain('Feedback is open until');
    // The only channel is chosen already.
    await patPage.getByLabel('Your feedback').fill(REP_SAYS);
    await send(patPage, 'Give feedback');
    const words = await main(patPage);
    expect(words).toContain('Thank you: your feedback has been given to the project.');
    expect(words).toContain(REP_SAYS);
    expect(words).toContain(`${rep.name}, a survey`);
    await expectNoAxeViolations(patPage);
  });

  test('a member of the public, never signed in and with JavaScript off, sends their views through the link', async () => {
    const someone = await newPerson(web.browser, { javaScript: false });
    try {
      const page = await someone.newPage();
      expect((await page.goto(web.base + publicLink))?.status()).toBe(200);
      expect((await pageFrame(page)).h1).toBe(`Give your views: ${title}`);
      await expectNoAxeViolations(page);
      await page.getByLabel('Your views').fill(PUBLIC_SAYS);
      await page.getByLabel('Your email address (optional)').fill(publicReplyTo);
      await send(page, 'Send my views');
      expect((await pageFrame(page)).h1).toBe('Thank you: your feedback was sent');
      await expectNoAxeViolations(page);
    } finally {
      await someone.close();
    }
    const project = await readBack(lenaPage);
    expect(project.feedback.map((f: { body: string }) => f.body)).toEqual([REP_SAYS, PUBLIC_SAYS]);
    expect(project.feedback[1].from).toBeNull();
  });

  test('Lena stops feedback, thanks people and publishes "You said, we did"; the rep reads it', async () => {
    const page = lenaPage;
    await projectPage(page);
    await expect(page.locator('.app-feedback > li').count()).resolves.toBe(2);
    await nextStep(page, 'Stop gathering feedback');
    await send(page, 'Stop gathering feedback');
    await projectPage(page);
    expect(await nowSays(page)).toBe('Acknowledging feedback');

    await nextStep(page, 'Thank people for their feedback');
    const thanks = 'Thank you: we read every answer and will report back.';
    await page.getByLabel('Your message').fill(thanks);
    await send(page, 'Send the acknowledgement');
    await projectPage(page);
    expect(await nowSays(page)).toBe('Writing the "You said, we did" report');
    // The thanks reach the rep and the address the public answer left.
    for (const to of [rep.email, publicReplyTo]) {
      const [message] = await mailOf('feedbackAcknowledged', to);
      expect(String(message.mail.text)).toContain(thanks);
    }

    await nextStep(page, 'Publish the "You said, we did" report');
    // Worcestershire asks for every piece of feedback to be answered: one fieldset each.
    const answers: [string, string, string][] = [
      [REP_SAYS, 'Short breaks are needed in the holidays', 'Holiday short breaks from next summer'],
      [PUBLIC_SAYS, 'Nobody answers the booking line late', 'The line is staffed until 6pm'],
    ];
    for (const [said, youSaid, weDid] of answers) {
      const item = page.locator('fieldset', { hasText: said });
      await item.getByLabel('You said').fill(youSaid);
      await item.getByLabel('We did').fill(weDid);
    }
    await page.getByLabel('Co-production', { exact: true }).check();
    await page.getByLabel('What to celebrate (optional)').fill('Families shaped the new offer');
    await send(page, 'Publish the report');
    expect(projectIdIn(page)).toBe(projectId);
    expect(await nowSays(page)).toBe('Finished');
    await expectNoAxeViolations(page);
    const project = await readBack(page);
    expect(project.phase).toBe('CLOSED');
    expect(project.closingReport.youSaidWeDid).toEqual([
      { youSaid: answers[0][1], weDid: answers[0][2], feedbackIds: [project.feedback[0].id] },
      { youSaid: answers[1][1], weDid: answers[1][2], feedbackIds: [project.feedback[1].id] },
    ]);
    for (const to of [rep.email, publicReplyTo]) await mailOf('closingReport', to);

    // The rep's page says it is finished and shows "You said, we did".
    await projectPage(patPage);
    expect(await nowSays(patPage)).toBe('Finished');
    await expect(patPage.getByRole('heading', { name: 'You said, we did' }).count()).resolves.toBe(1);
    const rows = await patPage.locator('table', { hasText: 'You said' }).locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(
      answers.map(([, youSaid, weDid]) => `${youSaid} ${weDid}`),
    );
    expect(await main(patPage)).toContain('Families shaped the new offer');
  });

  test('Bea finds the project in the board report for today, downloads the PDF and checks its audit trail', async () => {
    const bea = await newPerson(web.browser);
    try {
      const from = addDays(today, -1);
      const to = addDays(today, 1);
      const page = await signInAsStaff(
        bea,
        web.base,
        EXAMPLE.board.login,
        `/boards/worcestershire/report?from=${from}&to=${to}`,
      );
      expect((await pageFrame(page)).h1).toMatch(/^Board report for /);
      await expectNoAxeViolations(page);
      // The project is listed among the period's projects, finished, at co-production.
      const row = page.locator('tr', { has: page.getByRole('link', { name: title, exact: true }) });
      const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
      expect(cells.slice(0, 2)).toEqual([title, 'Finished']);
      expect(cells).toContain('Co-production');
      // Its figures count it, as GraphQL's report for the same period does.
      const figure = async (name: string) =>
        Number(
          await page
            .locator('#summary-figures .govuk-summary-list__row', { hasText: name })
            .locator('dd')
            .innerText(),
        );
      expect(await figure('Projects started')).toBeGreaterThanOrEqual(1);
      expect(await figure('Projects closed')).toBeGreaterThanOrEqual(1);
      expect(await figure('"You said, we did" entries published')).toBeGreaterThanOrEqual(2);
      const report = (
        await graphqlAs(
          page,
          web.base,
          `query($from: Date!, $to: Date!) { boardReport(charterId: "worcestershire", from: $from, to: $to) {
            projectsClosed youSaidWeDidCount projects { projectId title phase levelAgreed levelAchieved } } }`,
          { from, to },
        )
      ).boardReport;
      expect(report.projects).toContainEqual({
        projectId,
        title,
        phase: 'CLOSED',
        levelAgreed: 'CO_PRODUCTION',
        levelAchieved: 'CO_PRODUCTION',
      });
      expect(report.projectsClosed).toBeGreaterThanOrEqual(1);
      expect(report.youSaidWeDidCount).toBeGreaterThanOrEqual(2);

      // The PDF through the page's link, with Bea's session.
      const pdfHref = await page
        .getByRole('link', { name: 'The whole report as a PDF', exact: true })
        .getAttribute('href');
      const pdf = await page.request.get(new URL(pdfHref!, page.url()).href);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

      // The project's audit trail, in words, and intact.
      await openPage(page, `${web.base}${projectPath()}/audit`);
      expect((await pageFrame(page)).h1).toBe('Audit trail');
      const steps = await page.locator('#audit-events > li h2').allInnerTexts();
      expect(steps[0]).toMatch(new RegExp(`^Step 1: The project "${title}" was started`));
      await send(page, 'Check this record');
      expect((await page.locator('#check-result').innerText()).trim()).toBe('This record is intact');
      await expectNoAxeViolations(page);
    } finally {
      await bea.close();
    }
  });
});
