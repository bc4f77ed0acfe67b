/**
 * Sessions ending, seen by a person in a real Chromium: Sign out at a tenant that signs out at
 * Okta ends the Okta session too (the next sign-in asks for the password again), while at a
 * tenant that signs out of Impero only the Okta session survives (the control that shows the
 * first check can fail); and a Universal Logout from Okta turns the dashboard to "signed out".
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../fixtures/browser-suite.js';
import { screenshot } from '../fixtures/screenshot.js';

const e2e = useBrowserSuite();

type User = { id: string; email: string; password: string; name: string };

async function tenant(subdomain: string, signOut: 'impero' | 'okta'): Promise<User> {
  const clientId = `0oa${subdomain.padEnd(17, '0')}`;
  const user = { id: `00u${subdomain}`, email: `grace@${subdomain}.example`, password: `pw-${subdomain}`, name: 'Grace Hopper' };
  const origin = e2e.stack.origin(subdomain);
  e2e.stack.idp.addUser(user);
  e2e.stack.idp.addClient({
    clientId,
    redirectUris: [`${origin}/auth/callback`],
    postLogoutRedirectUris: [`${origin}/auth/login`],
    universalLogoutUri: `${origin}/auth/universal-logout`,
  });
  await e2e.stack.directory.createTenant(
    { subdomain, name: subdomain, issuer: e2e.stack.idp.issuer, clientId, domains: [], signOut },
    new Date(),
  );
  await e2e.stack.directory.addAccount({ tenant: subdomain, email: user.email }, new Date());
  return user;
}

/** From the login page to wherever the browser lands after Next: the Okta form, or the dashboard if Okta still knows the user. */
async function next(page: Page, subdomain: string, user: User): Promise<'password' | 'dashboard'> {
  await page.goto(`${e2e.stack.origin(subdomain)}/auth/login`);
  await page.getByLabel('Work email').fill(user.email);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL((url) => url.origin === e2e.stack.idp.issuer || url.pathname === '/dashboard');
  return new URL(page.url()).pathname === '/dashboard' ? 'dashboard' : 'password';
}

async function signIn(page: Page, subdomain: string, user: User): Promise<void> {
  expect(await next(page, subdomain, user)).toBe('password');
  await page.locator('input[type="password"]').fill(user.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(`${e2e.stack.origin(subdomain)}/dashboard`);
  await expect(page.locator('#signed-in-email').textContent()).resolves.toBe(user.email);
}

async function signOut(page: Page, subdomain: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${e2e.stack.origin(subdomain)}/auth/login`);
}

describe('sessions ending, in a browser', () => {
  it('--sign-out okta: Sign out ends the Okta session too, so the next sign-in asks for the password', async () => {
    const user = await tenant('e2eokta', 'okta');
    const page = e2e.page;
    await signIn(page, 'e2eokta', user);
    await signOut(page, 'e2eokta');
    expect(await next(page, 'e2eokta', user)).toBe('password');
    await expect(page.locator('input[type="password"]').isVisible()).resolves.toBe(true);
  });

  it('--sign-out impero (control): the Okta session survives, so the next sign-in goes straight through', async () => {
    const user = await tenant('e2eimpero', 'impero');
    const page = e2e.page;
    await signIn(page, 'e2eimpero', user);
    await signOut(page, 'e2eimpero');
    expect(await next(page, 'e2eimpero', user)).toBe('dashboard');
  });

  it('Universal Logout from Okta: the dashboard shows "signed out" on the next load', async () => {
    const user = await tenant('e2eul', 'impero');
    const page = e2e.page;
    await signIn(page, 'e2eul', user);
    expect(await e2e.stack.idp.universalLogout(`0oa${'e2eul'.padEnd(17, '0')}`, { format: 'email', email: user.email })).toBe(204);
    await page.reload();
    await expect(page.locator('#signed-out').textContent()).resolves.toContain('Your session has ended');
    await screenshot(page, 'e2e-signed-out');
  });
});
