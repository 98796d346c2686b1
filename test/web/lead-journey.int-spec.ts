/// <reference lib="dom" />
// The project lead's pages in a real browser (axe-core on every page visited): Lena starts a
// project with a parent carer rep through the form, the invitation reaches the mailbox, and
// she runs it through the step forms to the published "You said, we did" report (the parent's
// own steps through GraphQL, signed in by the invitation's link). A charter refusal shows in
// the error summary linked to its field; on a MONITORED rule the override reason field
// appears and, filled in, the step goes through. The start form works without JavaScript; a
// form without its token is refused; someone who is not a lead cannot start a project.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { addDays, londonDateOf, londonInstant, weekdayOf } from '../../libs/domain/src/calendar';
import { checkMeetingRules, findCharter } from '../../libs/domain/src/charters';
import { expectNoAxeViolations, newPerson, pageFrame } from '../support/browser';
import * as Q from '../support/documents';
import type { Mailbox, ReceivedMessage } from '../support/mailbox';
import { EXAMPLE } from '../support/people-db';
import { signInAsStaff, signInLinkIn } from '../support/sign-in';
import {
  fillDate,
  fillStartForm as startForm,
  graphqlAs,
  openPage,
  projectIdIn,
  send,
} from '../support/forms';
import { webStackForFile } from '../support/suite';

const web = webStackForFile({ mailed: true });
let base: string;
let browser: Browser;
let mailbox: Mailbox;
beforeAll(() => ({ base, browser, mailbox } = web));

const run = randomUUID().slice(0, 8);
const patEmail = `pat-${run}@example.org`;
const worcestershire = findCharter('worcestershire')!;

const visit = (page: Page, path: string) => openPage(page, base + path);
const graphql = (page: Page, query: string, variables: Record<string, unknown>) =>
  graphqlAs(page, base, query, variables);

const projectOf = async (page: Page, id: string) =>
  (await graphql(page, Q.LIFECYCLE_PROJECT, { id })).project;

/** Fills the booking form for an hour's meeting and sends it. */
async function bookMeeting(page: Page, title: string, date: string, time: string, where: string) {
  await page.getByLabel('What the meeting is called').fill(title);
  await fillDate(page, 'startsAt', date);
  await page.getByLabel('Start time').fill(time);
  await page.getByLabel('How long it lasts, in minutes').fill('60');
  await page.getByLabel('Where', { exact: true }).fill(where);
  await send(page, 'Book the meeting');
}

/** A weekday at least three weeks ahead on which a 10:30 meeting breaks none of Worcestershire's rules. */
function cleanMeetingDay(): string {
  const now = new Date();
  for (let date = addDays(londonDateOf(now), 21); ; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    if (weekday === 0 || weekday === 6) continue;
    const at = (time: string) =>
      checkMeetingRules(worcestershire, { startsAt: londonInstant(date, time), durationMinutes: 60 }, now);
    if (at('10:30').length === 0 && at('15:00').every((v) => v.rule === 'meeting.avoidSchoolRun'))
      return date;
  }
}

/** The invitation sent to this address about the project of this title. */
const isInvitation = (m: ReceivedMessage, title: string, to = patEmail) =>
  m.type === 'invitation' && m.envelopeTo.includes(to) && String(m.mail.subject).includes(title);

/** Someone in a browser of their own, signed in by the link in their invitation to the project of this title. */
async function followsInvitation(title: string, to = patEmail) {
  const [invitation] = await mailbox.waitFor(1, (m) => isInvitation(m, title, to));
  const person = await newPerson(browser);
  const page = await person.newPage();
  await page.goto(base + signInLinkIn(invitation));
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await page.waitForURL(`${base}/projects`);
  return { person, page };
}

/** Pat, signed in by their invitation to the project of this title. */
async function patFollowsInvitation(title: string) {
  const { person, page } = await followsInvitation(title);
  return { pat: person, patPage: page };
}

