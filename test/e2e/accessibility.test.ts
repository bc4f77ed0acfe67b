/**
 * Every page a person can see, in English and in Danish, checked by axe-core (WCAG 2.1 A and
 * AA) in Chromium with the pages' own CSP in force: one instance of each page template, and for
 * the error page, proof that every other error is the same template with other words. The
 * browser's locale picks the language, through Accept-Language, as for a real user.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../lambdas/core/language.js';
import { catalogues } from '../../lambdas/core/messages/catalogue.js';
import { DEMO } from '../../lambdas/dev/seed.js';
import { checkWithAxe, WCAG_21_AA } from '../fixtures/axe.js';
import { hasChromium, launchChromium } from '../fixtures/chromium.js';
import { ERROR_CODES, startErrorPages } from '../fixtures/error-pages.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { inviteTenant } from '../fixtures/invite.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

const LOCALE: Record<Lang, string> = { en: 'en-US', da: 'da-DK' };

let stack: TestStack;
let errorPages: Awaited<ReturnType<typeof startErrorPages>>;
let browser: Browser;
/**
 * One tab per language for the whole file, as a reader moves through the pages: a tab opened
 * and closed per test cost Chromium about half a second of CPU, and a same-site navigation keeps
 * the tab's renderer, where axe-core compiles again in a third of the time.
 */
const tabs = {} as Record<Lang, Page>;
const checked: { lang: Lang; page: string; passed: number; incomplete: string[] }[] = [];

beforeAll(async () => {
  if (!hasChromium) throw new Error('Chromium is missing: apt-get install -y chromium (the CI script does this)');
  [stack, errorPages, browser] = await Promise.all([startTestStack(), startErrorPages(), launchChromium()]);
  for (const lang of LANGS) tabs[lang] = await (await browser.newContext({ locale: LOCALE[lang] })).newPage();
});
afterAll(async () => {
  await Promise.all(LANGS.map((lang) => tabs[lang]?.context().close()));
  await browser?.close();
  await errorPages?.close();
  await stack?.close();
  const rules = checked.reduce((n, c) => n + c.passed, 0);
  const incomplete = [...new Set(checked.flatMap((c) => c.incomplete))];
  console.log(
    `axe-core (${WCAG_21_AA.join(', ')}): ${checked.length} pages, 0 violations, ${rules} rule passes; needing review: ${incomplete.join(', ') || 'none'}`,
  );
});

describe('the axe-core check', () => {
  it('finds the violations of a page built to fail', async () => {
    const page = tabs.en;
    await page.setContent('<title>t</title><img src="x.png"><p style="color:#aaa;background:#fff">faint</p><input type="text">');
    const { violations } = await checkWithAxe(page);
    expect(violations.map((v) => v.id).sort()).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'image-alt', 'label']));
  });
});

/** A page's markup with every non-blank text replaced by `T`: the same shape means the same template. */
const shape = (html: string) => html.replace(/>([^<]*)</g, (all, text: string) => (text.trim() ? '>T<' : all));

/** Tabs through the page: what gets focus, and the outline it shows. */
async function tabThrough(page: Page, stops: number): Promise<{ element: string; outline: string }[]> {
  const seen = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { element: `${el.tagName.toLowerCase()}#${el.id}`, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      }),
    );
  }
  return seen;
}

/** The text of the elements a field's `aria-describedby` names. */
const description = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );

