/// <reference lib="dom" />
// Signing in through the pages as a person would: staff at the local OpenID provider.
import type { BrowserContext, Page } from 'playwright-core';

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