/** Fills the start form: a Worcestershire project with Pat as the parent carer rep. */
const fillStartForm = (page: Page, title: string) =>
  startForm(page, title, { name: 'Pat Parent', email: patEmail });

test('Lena starts a project through the form and runs it to the published closing report', async () => {
  const lena = await newPerson(browser);
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start a project' }).click();
  await page.waitForLoadState('load');
  expect((await pageFrame(page)).h1).toBe('Start a project');
  await expectNoAxeViolations(page);

  // A refusal first: no title. The error summary links to the field; what was typed stays.
  const title = `Short breaks review ${run}`;
  await fillStartForm(page, title);
  await page.getByLabel('Project title').fill('');
  await send(page, 'Start the project');
  const summary = page.locator('.govuk-error-summary');
  await expect(summary.getByRole('link').first().getAttribute('href')).resolves.toBe('#title');
  await expect(page.locator('#p1Email').inputValue()).resolves.toBe(patEmail);
  await expectNoAxeViolations(page);
  await page.getByLabel('Project title').fill(title);
  await send(page, 'Start the project');
  const id = projectIdIn(page);

  let project = await projectOf(page, id);
  expect(project).toMatchObject({ title, phase: 'LADDER_AGREEMENT', confidentiality: 'PARTNERS' });
  expect(project.charter.id).toBe('worcestershire');
  expect(project.ladder.proposedLevel).toBe('CO_PRODUCTION');
  expect(project.participants.map((p: { role: string }) => p.role)).toEqual(['LEAD', 'PARENT_REP']);

  // The invitation reaches Pat, whose link signs them in (and links them to their participant).
  const { pat, patPage } = await patFollowsInvitation(title);
  // Pat agrees the level (the parent rep's own step).
  await graphql(patPage, Q.AGREE, { projectId: id, comment: 'Yes, co-production' });

  // Briefing: tick Pat, say what it covered; then finish it.
  const rep = project.participants.find((p: { role: string }) => p.role === 'PARENT_REP');
  await visit(page, `/projects/${id}/record-briefing`);
  await page.getByLabel('Pat Parent (Parent carer representative)').check();
  await page
    .getByLabel('What the briefing covered')
    .fill('What short breaks are and how the review will work');
  await send(page, 'Record the briefing');
  expect(projectIdIn(page)).toBe(id);
  await visit(page, `/projects/${id}/complete-briefing`);
  await send(page, 'Finish the briefing');
  project = await projectOf(page, id);
  expect(project.phase).toBe('MEETINGS');
  expect(project.briefing.briefed.map((b: { id: string }) => b.id)).toEqual([rep.id]);

  // A meeting at 3pm on a school day: the school run rule (MONITORED) refuses it, linked to the time.
  const day = cleanMeetingDay();
  await visit(page, `/projects/${id}/schedule-meeting`);
  await expect(page.locator('#overrideReason').count()).resolves.toBe(0);
  await bookMeeting(page, 'First workshop', day, '3pm', 'County Hall, Worcester');
  expect((await pageFrame(page)).title).toMatch(/^Error: Book a meeting/);
  const refusal = page.locator('.govuk-error-summary a');
  await expect(refusal.getAttribute('href')).resolves.toBe('#startsAtTime');
  await expect(refusal.innerText()).resolves.toContain('give an override reason');
  await expectNoAxeViolations(page);
  // The override reason field appears; filled in, the meeting is booked and the breach recorded.
  await page.getByLabel('Why this must go ahead anyway').fill('The only time the venue is free');
  await send(page, 'Book the meeting');
  expect(projectIdIn(page)).toBe(id);
  project = await projectOf(page, id);
  const [meeting] = project.meetings;
  expect(meeting).toMatchObject({
    title: 'First workshop',
    startsAt: londonInstant(day, '15:00').toISOString(),
  });
  expect(project.breaches).toEqual([
    expect.objectContaining({ rule: 'meeting.avoidSchoolRun', reason: 'The only time the venue is free' }),
  ]);

  // Moved to 10:30 (no rule broken, no override asked for); its papers sent out.
  await visit(page, `/projects/${id}/meetings/${meeting.id}/reschedule`);
  await expect(page.getByLabel('Start time').inputValue()).resolves.toBe('15:00');
  await page.getByLabel('Start time').fill('10:30');
  await send(page, 'Move the meeting');
  expect(projectIdIn(page)).toBe(id);
  await visit(page, `/projects/${id}/meetings/${meeting.id}/papers`);
  await page.getByLabel('The papers you sent out').fill('Agenda\nShort breaks survey results');
  await send(page, 'Record the papers as sent');
  // A meeting held last week, recorded afterwards with who came.
  await visit(page, `/projects/${id}/record-past-meeting`);
  await page.getByLabel('What the meeting was called').fill('Informal coffee morning');
  await fillDate(page, 'startsAt', addDays(londonDateOf(new Date()), -7));
  await page.getByLabel('Start time').fill('10:30am');
  await page.getByLabel('How long it lasts, in minutes').fill('45');
  await page.getByLabel('Where it was', { exact: true }).fill('The family centre');
  await page.getByLabel('Why it was not booked here').fill('Families asked to meet at short notice');
  await page.getByLabel('Pat Parent (Parent carer representative)').check();
  await page
    .getByLabel('Minutes', { exact: true })
    .fill('Families described what short breaks mean to them.');
  await page.getByLabel('Decisions').fill('Run a survey');
  await send(page, 'Record the meeting');
  expect(projectIdIn(page)).toBe(id);
  project = await projectOf(page, id);
  expect(project.meetings[0]).toMatchObject({
    startsAt: londonInstant(day, '10:30').toISOString(),
    papersDistributedAt: expect.any(String),
  });
  expect(project.meetings[1]).toMatchObject({ status: 'HELD', decisions: ['Run a survey'] });
  expect(project.meetings[1].attendance).toEqual([
    expect.objectContaining({
      participant: expect.objectContaining({ displayName: 'Lena Lead' }),
      present: false,
    }),
    expect.objectContaining({ participant: expect.objectContaining({ id: rep.id }), present: true }),
  ]);

  // Feedback: open by survey until a fortnight ahead; Pat gives some; Lena closes and thanks.
  const closes = addDays(londonDateOf(new Date()), 14);
  await visit(page, `/projects/${id}/open-feedback`);
  await page.getByLabel('Survey').check();
  await fillDate(page, 'closesAt', closes);
  await send(page, 'Start gathering feedback');
  project = await projectOf(page, id);
  expect(project.phase).toBe('FEEDBACK');
  expect(project.feedbackWindow).toMatchObject({
    channels: ['SURVEY'],
    closesAt: londonInstant(closes, '23:59').toISOString(),
  });
  await graphql(patPage, Q.SUBMIT_FEEDBACK, {
    projectId: id,
    input: { channel: 'SURVEY', body: 'Short breaks need to be in the school holidays too' },
  });
  await visit(page, `/projects/${id}/close-feedback`);
  await send(page, 'Stop gathering feedback');
  await visit(page, `/projects/${id}/acknowledge-feedback`);
  await page
    .getByLabel('Your message')
    .fill('Thank you for your feedback: we will report back on what we do.');
  await send(page, 'Send the acknowledgement');
  project = await projectOf(page, id);
  expect(project.phase).toBe('CLOSING_REPORT');

  // The closing report: an empty "You said, we did" is refused by the charter's rule, linked to it.
  await visit(page, `/projects/${id}/closing-report`);
  await expect(page.getByText('Short breaks need to be in the school holidays too').count()).resolves.toBe(1);
  await page.getByLabel('Co-production', { exact: true }).check();
  await page.locator('#entry0YouSaid').fill('Short breaks are needed in the school holidays');
  await send(page, 'Publish the report');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#entry0WeDid');
  await expectNoAxeViolations(page);
  await page.locator('#entry0WeDid').fill('We added holiday short breaks from next summer');
  await page.getByLabel('What to celebrate (optional)').fill('Families shaped the new offer');
  await send(page, 'Publish the report');
  expect(projectIdIn(page)).toBe(id);
  project = await projectOf(page, id);
  expect(project.phase).toBe('CLOSED');
  expect(project.closingReport).toMatchObject({
    levelAchieved: 'CO_PRODUCTION',
    celebrate: 'Families shaped the new offer',
    youSaidWeDid: [
      {
        youSaid: 'Short breaks are needed in the school holidays',
        weDid: 'We added holiday short breaks from next summer',
        feedbackIds: [project.feedback[0].id],
      },
    ],
  });
  await pat.close();
  await lena.close();
});

