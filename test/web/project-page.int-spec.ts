/// <reference lib="dom" />
// The project page in a real browser: a parent rep signs in from their invitation and reads
// the project in words (phases, level, promises, deadlines, the meeting and its calendar file
// with the emailed invitation's UID), agrees the level and gives feedback through the forms,
// then reads "You said, we did"; with JavaScript off a refused counter-proposal shows in the
// error summary, linked to its field. Someone who may not read a project gets "Page not
// found", a hidden address is nowhere in the HTML, and a form without its token is refused.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dateTimeInWords, dayInWords } from '../../apps/gateway/src/web/rendering/word-filters';
import { brief, ok } from '../support/answers';
import { expectNoAxeViolations, launchBrowser, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import type { ReceivedMessage } from '../support/mailbox';
import { SHORT_BREAKS_REVIEW, cast, type Cast } from '../support/people';
import { addExamplePeople, EXAMPLE } from '../support/people-db';
import { followSignInLink, signInAsStaff, signInLinkIn } from '../support/sign-in';
import { mailedStackForFile } from '../support/suite';

const { stack, mailbox } = mailedStackForFile();
let browser: Browser;
let base: string;

beforeAll(async () => {
  // This file reads the page, not the transport's retries.
  mailbox.failNextAttempts(0);
  browser = await launchBrowser();
  base = stack.url.replace(/\/graphql$/, '');
});
afterAll(() => browser?.close());

let people: Cast;
let run: string;
beforeEach(() => {
  people = cast();
  run = randomUUID().slice(0, 8);
});

const repEmail = () => `pat-${run}@example.org`;
const keyContactEmail = () => `kim-${run}@example.org`;

/** A project of the lead's with a parent rep invited by email (not yet signed in) and a key contact. */
async function startProject(title: string, email = repEmail()) {
  const project = ok(
    await stack.gql(
      Q.START_PROJECT,
      {
        input: {
          ...SHORT_BREAKS_REVIEW,
          title,
          participants: [
            { displayName: 'Pat Parent', role: 'PARENT_REP', email },
            {
              displayName: people.keyContact.name,
              role: 'KEY_CONTACT',
              personId: people.keyContact.sub,
              email: keyContactEmail(),
            },
          ],
        },
      },
      people.lead.token,
    ),
    'startProject',
  );
  return {
    id: project.id as string,
    repId: project.participants.find((p: any) => p.role === 'PARENT_REP').id as string,
  };
}

/** The rep follows the invitation emailed to `email`: signed in, on "Your projects". */
async function repSignsIn(person: BrowserContext, email: string): Promise<Page> {
  const [invitation] = await mailbox.waitFor(
    1,
    (m) => m.type === 'invitation' && m.envelopeTo.includes(email),
  );
  const page = await followSignInLink(person, base, signInLinkIn(invitation));
  expect((await pageFrame(page)).h1).toBe('Your projects');
  return page;
}

async function openProject(page: Page, title: string) {
  await page.getByRole('link', { name: title }).click();
  const frame = await pageFrame(page);
  expect(frame).toMatchObject({ lang: 'en-GB', h1: title, title: `${title} – SEND co-production` });
  await expectNoAxeViolations(page);
}

const main = (page: Page) => page.locator('main').innerText();

/** What a phase's row of the step list says about it: "Done", "Now", "Next" or "Later". */
const stepStatus = (page: Page, phase: string) =>
  page.locator('.govuk-task-list__item', { hasText: phase }).locator('.govuk-task-list__status').innerText();

/** What the promise's row says: "Kept so far", "Not kept once", ... */
const promiseStatus = (page: Page, promise: string) =>
  page
    .locator('.app-promises .govuk-summary-list__row', { hasText: promise })
    .locator('.govuk-tag')
    .innerText();

/** The UID of a calendar file (lines unfolded first). */
function uidOf(ics: string): string {
  const uid = /^UID:(.+)$/m.exec(ics.replace(/\r?\n[ \t]/g, ''));
  expect(uid).not.toBeNull();
  return uid![1].trim();
}

const icsOf = (message: ReceivedMessage) =>
  String(message.mail.attachments.find((a) => a.filename === 'meeting.ics')?.content ?? '');

test('a parent rep reads the project in words, agrees its level, gives feedback and reads "You said, we did"', async () => {
  const title = `Short breaks review ${run}`;
  const { id: projectId, repId } = await startProject(title);
  const pat = await newPerson(browser);
  const page = await repSignsIn(pat, repEmail());
  await openProject(page, title);

  // Where it is, the level and the promises, in words.
  expect(await stepStatus(page, 'Agreeing how much say parent carers have')).toBe('Now');
  expect(await stepStatus(page, 'Briefing parent carer representatives')).toBe('Next');
  expect(await stepStatus(page, 'Gathering feedback')).toBe('Later');
  let words = await main(page);
  expect(words).toContain('Co-production');
  expect(words).toContain('Proposed by the project lead. The parent carer side has not agreed it yet.');
  expect(words).toContain(SHORT_BREAKS_REVIEW.proposedReason);
  expect(await promiseStatus(page, 'The agenda and papers go out early enough before each meeting')).toBe(
    'Kept so far',
  );
  expect(words).toContain(
    'The agenda and papers for a meeting must be sent out at least 7 days before the meeting.',
  );
  expect(words).not.toMatch(/LADDER_AGREEMENT|CO_PRODUCTION|PARENT_REP|papers\.minNoticeDays|LadderLevel/);
  // Pat's own address shows; the key contact's is not in the page at all.
  const html = await page.content();
  expect(html).toContain(repEmail());
  expect(html).not.toContain(keyContactEmail());
  expect(words).not.toContain(projectId); // no id among the words

  // Pat agrees the level through the form.
  await page.getByLabel('Comment (optional)').fill('This is the right level for families');
  await page.getByRole('button', { name: 'Agree to co-production' }).click();
  expect((await pageFrame(page)).h1).toBe(title);
  expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`);
  words = await main(page);
  expect(words).toContain('You agreed the level of participation.');
  expect(words).toMatch(/Agreed on \w+day \d{1,2} \w+ \d{4}\./);
  expect(await stepStatus(page, 'Agreeing how much say parent carers have')).toBe('Done');
  expect(await stepStatus(page, 'Briefing parent carer representatives')).toBe('Now');
  await expectNoAxeViolations(page);

  // The lead's side (through GraphQL): the briefing, and a meeting 40 days ahead.
  await brief(stack, people, projectId, repId);
  const day = new Date(Date.now() + 40 * 86_400_000);
  day.setUTCHours(10, 0, 0, 0);
  const meeting = ok(
    await stack.gql(
      Q.SCHEDULE_MEETING,
      {
        projectId,
        input: {
          title: 'First workshop',
          startsAt: day.toISOString(),
          durationMinutes: 60,
          location: 'Civic Centre, Room 2',
          accessibilityNotes: 'Step-free access and a quiet room',
          overrideReason: 'The only date the forum could make',
        },
      },
      people.lead.token,
    ),
    'scheduleMeeting',
  );
  const [booked] = await mailbox.waitFor(
    1,
    (m) => m.type === 'meetingBooked' && m.envelopeTo.includes(repEmail()),
  );

  await page.reload();
  words = await main(page);
  expect(words).toContain('First workshop');
  expect(words).toContain(dateTimeInWords(meeting.startsAt));
  expect(words).toContain('Civic Centre, Room 2');
  expect(words).toContain('Step-free access and a quiet room');
  expect(words).toContain(`The papers for "First workshop" are due by ${dayInWords(meeting.papersDueBy)}.`);
  expect(await stepStatus(page, 'Meetings')).toBe('Now');
  await expectNoAxeViolations(page);
  // The calendar file: the same event (UID) as the one emailed with the invitation.
  const href = await page
    .getByRole('link', { name: 'Add “First workshop” to your calendar' })
    .getAttribute('href');
  const download = await page.request.get(base + href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toMatch(/^text\/calendar/);
  const ics = await download.text();
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics).toContain('LOCATION:Civic Centre\\, Room 2');
  expect(uidOf(ics)).toBe(uidOf(icsOf(booked)));

  // Feedback opens; Pat gives theirs through the form.
  const closesAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
  ok(
    await stack.gql(
      Q.OPEN_FEEDBACK,
      { projectId, closesAt, channels: ['SURVEY', 'FORUM'] },
      people.lead.token,
    ),
    'openFeedback',
  );
  await page.reload();
  expect(await main(page)).toContain(`Feedback closes on ${dateTimeInWords(closesAt)}.`);
  await page.getByLabel('A survey').check();
  await page.getByLabel('Your feedback').fill('We need more holiday clubs near Redditch');
  await page.getByRole('button', { name: 'Give feedback' }).click();
  expect((await pageFrame(page)).h1).toBe(title);
  words = await main(page);
  expect(words).toContain('Thank you: your feedback has been given to the project.');
  expect(words).toContain('We need more holiday clubs near Redditch');
  expect(words).toContain('Pat Parent, a survey');
  await expectNoAxeViolations(page);

  // And more, without their name, with an address for the answer: a mistyped one is refused.
  const replyTo = `answer-${run}@example.org`;
  await page.getByLabel('The forum').check();
  await page.getByLabel('Your feedback').fill('Transport to the clubs is unreliable');
  await page.getByLabel('Give this feedback without my name').check();
  await page.getByLabel('Email address for the answer (optional)').fill('answer at example.org');
  await page.getByRole('button', { name: 'Give feedback' }).click();
  const problem = page.locator('.govuk-error-summary').getByRole('link');
  expect(await problem.getAttribute('href')).toBe('#replyTo');
  expect(await problem.innerText()).toContain('is not an email address');
  expect(await page.getByLabel('Your feedback').inputValue()).toBe('Transport to the clubs is unreliable');
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address for the answer (optional)').fill(replyTo);
  await page.getByRole('button', { name: 'Give feedback' }).click();
  words = await main(page);
  expect(words).toContain('Thank you: your feedback has been given to the project.');
  expect(words).toContain('Anonymous, the forum');
  expect(words).toContain('Transport to the clubs is unreliable');
  expect(await page.content()).not.toContain(replyTo);

  // The lead closes, acknowledges and publishes the report.
  const project = ok(await stack.gql(Q.LIFECYCLE_PROJECT, { id: projectId }, people.lead.token), 'project');
  const [named, anonymous] = project.feedback.map((f: any) => f.id as string);
  ok(await stack.gql(Q.CLOSE_FEEDBACK, { projectId }, people.lead.token), 'closeFeedback');
  ok(
    await stack.gql(
      Q.ACKNOWLEDGE,
      { projectId, message: 'Thank you: we read every reply.' },
      people.lead.token,
    ),
    'acknowledgeFeedback',
  );
  // The answer reached the address given with the anonymous feedback (kept apart from it).
  await mailbox.waitFor(1, (m) => m.type === 'feedbackAcknowledged' && m.envelopeTo.includes(replyTo));
  const closingReport = {
    youSaidWeDid: [
      {
        youSaid: 'More holiday clubs near Redditch',
        weDid: 'Two new clubs from Easter',
        feedbackIds: [named],
      },
      { youSaid: 'Transport is unreliable', weDid: 'Set pick-up times', feedbackIds: [anonymous] },
    ],
    levelAchieved: 'CO_PRODUCTION',
    celebrate: 'Parents designed the new offer',
  };
  ok(
    await stack.gql(Q.PUBLISH_REPORT, { projectId, input: closingReport }, people.lead.token),
    'publishClosingReport',
  );

  await page.reload();
  expect(await page.getByRole('heading', { name: 'You said, we did' }).count()).toBe(1);
  const report = page.locator('table', { hasText: 'You said' });
  expect(await report.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/^More holiday clubs near Redditch\s+Two new clubs from Easter$/),
    expect.stringMatching(/^Transport is unreliable\s+Set pick-up times$/),
  ]);
  words = await main(page);
  expect(words).toContain('Thank you: we read every reply.');
  expect(words).toContain('Parents designed the new offer');
  expect(await stepStatus(page, 'Finished')).toBe('Done');
  await expectNoAxeViolations(page);
  await pat.close();
});

test('with JavaScript off, a counter-proposal without a reason is refused in the error summary, then made', async () => {
  const title = `Transport review ${run}`;
  await startProject(title);
  const pat = await newPerson(browser, { javaScript: false });
  const page = await repSignsIn(pat, repEmail());
  await openProject(page, title);

  await page.getByLabel('Partnership').check();
  await page.getByRole('button', { name: 'Propose this level' }).click();
  const frame = await pageFrame(page);
  expect(frame.title).toBe(`Error: ${title} – SEND co-production`);
  const summary = page.locator('.govuk-error-summary');
  expect(await summary.locator('h2').innerText()).toBe('There is a problem');
  const link = summary.getByRole('link');
  expect(await link.getAttribute('href')).toBe('#reason');
  expect(await link.innerText()).toContain('asks for reasons to be given for the level of participation');
  // The field shows the same message, and keeps the level chosen.
  expect(await page.locator('#reason-error').innerText()).toContain('asks for reasons');
  expect(await page.getByLabel('Partnership').isChecked()).toBe(true);
  await expectNoAxeViolations(page);

  await page.getByLabel('Why this level?').fill('Families want to shape the options, not only comment');
  await page.getByRole('button', { name: 'Propose this level' }).click();
  expect((await pageFrame(page)).h1).toBe(title);
  const words = await main(page);
  expect(words).toContain('You proposed another level of participation.');
  expect(words).toContain(
    'Counter-proposed by the parent carer side. The project lead has not agreed it yet.',
  );
  expect(words).toContain('Families want to shape the options, not only comment');
  // Their own counter-proposal is not theirs to agree.
  expect(await page.getByRole('button', { name: /^Agree to/ }).count()).toBe(0);
  await expectNoAxeViolations(page);
  await pat.close();
});

test('someone who may not read a project gets "Page not found"; a form without its token changes nothing', async () => {
  const title = `Hidden review ${run}`;
  const { id: projectId } = await startProject(title);
  const otherEmail = `sam-${run}@example.org`;
  await startProject(`Other review ${run}`, otherEmail);

  // Sam, a parent rep of another project, is signed in but may not read this one.
  const sam = await newPerson(browser);
  const samPage = await repSignsIn(sam, otherEmail);
  const samToken = await samPage.locator('input[name="_csrf"]').first().inputValue();
  for (const path of [
    `/projects/${projectId}`,
    `/projects/${projectId}/meetings/${projectId}.m1/calendar.ics`,
    `/projects/${randomUUID()}`,
    '/projects/not-a-project',
  ]) {
    const response = await samPage.goto(base + path);
    expect(response?.status()).toBe(404);
    expect((await pageFrame(samPage)).h1).toBe('Page not found');
    expect(await samPage.content()).not.toContain(title);
  }
  await expectNoAxeViolations(samPage);
  // Nor may Sam act on it, even with a form token of their own.
  const samPost = await samPage.request.post(`${base}/projects/${projectId}/level/agree`, {
    form: { _csrf: samToken, comment: '' },
    headers: { accept: 'text/html' },
  });
  expect(samPost.status()).toBe(404);

  // Pat may, but a form sent without the token (or with another's) is refused, and nothing changes.
  const pat = await newPerson(browser);
  const page = await repSignsIn(pat, repEmail());
  await openProject(page, title);
  const forms: Record<string, string>[] = [
    { comment: 'Sent from elsewhere' },
    { _csrf: samToken, comment: 'Sent from elsewhere' },
  ];
  for (const form of forms) {
    const refused = await page.request.post(`${base}/projects/${projectId}/level/agree`, { form });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('This form has expired');
  }
  const project = ok(await stack.gql(Q.PROJECT, { id: projectId }, people.lead.token), 'project');
  expect(project.phase).toBe('LADDER_AGREEMENT');
  expect(project.ladder.agreedLevel).toBeNull();
  await sam.close();
  await pat.close();
});

test('the forum coordinator sees addresses and may agree the level; a board member reads it without either', async () => {
  await addExamplePeople();
  const title = `Forum review ${run}`;
  const { id: projectId } = await startProject(title);

  const bea = await newPerson(browser);
  const board = await signInAsStaff(bea, base, EXAMPLE.board.login, `/projects/${projectId}`);
  expect((await pageFrame(board)).h1).toBe(title);
  expect(await board.content()).not.toContain(keyContactEmail());
  expect(await board.content()).not.toContain(repEmail());
  expect(await board.getByRole('button', { name: /^Agree to|^Propose this level/ }).count()).toBe(0);
  await expectNoAxeViolations(board);
  await bea.close();

  const fran = await newPerson(browser);
  const forum = await signInAsStaff(fran, base, EXAMPLE.forum.login, `/projects/${projectId}`);
  expect((await pageFrame(forum)).h1).toBe(title);
  expect(await forum.content()).toContain(keyContactEmail());
  await forum.getByRole('button', { name: 'Agree to co-production' }).click();
  expect(await main(forum)).toContain('You agreed the level of participation.');
  expect(await stepStatus(forum, 'Briefing parent carer representatives')).toBe('Now');
  await expectNoAxeViolations(forum);
  await fran.close();
});
