/**
 * The whole SP-initiated login over real HTTP: local handlers, embedded DynamoDB and the
 * Okta-shaped oidc-provider on loopback.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let app: string;
beforeAll(async () => {
  stack = await startTestStack({ SESSION_TTL_SECONDS: '3600' });
  app = stack.origin();
});
afterAll(() => stack?.close());

async function loginThroughOkta(browser: TestBrowser, returnTo?: string) {
  const submitted = await browser.postForm(`${app}/auth/login`, { email: DEMO.user.email, ...(returnTo ? { return_to: returnTo } : {}) });
  const authorize = await browser.get(submitted.location!);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, DEMO.user);
  return { submitted, authorize, callbackUrl, callback: await browser.get(callbackUrl) };
}

describe('GET /auth/login', () => {
  it('serves the email form with the security headers', async () => {
    const res = await new TestBrowser().get(`${app}/auth/login`);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<form method="post"/);
    expect(res.body).toMatch(/<input type="email"[^>]*name="email"/);
    expect(res.body).toContain(DEMO.name);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*form-action 'self'.*frame-ancestors 'none'/);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('answers an unknown tenant host with 404 and no redirect', async () => {
    const res = await new TestBrowser().get(stack.origin('nobody') + '/auth/login');
    expect(res.status).toBe(404);
    expect(res.location).toBeUndefined();
    expect(res.body).toContain('no Impero sign-in at this address');
  });
});

describe('the login, end to end over HTTP', () => {
  it('goes from email to Okta to a verified session cookie and the dashboard', async () => {
    const browser = new TestBrowser();
    const { submitted, authorize, callback } = await loginThroughOkta(browser);

    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe(`${app}/auth/authorize?login_hint=${encodeURIComponent(DEMO.user.email)}`);

    expect(authorize.status).toBe(302);
    const okta = new URL(authorize.location!);
    expect(okta.origin + okta.pathname).toBe(`${stack.idp.issuer}/oauth2/v1/authorize`);
    const q = Object.fromEntries(okta.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: DEMO.clientId,
      redirect_uri: `${app}/auth/callback`,
      code_challenge_method: 'S256',
      login_hint: DEMO.user.email,
    });
    expect(q.scope!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    for (const k of ['state', 'nonce', 'code_challenge'] as const) expect(q[k]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.setCookies.find((c) => c.startsWith('__Host-impero_login='))).toMatch(/Path=\/; Secure; HttpOnly; SameSite=Lax/);

    expect(callback.status).toBe(303);
    expect(callback.location).toBe(`${app}/dashboard`);
    const line = callback.setCookies.find((c) => c.startsWith('__Host-impero_session='))!;
    expect(line).toMatch(/; Max-Age=3600; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    expect(line).not.toMatch(/domain=/i);

    const token = browser.cookie(new URL(app).host, '__Host-impero_session')!;
    const jwksUrl = `http://127.0.0.1:${stack.port}/auth/.well-known/jwks.json`;
    const jwks = (await browser.get(`${app}/auth/.well-known/jwks.json`)).body;
    expect(JSON.parse(jwks).keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwksUrl)), {
      algorithms: ['ES256'],
      issuer: `${app}/auth`,
      audience: app,
    });
    expect(payload).toMatchObject({ email: DEMO.user.email, tenant: DEMO.subdomain });
    expect(payload.sub).toMatch(/^acc_/);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3600);
    expect(typeof payload.jti).toBe('string');
    expect(JSON.parse(jwks).keys.map((k: { kid: string }) => k.kid)).toContain(decodeProtectedHeader(token).kid);

    const dash = await browser.get(`${app}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.body).toContain(DEMO.user.email);
  });

  it('never logs the code, state, verifier, tokens or cookies of a login', async () => {
    const browser = new TestBrowser();
    const { authorize, callbackUrl, callback } = await loginThroughOkta(browser);
    const callbackQuery = new URL(callbackUrl).searchParams;
    const secrets = [
      callbackQuery.get('code')!,
      callbackQuery.get('state')!,
      new URL(authorize.location!).searchParams.get('nonce')!,
      new URL(authorize.location!).searchParams.get('code_challenge')!,
      authorize.setCookies[0]!.split(';')[0]!.split('=')[1]!,
      callback.setCookies
        .find((c) => c.startsWith('__Host-impero_session='))!
        .split(';')[0]!
        .split('=')[1]!,
      DEMO.user.password,
    ];
    expect(stack.logs.some((l) => l.includes('signed in'))).toBe(true);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(10);
      expect(stack.logs.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('links the account to the Okta subject, and signs in again by that link', async () => {
    const account = await stack.directory.getAccountByEmail(DEMO.subdomain, DEMO.user.email);
    expect(account?.subject).toEqual({ iss: stack.idp.issuer, sub: DEMO.user.id });
    const { callback } = await loginThroughOkta(new TestBrowser());
    expect(callback.status).toBe(303);
  });

  it('returns to a same-host return_to, and ignores an off-site one', async () => {
    expect((await loginThroughOkta(new TestBrowser(), '/reports?id=7')).callback.location).toBe(`${app}/reports?id=7`);
    expect((await loginThroughOkta(new TestBrowser(), 'https://evil.example/')).callback.location).toBe(`${app}/dashboard`);
    expect((await loginThroughOkta(new TestBrowser(), '//evil.example/')).callback.location).toBe(`${app}/dashboard`);
  });

  it('logs out: the session cookie is cleared and the dashboard sends the user to the login page', async () => {
    const browser = new TestBrowser();
    await loginThroughOkta(browser);
    const csrf = /name="csrf" value="([^"]+)"/.exec((await browser.get(`${app}/dashboard`)).body)![1]!;
    const out = await browser.postForm(`${app}/auth/logout`, { csrf }, { 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    expect(out.location).toBe(`${app}/auth/login`);
    expect(out.setCookies.some((c) => /^__Host-impero_session=; Max-Age=0/.test(c))).toBe(true);
    const dash = await browser.get(`${app}/dashboard`);
    expect(dash.status).toBe(303);
    expect(dash.location).toContain('/auth/login');
  });
});

describe('discovery', () => {
  it('on the bare host, sends a claimed email domain to its tenant', async () => {
    const bare = `http://localhost:${stack.port}`;
    const res = await new TestBrowser().postForm(`${bare}/auth/login`, { email: ' Ada.Lovelace@EXAMPLE.com ' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${app}/auth/authorize?login_hint=ada.lovelace%40example.com`);
  });

  it('on the bare host, an unclaimed domain gets a page that reveals nothing about accounts', async () => {
    const bare = `http://localhost:${stack.port}`;
    const res = await new TestBrowser().postForm(`${bare}/auth/login`, { email: 'someone@unclaimed.example' });
    expect(res.status).toBe(404);
    expect(res.location).toBeUndefined();
    expect(res.body).toContain('could not find single sign-on');
    expect(res.body).toContain('value="someone@unclaimed.example"');
  });

  it('POST /auth/discover answers JSON with the absolute authorize URL, or a JSON error', async () => {
    const b = new TestBrowser();
    const ok = await b.postJson(`${app}/auth/discover`, { email: DEMO.user.email });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ redirect: `${app}/auth/authorize?login_hint=${encodeURIComponent(DEMO.user.email)}` });
    const bad = await b.postJson(`${app}/auth/discover`, { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'bad_request', message: expect.stringContaining('email') });
  });
});

describe('Okta-initiated login (initiate login URI with ?iss=)', () => {
  it('starts a login when iss is the tenant’s org', async () => {
    const res = await new TestBrowser().get(`${app}/auth/authorize?iss=${encodeURIComponent(stack.idp.issuer)}`);
    expect(res.status).toBe(302);
    expect(res.location).toContain(`${stack.idp.issuer}/oauth2/v1/authorize?`);
  });
  it('refuses another issuer', async () => {
    const res = await new TestBrowser().get(`${app}/auth/authorize?iss=${encodeURIComponent('https://evil.okta.com')}`);
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
  });
});