describe('keyboard and screen-reader basics', () => {
  it('the login form: every stop shows a 3 px outline, and the error is the email field’s description', async () => {
    const page = tabs.da;
    await page.goto(`${stack.origin()}/auth/login`);
    await page.locator('form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await page.locator('#email').fill('ada');
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('#email-error');
    expect(await description(page, '#email')).toBe('Det ligner ikke en e-mailadresse. Tjek den, og prøv igen.');
    await expect(page.locator('#email').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('h1').click(); // tabbing starts from the heading, as for a reader who clicked there
    expect(await tabThrough(page, 2)).toEqual([
      { element: 'input#email', outline: 'solid 3px' },
      { element: 'button#', outline: 'solid 3px' },
    ]);
  });

  it('the dev Okta’s form: the same, with its error describing both fields', async () => {
    const page = tabs.en; // no dev Okta session yet: the sign-in form is shown
    await page.goto(`${stack.origin()}/auth/login`);
    await page.locator('#email').fill(DEMO.user.email);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === stack.idp.issuer);
    await page.locator('#password').fill('wrong');
    await page.locator('#sign-in').click();
    await page.waitForSelector('#error');
    for (const field of ['#email', '#password'])
      expect(await description(page, field)).toBe('Unable to sign in: the email or password is incorrect.');
    await page.locator('h1').click();
    expect(await tabThrough(page, 3)).toEqual([
      { element: 'input#email', outline: 'solid 3px' },
      { element: 'input#password', outline: 'solid 3px' },
      { element: 'button#sign-in', outline: 'solid 3px' },
    ]);
  });
});

describe.each(LANGS)('every page in "%s" passes axe-core with no WCAG 2.1 A/AA violation', (lang) => {
  let page: Page;
  beforeAll(() => {
    page = tabs[lang];
  });

  async function check(page: Page, name: string): Promise<void> {
    await expect(page.locator('html').getAttribute('lang'), name).resolves.toBe(lang);
    const report = await checkWithAxe(page);
    checked.push({ lang, page: name, passed: report.passed, incomplete: report.incomplete });
    expect({ page: name, violations: report.violations }).toEqual({ page: name, violations: [] });
  }

  /** Signs the demo user in (at the dev Okta, unless its session is still alive) and lands on the dashboard. */
  async function signIn(page: Page): Promise<void> {
    await page.goto(`${stack.origin()}/auth/login`);
    await page.locator('#email').fill(DEMO.user.email);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/dashboard' || url.origin === stack.idp.issuer);
    if (new URL(page.url()).origin === stack.idp.issuer) {
      await page.locator('#password').fill(DEMO.user.password);
      await page.locator('#sign-in').click();
      await page.waitForURL(`${stack.origin()}/dashboard`);
    }
  }

  async function submitEmail(page: Page, email: string): Promise<void> {
    // Past the browser's own email check, to see the server's answer.
    await page.locator('form').evaluate((form: HTMLFormElement) => (form.noValidate = true));
    await page.locator('#email').fill(email);
    await page.locator('button[type="submit"]').click();
    await page.waitForLoadState();
  }

  // In this order, one after another in the tab: each test starts, where it can, on the site
  // where the one before ended (a move to another site starts a new renderer), and the dev
  // Okta's sign-in form is seen before any test signs in.
  it('the error page (an expired sign-in); every other code’s page, and the stack’s unknown path and unknown tenant host, are that page with other words', async () => {
    const expired = `${stack.origin()}/auth/callback?code=x&state=${'A'.repeat(43)}`;
    await page.goto(expired);
    await check(page, 'error: login_expired (stack)');
    // axe-core checks the template once; the catalogue test checks every code's words. Here:
    // every other error page has the same markup and CSP, each text slot filled.
    const template = async (url: string) => {
      const res = await new TestBrowser().get(url, { 'accept-language': LOCALE[lang] });
      return { failed: res.status >= 400, csp: res.headers['content-security-policy'], shape: shape(res.body) };
    };
    const checked = await template(expired);
    expect(await template(`${stack.origin()}/auth/nothing-here`), 'not_found (stack)').toEqual(checked);
    expect(await template(`http://nobody.localhost:${stack.port}/auth/login`), 'unknown_tenant (stack)').toEqual(checked);
    for (const code of ERROR_CODES) expect(await template(`${errorPages.origin}/${code}`), code).toEqual(checked);
  });

  it('the login page on a tenant host and on the bare host, with and without an error', async () => {
    await page.goto(`${stack.origin()}/auth/login`);
    await check(page, 'login (tenant host)');
    await submitEmail(page, 'not an email');
    await check(page, 'login (tenant host) with an error');

    await page.goto(`http://localhost:${stack.port}/auth/login`);
    await check(page, 'login (bare host)');
    await submitEmail(page, 'someone@unclaimed.example');
    await check(page, 'login (bare host) with an error');
  });

  it('the development Okta’s error pages: an unknown client, an expired sign-in', async () => {
    await page.goto(`${stack.idp.issuer}/oauth2/v1/authorize?client_id=0oanobody&response_type=code&scope=openid`);
    await check(page, 'dev Okta: error');
    await page.goto(`${stack.idp.issuer}/interaction/nothing`);
    await check(page, 'dev Okta: sign-in expired');
  });

  it('the development Okta’s Provisioning page, and its requests and answers', async () => {
    await page.goto(`${stack.idp.issuer}/dev/provisioning`);
    await check(page, 'dev Okta: Provisioning');
    await page.locator('#user_id').selectOption(DEMO.provisionedUser.id);
    await page.locator('#push').click(); // Grace may not be in Impero yet: a short answer
    await page.waitForSelector('#result');
    await check(page, 'dev Okta: Provisioning answered');
    await page.locator('#create').click();
    await page.waitForSelector('#exchanges');
    await page.locator('#exchanges details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
    await check(page, 'dev Okta: Provisioning requests shown');
  });

  it('the development Okta’s sign-in form (with and without an error) and the dashboard', async () => {
    await page.goto(`${stack.origin()}/auth/login`);
    await page.locator('#email').fill(DEMO.user.email);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === stack.idp.issuer);
    await check(page, 'dev Okta: sign-in');
    await page.locator('#password').fill('not-the-password');
    await page.locator('#sign-in').click();
    await page.waitForSelector('#error');
    await check(page, 'dev Okta: sign-in with an error');
    await page.locator('#password').fill(DEMO.user.password);
    await page.locator('#sign-in').click();
    await page.waitForURL(`${stack.origin()}/dashboard`);
    await check(page, 'dashboard');
  });

  it('the development Okta’s Universal Logout page, with its answer, and the dashboard signed out by it', async () => {
    await signIn(page);
    await page.goto(`${stack.idp.issuer}/dev/universal-logout`);
    await check(page, 'dev Okta: Universal Logout');
    await page.locator('#client_id').selectOption(DEMO.clientId);
    await page.locator('#email').fill(DEMO.user.email);
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('#result');
    await expect(page.locator('#result').textContent()).resolves.toContain('HTTP 204');
    await check(page, 'dev Okta: Universal Logout sent');
    await page.goto(`${stack.origin()}/dashboard`);
    await page.waitForSelector('#signed-out');
    await check(page, 'dashboard: signed out');
  });

  it('signing out and signed out at the development Okta', async () => {
    await signIn(page);
    // The sign-out page submits itself at once. To look at it, its script is kept from running
    // by serving the real page with `script-src 'none'`; then the test submits its form.
    await page.route('**/oauth2/v1/logout', async (route) => {
      const response = await route.fetch();
      const csp = response.headers()['content-security-policy']!.replace(/script-src [^;]+/, "script-src 'none'");
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await page.goto(`${stack.idp.issuer}/oauth2/v1/logout`);
    await check(page, 'dev Okta: signing out');
    await page.locator('form#op\\.logoutForm').evaluate((form: HTMLFormElement) => form.submit());
    await page.waitForURL((url) => url.pathname.endsWith('/logout/success'));
    await expect(page.locator('h1').textContent()).resolves.toBe(lang === 'da' ? 'Logget ud' : 'Signed out');
    await check(page, 'dev Okta: signed out');
    await page.unroute('**/oauth2/v1/logout');
  });

  it('the setup pages: the form, a form error, a failed test (✗ with hints), the done page (✓); and a pending tenant’s login page', async () => {
    const [sub, client] = [`setup${lang}`, `0oasetup${lang}000000000000`.slice(0, 20)];
    stack.idp.addClient({ clientId: client, redirectUris: [`${stack.origin(sub)}/auth/callback`] });
    await page.goto(await inviteTenant(stack, sub, `Setup ${lang}`));
    await check(page, 'setup');
    await page.locator('#okta_org').fill(stack.idp.issuer);
    await page.locator('#client_id').fill('no spaces allowed');
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('#setup-error');
    expect(await description(page, '#client_id')).toBe(
      lang === 'da' ? catalogues.da.setup.clientIdInvalid : catalogues.en.setup.clientIdInvalid,
    );
    await check(page, 'setup with a form error');
    await page.locator('#client_id').fill('0oawrong000000000000');
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('li.fail');
    await check(page, 'setup: failed test');
    await page.locator('#client_id').fill(client);
    await page.locator('button[type="submit"]').click();
    await page.waitForSelector('p[role="status"]');
    await expect(page.locator('li.pass').count()).resolves.toBe(7);
    await check(page, 'setup: done');

    await inviteTenant(stack, `pending${lang}`, `Pending ${lang}`);
    await page.goto(`${stack.origin(`pending${lang}`)}/auth/login`);
    await check(page, 'login (pending tenant): not set up yet');
  });
});