test('participants: added, given another role and removed through the forms', async () => {
  const lena = await newPerson(browser);
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, '/projects/new');
  await fillStartForm(page, `Transport review ${run}`);
  await send(page, 'Start the project');
  const id = projectIdIn(page);

  await visit(page, `/projects/${id}/participants`);
  await page.getByRole('button', { name: 'Add a participant' }).click();
  await page.waitForLoadState('load');
  await expectNoAxeViolations(page);
  await page.getByLabel('Name').fill('Kofi Contact');
  await page.getByLabel('Professional').check();
  await page.getByLabel('Organisation (optional)').fill('Worcestershire County Council');
  await send(page, 'Add the participant');
  let project = await projectOf(page, id);
  const kofi = project.participants.find((p: { displayName: string }) => p.displayName === 'Kofi Contact');
  expect(kofi).toMatchObject({ role: 'PROFESSIONAL', organisation: 'Worcestershire County Council' });

  await visit(page, `/projects/${id}/participants/${kofi.id}/change-role`);
  await page.getByLabel('Key contact').check();
  await page.getByLabel('Why').fill('Kofi briefs the parent carer reps');
  await send(page, 'Change the role');
  project = await projectOf(page, id);
  expect(project.participants.find((p: { id: string }) => p.id === kofi.id).role).toBe('KEY_CONTACT');

  // Removing needs a reason: refused without one, in the summary, linked to the field.
  await visit(page, `/projects/${id}/participants/${kofi.id}/remove`);
  await send(page, 'Remove the participant');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#reason');
  await expectNoAxeViolations(page);
  await page.getByLabel('Why').fill('Kofi has moved to another team');
  await send(page, 'Remove the participant');
  project = await projectOf(page, id);
  expect(project.participants.map((p: { id: string }) => p.id)).not.toContain(kofi.id);
  await lena.close();
});

