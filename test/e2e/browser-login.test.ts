/**
 * A person's walk through the product in a real Chromium: login page, email, Next, the
 * development Okta's form, back to the dashboard, sign out.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { useBrowserSuite } from '../fixtures/browser-suite.js';
import { screenshot } from '../fixtures/screenshot.js';

const e2e = useBrowserSuite();

describe('signing in with a browser', () => {
  // In an order where a test starts on the site the one before ended on, which keeps the tab's renderer.
  it('walks from the login page through Okta to the dashboard and back out', async () => {
    const page = e2e.page;
    const cspViolations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && cspViolations.push(m.text()));

    await page.goto(`${e2e.stack.origin()}/auth/login`);
    await expect(page.title()).resolves.toContain('Sign in to Demo Company');
    await page.getByLabel('Work email').fill(DEMO.user.email);
    await page.getByRole('button', { name: 'Next' }).click();

    await page.waitForURL((url) => url.origin === e2e.stack.idp.issuer);
    await expect(page.locator('input[type="email"], input[name="email"], input[name="login"]').first().inputValue()).resolves.toBe(
      DEMO.user.email,
    );
    await page.locator('input[type="password"]').fill(DEMO.user.password);
    await page.getByRole('button', { name: /sign in/i }).click();

    await page.waitForURL(`${e2e.stack.origin()}/dashboard`);
    await expect(page.locator('#signed-in-email').textContent()).resolves.toBe(DEMO.user.email);
    const cookies = await e2e.context.cookies(e2e.stack.origin());
    const session = cookies.find((c) => c.name === '__Host-impero_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${e2e.stack.origin()}/auth/login`);
    const after = await e2e.context.cookies(e2e.stack.origin());
    expect(after.find((c) => c.name === '__Host-impero_session')).toBeUndefined();
    expect(cspViolations.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
    await screenshot(page, 'e2e-logout');
  });

  it('shows a clear message for a malformed email without leaving the page', async () => {
    const page = e2e.page;
    await page.goto(`${e2e.stack.origin()}/auth/login`);
    await page.getByLabel('Work email').evaluate((el) => el.removeAttribute('type'));
    await page.getByLabel('Work email').fill('not an email');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('does not look like an email');
    expect(new URL(page.url()).pathname).toBe('/auth/login');
  });

  it('starts on the bare host and is sent by email domain to the tenant’s Okta', async () => {
    const page = e2e.page;
    await page.goto(`http://localhost:${e2e.stack.port}/auth/login`);
    await expect(page.title()).resolves.toContain('Sign in to Impero');
    await page.getByLabel('Work email').fill(DEMO.user.email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL((url) => url.origin === e2e.stack.idp.issuer);
    await page.locator('input[type="password"]').fill(DEMO.user.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${e2e.stack.origin()}/dashboard`);
    await expect(page.locator('#signed-in-email').textContent()).resolves.toBe(DEMO.user.email);
  });
});
