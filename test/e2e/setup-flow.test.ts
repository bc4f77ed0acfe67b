/**
 * A customer's Okta admin takes an invited tenant to working sign-in in a real Chromium,
 * without support typing a value: open the setup link, read what to create in Okta, enter a
 * wrong Client ID (✗, nothing switched on), then the right one (✓, live); then a user of that
 * tenant signs in through the development Okta and reaches the dashboard.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../lambdas/support/program.js';
import { localKeys } from '../../lambdas/support/target-keys.js';
import { Capture, ROOT } from '../fixtures/cli.js';
import { useBrowserSuite } from '../fixtures/browser-suite.js';
import { inviteTenant } from '../fixtures/invite.js';
import { screenshot } from '../fixtures/screenshot.js';

const CLIENT = '0oaacme0000000000042';
const USER = { id: '00uacme0000000000001', email: 'grace@acme.example', password: 'compile-the-future', name: 'Grace Hopper' };
const e2e = useBrowserSuite((stack) => {
  // The customer's side: their Okta org has the app and the user, assigned.
  stack.idp.addClient({ clientId: CLIENT, redirectUris: [`${stack.origin('acme')}/auth/callback`] });
  stack.idp.addUser(USER);
});

describe('self-serve setup in a browser', () => {
  it('goes from invite to a user signed in, with a visible failure on the way', async () => {
    const stdout = new Capture();
    const invited = await runCli(['tenant', 'invite', '--subdomain', 'acme', '--name', 'Acme Inc', '--domain', 'acme.example', '--json'], {
      stdout,
      stderr: new Capture(),
      env: {},
      cwd: ROOT,
      openTarget: async () => ({
        directory: e2e.stack.directory,
        sessions: e2e.stack.sessions,
        events: e2e.stack.events,
        ...localKeys(ROOT, process.env),
        description: 'test stack',
        tenantOrigin: (s) => e2e.stack.origin(s),
        close: () => undefined,
      }),
    });
    expect(invited).toBe(0);
    const { setupUrl } = JSON.parse(stdout.text) as { setupUrl: string };
    await e2e.stack.directory.addAccount({ tenant: 'acme', email: USER.email, name: USER.name }, new Date());

    const page = e2e.page;
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(setupUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Set up Okta sign-in for Acme Inc');
    await expect(page.locator('dl.sheet').textContent()).resolves.toContain(`${e2e.stack.origin('acme')}/auth/callback`);

    await page.getByLabel('Okta org URL').fill(e2e.stack.idp.issuer);
    await page.getByLabel('Client ID').fill('0oawrongclient000000');
    await page.getByRole('button', { name: 'Test and switch on' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Test result: 1 check failed/ }).isVisible()).resolves.toBe(true);
    await expect(page.locator('li.fail').textContent()).resolves.toMatch(
      /✗ Client ID accepted by Okta.*does not accept the Client ID 0oa\w+ without a client secret.*How to fix: Copy the Client ID/s,
    );
    expect(await e2e.stack.directory.getTenant('acme')).toMatchObject({ status: 'pending', issuer: '' });
    await screenshot(page, 'e2e-setup-failed', { fullPage: true });

    await page.getByLabel('Client ID').fill(CLIENT);
    await page.getByRole('button', { name: 'Test and switch on' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Okta sign-in for Acme Inc is on');
    await expect(page.locator('li.pass').count()).resolves.toBe(7);
    expect(await e2e.stack.directory.getTenant('acme')).toMatchObject({ status: 'active', issuer: e2e.stack.idp.issuer, clientId: CLIENT });

    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await expect(page.title()).resolves.toContain('Sign in to Acme Inc');
    await page.getByLabel('Work email').fill(USER.email);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL((url) => url.origin === e2e.stack.idp.issuer);
    await page.locator('input[type="password"]').fill(USER.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${e2e.stack.origin('acme')}/dashboard`);
    await expect(page.locator('#signed-in-email').textContent()).resolves.toBe(USER.email);

    expect(consoleErrors.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
    const events = await e2e.stack.events.list('acme', { since: new Date(0) });
    expect(events.map((e) => [e.type, e.errorCode ?? null])).toEqual([
      ['sign_in', null],
      ['tenant_setup', null],
      ['tenant_setup', 'self_test_failed'],
    ]);
  });

  it('on a 1280 px screen every config-sheet value sits on one line, and one click selects all of it', async () => {
    // 39 characters; the test host's origin (http, .localhost, a port) is 4 longer than https://<s>.impero.com.
    const subdomain = 'nordisk-ejendomsadministration-holding1';
    const page = e2e.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(await inviteTenant(e2e.stack, subdomain, 'Nordisk Ejendomsadministration Holding A/S'));

    const values = await page.locator('dl.sheet code').evaluateAll((els) =>
      els.map((el) => {
        const text = document.createRange();
        text.selectNodeContents(el);
        return { value: el.textContent, lines: text.getClientRects().length, userSelect: getComputedStyle(el).userSelect };
      }),
    );
    const longest = `${e2e.stack.origin(subdomain)}/auth/universal-logout`;
    expect(values.map((v) => v.value)).toContain(longest);
    expect(values).toEqual(values.map((v) => ({ value: v.value, lines: 1, userSelect: 'all' })));

    await page.locator('dl.sheet code', { hasText: longest }).click();
    await expect(page.evaluate(() => window.getSelection()?.toString())).resolves.toBe(longest);
  });
});
