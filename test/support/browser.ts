/// <reference lib="dom" />
// A real browser for the page tests: playwright-core driving Debian's chromium (installed
// by `npm test` when missing), and axe-core checking each page against WCAG 2.2 AA.
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 AA rule set, with everything it builds on. */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(
      `Chromium is not installed at ${path}. Run the suite with \`npm test\` (it installs Debian's chromium ` +
        'with apt-get when it can), or install it yourself: apt-get install -y chromium.',
    );
  return path;
}

/**
 * Chromium with a fresh profile: playwright gives every launch its own new --user-data-dir,
 * and each person in a test gets their own context (cookies of their own).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS });
}

const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newPerson(
  browser: Browser,
  options: { javaScript?: boolean } = {},
): Promise<BrowserContext> {
  const javaScript = options.javaScript ?? true;
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'en-GB' });
  if (!javaScript) withoutJavaScript.add(context);
  return context;
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  return (await page.evaluate(
    async ([source, tags]) => {
      const w = window as unknown as {
        axe?: { run: (...args: unknown[]) => Promise<{ violations: unknown }> };
      };
      if (!w.axe) (0, eval)(source as string);
      const result = await w.axe!.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return JSON.parse(JSON.stringify(result.violations));
    },
    [AXE_SOURCE, WCAG_22_AA] as const,
  )) as AxeViolation[];
}

/**
 * Runs axe-core on the page as it is now; fails listing each WCAG 2.2 AA violation. axe
 * needs JavaScript, which crashes a page whose scripts are off: such a page is checked as
 * the same HTML at the same address in a scripted page of its own.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  let violations: AxeViolation[];
  if (!withoutJavaScript.has(page.context())) violations = await runAxe(page);
  else {
    const html = await page.content();
    const url = page.url();
    const checker = await page.context().browser()!.newContext();
    try {
      const copy = await checker.newPage();
      await copy.route(url, (route) =>
        route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
      );
      await copy.goto(url);
      violations = await runAxe(copy);
    } finally {
      await checker.close();
    }
  }
  const described = violations.map(
    (v) =>
      `${v.id}: ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  if (described.length)
    throw new Error(
      `axe-core found ${described.length} violation(s) on ${page.url()}:\n${described.join('\n')}`,
    );
}

/** Facts every page must show (CONTRACT.md "Web"). */
export async function pageFrame(page: Page) {
  // A click that submits a form or follows a link may still be loading the next page.
  await page.waitForLoadState('load');
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    skipLink: document.querySelector('a.govuk-skip-link')?.getAttribute('href') ?? null,
    serviceName:
      document.querySelector('.govuk-service-navigation__service-name')?.textContent?.trim() ?? null,
    phaseBanner:
      document.querySelector('.govuk-phase-banner')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    h1: document.querySelector('h1')?.textContent?.trim() ?? null,
  }));
}