test('the start form works with JavaScript off, blank participant rows left out', async () => {
  const lena = await newPerson(browser, { javaScript: false });
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, '/projects/new');
  expect((await pageFrame(page)).h1).toBe('Start a project');
  await expectNoAxeViolations(page);
  await fillStartForm(page, `Short breaks, no scripts ${run}`);
  // A row with a name and no role is refused, linked to that row's role (the blank rows before it are left out).
  await page.locator('#p3Name').fill('Yusuf Young');
  await send(page, 'Start the project');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#p3Role');
  await expectNoAxeViolations(page);
  await page.locator('#p3Role').selectOption('YOUNG_PERSON');
  await send(page, 'Start the project');
  const id = projectIdIn(page);
  const project = await projectOf(page, id);
  expect(project.participants.map((p: { displayName: string }) => p.displayName)).toEqual([
    'Lena Lead',
    'Pat Parent',
    'Yusuf Young',
  ]);
  await lena.close();
});

test('a form without its token is refused; someone who is not a lead cannot start a project or take a lead step', async () => {
  const lena = await newPerson(browser);
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, '/projects/new');
  const refused = await page.request.post(`${base}/projects/new`, {
    form: { title: 'No token', charterId: 'worcestershire' },
    headers: { accept: 'text/html' },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('This form has expired');
  await fillStartForm(page, `Kept from others ${run}`);
  await send(page, 'Start the project');
  const id = projectIdIn(page);

  // Kofi is a key contact in Worcestershire, not a lead: no "Start a project", and a plain 403.
  const kofi = await newPerson(browser);
  const kofiPage = await signInAsStaff(kofi, base, EXAMPLE.keyContact.login);
  await expect(kofiPage.getByRole('button', { name: 'Start a project' }).count()).resolves.toBe(0);
  const answer = await kofiPage.goto(`${base}/projects/new`);
  expect(answer!.status()).toBe(403);
  expect((await pageFrame(kofiPage)).h1).toBe('You cannot do this');
  await expect(kofiPage.getByText('Only a project lead can start a project').count()).resolves.toBe(1);
  await expectNoAxeViolations(kofiPage);
  // Their own form token does not help: the domain refuses the start itself.
  const csrf = await kofiPage.locator('input[name="_csrf"]').first().inputValue();
  const posted = await kofiPage.request.post(`${base}/projects/new`, {
    form: { _csrf: csrf, title: 'Not mine', charterId: 'worcestershire' },
    headers: { accept: 'text/html' },
  });
  expect(posted.status()).toBe(403);
  expect(await posted.text()).toContain('You cannot do this');
  // A project Kofi is not on is not found; a participant who is not its lead cannot close it.
  const notHis = await kofiPage.goto(`${base}/projects/${id}/cancel`);
  expect(notHis!.status()).toBe(404);
  const { pat, patPage } = await patFollowsInvitation(`Kept from others ${run}`);
  const cancel = await patPage.goto(`${base}/projects/${id}/cancel`);
  expect(cancel!.status()).toBe(403);
  await expect(patPage.getByText("Only the project's lead can cancel the project.").count()).resolves.toBe(1);
  await expectNoAxeViolations(patPage);
  await pat.close();
  await kofi.close();
  await lena.close();
});

test('Hounslow: a counter-proposal accepted with a comment, the level changed with a reason, a meeting booked too soon with an override, then cancelled', async () => {
  const lena = await newPerson(browser);
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, '/projects/new');
  const title = `Hounslow transport ${run}`;
  await fillStartForm(page, title);
  await page.getByLabel(findCharter('hounslow')!.name).check();
  await send(page, 'Start the project');
  const id = projectIdIn(page);
  expect((await projectOf(page, id)).charter.id).toBe('hounslow');

  // Pat counter-proposes partnership (the parent rep's own step, through GraphQL).
  const { pat, patPage } = await patFollowsInvitation(title);
  await graphql(patPage, Q.COUNTER_PROPOSE, {
    projectId: id,
    level: 'PARTNERSHIP',
    reason: 'Families have little time',
  });

  // Accepting below co-production needs a comment: refused without one, linked to it.
  await visit(page, `/projects/${id}/accept-level`);
  await expect(page.getByText('The parent carer side proposed: Partnership').count()).resolves.toBe(1);
  await send(page, 'Accept this level');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#comment');
  await expect(page.locator('#comment-error').count()).resolves.toBe(1);
  await expectNoAxeViolations(page);
  await page.getByLabel('Your comment').fill('Families cannot give more time this term');
  await send(page, 'Accept this level');
  let project = await projectOf(page, id);
  expect(project.ladder.agreedLevel).toBe('PARTNERSHIP');

  // Changing it needs a reason (an ENFORCED rule: no override offered).
  await visit(page, `/projects/${id}/change-level`);
  await page.getByLabel('Co-production', { exact: true }).check();
  await send(page, 'Save the level');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#reason');
  await expect(page.locator('#overrideReason').count()).resolves.toBe(0);
  await page.getByLabel('Why this level').fill('Families asked to design it with us');
  await send(page, 'Save the level');
  project = await projectOf(page, id);
  expect(project.ladder.agreedLevel).toBe('CO_PRODUCTION');

  await visit(page, `/projects/${id}/complete-briefing`);
  await send(page, 'Finish the briefing');

  // Two days ahead at 4pm: less than 25 days' notice (and outside 10am to 2pm): refused, linked to the date.
  const soon = addDays(londonDateOf(new Date()), 2);
  await visit(page, `/projects/${id}/schedule-meeting`);
  await bookMeeting(page, 'Transport drop-in', soon, '16:00', 'Civic Centre');
  await expect(page.locator('.govuk-error-summary a').getAttribute('href')).resolves.toBe('#startsAt-day');
  await expect(page.locator('#startsAt-error').count()).resolves.toBe(1);
  await expectNoAxeViolations(page);
  await page.getByLabel('Why this must go ahead anyway').fill('The bus contract is decided next week');
  await send(page, 'Book the meeting');
  expect(projectIdIn(page)).toBe(id);
  project = await projectOf(page, id);
  expect(project.breaches.map((b: { rule: string }) => b.rule)).toEqual(
    expect.arrayContaining(['meeting.minBookingNoticeDays', 'meeting.window']),
  );

  // A meeting still to come cannot be recorded yet: the refusal shows, in words, and nothing is recorded.
  await visit(page, `/projects/${id}/meetings/${project.meetings[0].id}/record`);
  await page.getByLabel('Minutes', { exact: true }).fill('Nothing yet');
  await send(page, 'Record the meeting');
  await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(
    'This meeting has not started yet',
  );
  await expectNoAxeViolations(page);

  // Cancelled with a reason; then the project too.
  await visit(page, `/projects/${id}/meetings/${project.meetings[0].id}/cancel`);
  await page.getByLabel('Why').fill('The contract decision moved to next month');
  await send(page, 'Cancel the meeting');
  await visit(page, `/projects/${id}/cancel`);
  await page.getByLabel('Why').fill('The transport review was merged into another project');
  await send(page, 'Cancel the project');
  project = await projectOf(page, id);
  expect(project.meetings[0].status).toBe('CANCELLED');
  expect(project.phase).toBe('CANCELLED');
  await pat.close();
  await lena.close();
});

