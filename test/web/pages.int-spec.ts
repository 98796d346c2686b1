/// <reference lib="dom" />
// The pages' frame in a real browser: GOV.UK template, lang, titles, skip link, service
// name, phase banner, static assets, no JavaScript needed, and 0 axe-core violations.
import type { BrowserContext } from 'playwright-core';
import { expectNoAxeViolations, newPerson, pageFrame } from '../support/browser';
import { webStackForFile } from '../support/suite';

const web = webStackForFile();

const PUBLIC_PAGES = [
  { path: '/', h1: 'Take part in co-produced SEND projects' },
  { path: '/accessibility', h1: 'Accessibility statement' },
];

describe.each([true, false])('with JavaScript %s', (javaScript) => {
  let person: BrowserContext;
  beforeAll(async () => {
    person = await newPerson(web.browser, { javaScript });
  });
  afterAll(() => person.close());

  test.each(PUBLIC_PAGES)(
    '$path has the frame of every page and no axe-core violations',
    async ({ path, h1 }) => {
      const page = await person.newPage();
      const response = await page.goto(web.base + path);
      expect(response?.status()).toBe(200);
      const frame = await pageFrame(page);
      expect(frame).toMatchObject({
        lang: 'en-GB',
        skipLink: '#main-content',
        serviceName: 'SEND co-production',
        h1,
      });
      expect(frame.phaseBanner).toMatch(/^Beta This is a new service/);
      expect(frame.title).toBe(`${h1} – SEND co-production`);
      // The styles arrived: GOV.UK Frontend's font is in use.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily)).toMatch(
        /GDS Transport|arial/i,
      );
      await expectNoAxeViolations(page);
      await page.close();
    },
  );
});

test('the skip link moves focus to the main content', async () => {
  const person = await newPerson(web.browser);
  const page = await person.newPage();
  await page.goto(web.base + '/');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
  await page.keyboard.press('Enter');
  expect(page.url()).toBe(`${web.base}/#main-content`);
  await person.close();
});

test('every title is different', () => {
  expect(new Set(PUBLIC_PAGES.map((p) => p.h1)).size).toBe(PUBLIC_PAGES.length);
});

test('GOV.UK Frontend assets are served, and nothing else from the package', async () => {
  for (const asset of [
    'govuk-frontend.min.css',
    'govuk-frontend.min.js',
    'fonts/bold-b542beb274-v2.woff2',
    'images/favicon.svg',
    'manifest.json',
    'init.js',
    'service.css',
  ]) {
    expect([asset, (await fetch(`${web.base}/assets/${asset}`)).status]).toEqual([asset, 200]);
  }
  for (const hidden of ['index.scss', 'template.njk', '../package.json']) {
    expect((await fetch(`${web.base}/assets/${hidden}`)).status).toBe(404);
  }
});

test('an unknown address is a "Page not found" page for a browser, JSON for others', async () => {
  const person = await newPerson(web.browser);
  const page = await person.newPage();
  const response = await page.goto(`${web.base}/no-such-page`);
  expect(response?.status()).toBe(404);
  expect((await pageFrame(page)).h1).toBe('Page not found');
  await expectNoAxeViolations(page);
  await person.close();
  const json = await fetch(`${web.base}/no-such-page`);
  expect(json.status).toBe(404);
  expect(json.headers.get('content-type')).toMatch(/json/);
});
