/**
 * Accept-Language over real HTTP: every kind of HTML answer (login page, form errors, error
 * pages, the dev Okta's pages) comes in the browser's language and says so; JSON stays English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let app: string;
beforeAll(async () => {
  stack = await startTestStack();
  app = stack.origin();
});
afterAll(() => stack?.close());

const DA = { 'accept-language': 'da-DK,da;q=0.9,en-US;q=0.8,en;q=0.7' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

function expectLanguage(res: Response, lang: 'en' | 'da') {
  expect(res.headers['content-language']).toBe(lang);
  expect(String(res.headers.vary)).toMatch(/accept-language/i);
  expect(res.body).toContain(`<html lang="${lang}">`);
}

describe('the login page', () => {
  it('is Danish for a Danish browser and English otherwise', async () => {
    const da = await new TestBrowser().get(`${app}/auth/login`, DA);
    expect(da.status).toBe(200);
    expectLanguage(da, 'da');
    expect(da.body).toContain(`<h1>Log ind på ${DEMO.name}</h1>`);
    expect(da.body).toContain('>Næste</button>');

    for (const headers of [EN, {}, { 'accept-language': 'fr-FR,fr;q=0.9' }]) {
      const en = await new TestBrowser().get(`${app}/auth/login`, headers);
      expectLanguage(en, 'en');
      expect(en.body).toContain(`<h1>Sign in to ${DEMO.name}</h1>`);
    }
  });

  it('re-shows the form with the problem in Danish, tied to the field', async () => {
    const res = await new TestBrowser().postForm(`${app}/auth/login`, { email: 'ada' }, DA);
    expect(res.status).toBe(400);
    expectLanguage(res, 'da');
    expect(res.body).toMatch(/<p class="error" role="alert" id="email-error">Det ligner ikke en e-mailadresse/);
    expect(res.body).toMatch(/<input [^>]*value="ada" aria-describedby="email-error" aria-invalid="true">/);
  });

  it('on the bare host, says in Danish that no company uses single sign-on for the email', async () => {
    const res = await new TestBrowser().postForm(`http://localhost:${stack.port}/auth/login`, { email: 'someone@unclaimed.example' }, DA);
    expect(res.status).toBe(404);
    expectLanguage(res, 'da');
    expect(res.body).toContain('Vi kunne ikke finde single sign-on for den e-mailadresse.');
  });
});

describe('error pages', () => {
  it.each([
    ['an unknown path', `/auth/nothing-here`, 404, 'Siden findes ikke', 'Der er intet på denne adresse.'],
    ['a callback without a login', `/auth/callback?code=x&state=${'A'.repeat(43)}`, 400, 'Log ind igen', 'Start forfra på login-siden.'],
  ])('%s: Danish heading, message, link and reference', async (_name, path, status, title, message) => {
    const res = await new TestBrowser().get(`${app}${path}`, DA);
    expect(res.status).toBe(status);
    expectLanguage(res, 'da');
    expect(res.body).toContain(`<h1>${title}</h1>`);
    expect(res.body).toContain(message);
    expect(res.body).toContain('>Tilbage til login</a>');
    expect(res.body).toContain(`oplys denne reference: <code>${String(res.headers['x-correlation-id'])}</code>`);
  });

  it('an unknown tenant host answers 404 in the browser’s language', async () => {
    const res = await new TestBrowser().get(`http://nobody.localhost:${stack.port}/auth/login`, DA);
    expect(res.status).toBe(404);
    expectLanguage(res, 'da');
    expect(res.body).toContain('Der er ikke noget Impero-login på denne adresse.');
  });

  it('JSON answers stay English for a Danish browser', async () => {
    const res = await new TestBrowser().postJson(`${app}/auth/discover`, { email: 'ada' }, DA);
    expect(res.status).toBe(400);
    expect(res.headers['content-language']).toBeUndefined();
    expect(JSON.parse(res.body)).toMatchObject({
      error: 'bad_request',
      message: 'That does not look like an email address. Check it and try again.',
    });
  });
});

describe('the stand-in dashboard', () => {
  it('says in Danish that the session has ended, with a link to sign in', async () => {
    const res = await new TestBrowser().get(`${app}/dashboard`, { ...DA, cookie: `__Host-impero_session=${'x'.repeat(40)}` });
    expect(res.status).toBe(200);
    expectLanguage(res, 'da');
    expect(res.body).toContain('<p id="signed-out" role="status">Din session er slut. Log ind igen for at fortsætte.</p>');
    expect(res.body).toContain('>Log ind</a>');
  });

  it('signed in, it is Danish, with a Danish date and the sign-out form carrying its CSRF field', async () => {
    const browser = new TestBrowser();
    const authorize = await browser.get((await browser.postForm(`${app}/auth/login`, { email: DEMO.user.email })).location!);
    const { callbackUrl } = await signInAtOkta(browser, authorize.location!, DEMO.user);
    expect((await browser.get(callbackUrl)).status).toBe(303);
    const res = await browser.get(`${app}/dashboard`, DA);
    expectLanguage(res, 'da');
    expect(res.body).toContain('<h1>Oversigt</h1>');
    expect(res.body).toMatch(/sessionen udløber \d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2} UTC/u);
    expect(res.body).toMatch(
      /<form method="post" action="\/auth\/logout"><input type="hidden" name="csrf" value="[^"]+"><button type="submit">Log ud<\/button><\/form>/,
    );
  });
});

describe('the development Okta’s own pages', () => {
  it('the Universal Logout page and its answer follow Accept-Language', async () => {
    const page = await new TestBrowser().get(`${stack.idp.issuer}/dev/universal-logout`, DA);
    expect(page.status).toBe(200);
    expectLanguage(page, 'da');
    expect(page.body).toContain('<label for="email">Brugerens e-mail</label>');
    const refused = await new TestBrowser().postForm(
      `${stack.idp.issuer}/dev/universal-logout`,
      { client_id: 'nobody', email: 'nobody@example.com' },
      DA,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<p role="status" id="result">Vælg en app med et Universal Logout-endpoint');
  });

  it('an expired sign-in, an unknown client, signing out and signed out follow Accept-Language', async () => {
    const expired = await new TestBrowser().get(`${stack.idp.issuer}/interaction/nothing`, DA);
    expect(expired.status).toBe(400);
    expectLanguage(expired, 'da');
    expect(expired.body).toContain('<h1>Login er udløbet</h1>');

    const unknownClient = await new TestBrowser().get(
      `${stack.idp.issuer}/oauth2/v1/authorize?client_id=0oanobody&response_type=code&scope=openid`,
      DA,
    );
    expect(unknownClient.status).toBe(400);
    expectLanguage(unknownClient, 'da');
    expect(unknownClient.body).toContain('<h1>Login-fejl</h1>');

    // With an Okta session, sign-out shows the IdP's own page (without one, oidc-provider posts a bare form of its own).
    const browser = new TestBrowser();
    const authorize = await browser.get((await browser.postForm(`${app}/auth/login`, { email: DEMO.user.email })).location!);
    await signInAtOkta(browser, authorize.location!, DEMO.user);
    const logout = await browser.get(`${stack.idp.issuer}/oauth2/v1/logout`, DA);
    expectLanguage(logout, 'da');
    expect(logout.body).toContain('<h1>Logger ud…</h1>');
    expect(logout.body).toContain('<noscript><button type="submit" form="op.logoutForm">Log ud</button></noscript>');
    const form = Object.fromEntries(
      [...logout.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const action = /<form[^>]*action="([^"]+)"/.exec(logout.body)![1]!;
    const confirmed = await browser.postForm(new URL(action, stack.idp.issuer).toString(), form, DA);
    const signedOut = await browser.get(new URL(confirmed.location!, stack.idp.issuer).toString(), DA);
    expect(signedOut.status).toBe(200);
    expectLanguage(signedOut, 'da');
    expect(signedOut.body).toContain('<h1>Logget ud</h1>');
  });
});
