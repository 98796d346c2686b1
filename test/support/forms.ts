/// <reference lib="dom" />
// Filling and sending the service's forms in a real browser as a person would: the page
// tests that run a project through its step forms share these.
import type { Page } from 'playwright-core';
import { parseIsoDate } from '../../libs/domain/src/calendar';
import { findCharter } from '../../libs/domain/src/charters';
import { expectNoAxeViolations, pageFrame } from './browser';

/** Opens a page of the service and checks it has no axe-core violations. */
export async function openPage(page: Page, url: string): Promise<Page> {
  await page.goto(url);
  await pageFrame(page);
  await expectNoAxeViolations(page);
  return page;
}

/** Sends the form on the page with its button; returns once the next page has loaded. */
export async function send(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await page.waitForLoadState('load');
}

/** Sends a GraphQL document with the page's session (to read back what the pages did). */
export async function graphqlAs(page: Page, base: string, query: string, variables: Record<string, unknown>) {
  const answer = await (await page.request.post(`${base}/graphql`, { data: { query, variables } })).json();
  expect(answer.errors).toBeUndefined();
  return answer.data;
}

/** Fills a GOV.UK date input with a London calendar day. */
export async function fillDate(page: Page, name: string, date: string) {
  const [y, m, d] = parseIsoDate(date);
  await page.locator(`#${name}-day`).fill(String(d));
  await page.locator(`#${name}-month`).fill(String(m));
  await page.locator(`#${name}-year`).fill(String(y));
}

/** Fills the start form: a Worcestershire co-production project with a parent carer rep. */
export async function fillStartForm(page: Page, title: string, rep: { name: string; email: string }) {
  await page.getByLabel('Project title').fill(title);
  await page.getByLabel('What the project is for').fill('Review the short breaks offer with families');
  await page
    .getByLabel('What you hope it achieves (optional)')
    .fill('A short breaks offer families helped design');
  await page.getByLabel(findCharter('worcestershire')!.name).check();
  await page.getByLabel('Co-production', { exact: true }).check();
  await page.getByLabel('Why this level').fill('Families rely on short breaks every week');
  await page.getByLabel('Only people taking part, the forum and the board can read it').check();
  await page.locator('#p1Name').fill(rep.name);
  await page.locator('#p1Role').selectOption('PARENT_REP');
  await page.locator('#p1Email').fill(rep.email);
}

/** The id of the project whose page this is (/projects/{id}). */
export function projectIdIn(page: Page): string {
  const match = /^\/projects\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  expect(match).not.toBeNull();
  return match![1];
}
