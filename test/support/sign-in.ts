/// <reference lib="dom" />
// Signing in through the pages as a person would: staff at the local OpenID provider, parent
// carers with the link emailed to them.
import type { BrowserContext, Page } from 'playwright-core';
import { expectNoAxeViolations, pageFrame } from './browser';
import type { ReceivedMessage } from './mailbox';

/** From any page that needs sign-in: the sign-in page, the provider's login form, and back. */
export async function signInAsStaff(
  person: BrowserContext,
  base: string,
  login: string,
  path = '/projects',
): Promise<Page> {
  const page = await person.newPage();
  await page.goto(base + path);
  await page.getByRole('button', { name: 'Sign in with your work account' }).click();
  // The local provider's own login form (oidc-provider's development pages).
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  // Back on the service, past its callback (which redirects on to the page asked for).
  await page.waitForURL((url) => url.href.startsWith(base) && !url.pathname.startsWith('/sign-in/callback'));
  await page.waitForLoadState('load');
  return page;
}

/** The one link in a message that signs in to this service, as a path. */
export function signInLinkIn(message: ReceivedMessage): string {
  const links = [...String(message.mail.text).matchAll(/https?:\/\/\S+\/sign-in\/link\/[\w-]+/g)];
  expect(links).toHaveLength(1);
  return new URL(links[0][0]).pathname;
}

/** Follows an emailed sign-in link (its page, then its button): parent carers' way in. */
export async function followSignInLink(person: BrowserContext, base: string, path: string): Promise<Page> {
  const page = await person.newPage();
  await page.goto(base + path);
  expect((await pageFrame(page)).h1).toBe('Sign in with your link');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  return page;
}
