/**
 * SCIM provisioning seen by a person in a real Chromium, as a newcomer running `npm start`
 * would see it: a user of the dev Okta has no Impero account and cannot get in (the control);
 * the dev Okta's Provisioning page creates her over the real SCIM API with the demo tenant's
 * token, she signs in through the dev Okta and sees the dashboard, and the group the page
 * pushes with her in it shows there; the page deactivates her
 * over SCIM, and the dashboard says "signed out" on its next load.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { useBrowserSuite } from '../fixtures/browser-suite.js';
import { screenshot } from '../fixtures/screenshot.js';

const e2e = useBrowserSuite();
const GRACE = DEMO.provisionedUser;

/** Presses one of the Provisioning page's buttons for Grace and the demo app; returns the page's result line. */
type Button = 'Create the user in the app' | 'Push the group with the user as a member' | 'Deactivate the user';
async function provision(page: Page, button: Button): Promise<string> {
  await page.goto(`${e2e.stack.idp.issuer}/dev/provisioning`);
  await page.getByLabel('App (client id)').selectOption(DEMO.clientId);
  await page.getByLabel('User of this org').selectOption(GRACE.id);
  await page.getByRole('button', { name: button }).click();
  await page.waitForSelector('#result');
  return (await page.locator('#result').textContent()) ?? '';
}

/**
 * From the demo tenant's login page through the dev Okta (its form, unless its session from an
 * earlier try is still alive) back to the app; returns where the browser lands.
 */
async function signIn(page: Page): Promise<URL> {
  await page.goto(`${e2e.stack.origin()}/auth/login`);
  await page.getByLabel('Work email').fill(GRACE.email);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL((url) => url.origin === e2e.stack.idp.issuer || url.pathname === '/dashboard' || url.pathname === '/auth/callback');
  if (new URL(page.url()).origin === e2e.stack.idp.issuer) {
    await page.locator('input[type="password"]').fill(GRACE.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => url.origin === e2e.stack.origin());
  }
  await page.waitForLoadState();
  return new URL(page.url());
}

describe('SCIM provisioning, in a browser', () => {
  it('a user provisioned over SCIM signs in and sees the dashboard; deactivated over SCIM, the dashboard says signed out', async () => {
    const okta = await e2e.context.newPage();
    const app = e2e.page;

    // Control: in the dev Okta but not yet in Impero, she does not get in.
    expect((await signIn(app)).pathname).not.toBe('/dashboard');
    await expect(app.locator('#signed-in-email').count()).resolves.toBe(0);

    expect(await provision(okta, 'Create the user in the app')).toBe(`Created ${GRACE.email} in the app: HTTP 201.`);
    await expect(okta.locator('#exchanges li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^GET \/scim\/v2\/Users\?filter=userName eq "grace\.hopper@example\.com".* → HTTP 200/),
      expect.stringMatching(/^POST \/scim\/v2\/Users → HTTP 201/),
    ]);

    expect((await signIn(app)).pathname).toBe('/dashboard');
    await expect(app.locator('#signed-in-email').textContent()).resolves.toBe(GRACE.email);

    // A pushed group shows on the dashboard (from GET /auth/session's groups) within 5 seconds.
    expect(await provision(okta, 'Push the group with the user as a member')).toBe(
      `Pushed group Demo Team with ${GRACE.email} as a member: HTTP 204.`,
    );
    await expect
      .poll(
        async () => (
          await app.reload(),
          app
            .locator('#groups')
            .textContent({ timeout: 100 })
            .catch(() => null)
        ),
        { timeout: 5000 },
      )
      .toBe('Groups (from Okta over SCIM): Demo Team');

    expect(await provision(okta, 'Deactivate the user')).toMatch(new RegExp(`^Deactivated ${GRACE.email}: HTTP 200\\.`));
    await app.reload();
    await expect(app.locator('#signed-out').textContent({ timeout: 5000 })).resolves.toContain('Your session has ended');
    await screenshot(app, 'e2e-scim-deactivated');
  });
});