test("a key contact briefs through the forms, and is refused the lead's own steps", async () => {
  const lena = await newPerson(browser);
  const page = await signInAsStaff(lena, base, EXAMPLE.lead.login, '/projects/new');
  const title = `Key contact briefing ${run}`;
  await fillStartForm(page, title);
  await send(page, 'Start the project');
  const id = projectIdIn(page);
  await visit(page, `/projects/${id}/add-participant`);
  await page.getByLabel('Name').fill(EXAMPLE.keyContact.name);
  await page.getByLabel('Key contact').check();
  await page.getByLabel('Email address (optional)').fill(EXAMPLE.keyContact.email);
  await send(page, 'Add the participant');
  const { patPage, pat } = await patFollowsInvitation(title);
  await graphql(patPage, Q.AGREE, { projectId: id, comment: null });

  // Kofi follows his own invitation, which links him to his participant.
  const { person: kofi, page: kofiPage } = await followsInvitation(title, EXAMPLE.keyContact.email);
  await visit(kofiPage, `/projects/${id}/record-briefing`);
  expect((await pageFrame(kofiPage)).h1).toBe('Record a briefing');
  await kofiPage.getByLabel('Pat Parent (Parent carer representative)').check();
  await kofiPage.getByLabel('What the briefing covered').fill('How the review works, in plain words');
  await send(kofiPage, 'Record the briefing');
  await visit(kofiPage, `/projects/${id}/complete-briefing`);
  await send(kofiPage, 'Finish the briefing');
  const project = await projectOf(kofiPage, id);
  expect(project.phase).toBe('MEETINGS');
  expect(project.participants.find((p: { role: string }) => p.role === 'KEY_CONTACT').personId).toBeTruthy();

  // Opening feedback is the lead's: the page says so, and nothing is changed.
  const refused = await kofiPage.goto(`${base}/projects/${id}/open-feedback`);
  expect(refused!.status()).toBe(403);
  expect((await pageFrame(kofiPage)).h1).toBe('You cannot do this');
  await expect(kofiPage.getByText("Only the project's lead can open feedback.").count()).resolves.toBe(1);
  await expectNoAxeViolations(kofiPage);
  await kofi.close();
  await pat.close();
  await lena.close();
});
