/**
 * Server-side sessions over real HTTP (local handlers, embedded DynamoDB, dev Okta): what
 * `GET /auth/session` answers, and that every way a session ends makes it answer 401 at once
 * (the promise that GET /auth/session answers 401 within 5 seconds), measured from the end of the ending action.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { inProcessCli } from '../fixtures/cli.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let cli: ReturnType<typeof inProcessCli>;
beforeAll(async () => {
  stack = await startTestStack({ SESSION_TTL_SECONDS: '3600' });
  cli = inProcessCli(stack.directory, { sessions: stack.sessions });
});
afterAll(() => stack?.close());

type User = { id: string; email: string; password: string; name: string };
const users = new Map<string, User>([[DEMO.subdomain, DEMO.user]]);

/** A fresh tenant on the dev Okta with a user and account of its own, so that ending it touches no other test. */
async function tenantWithUser(subdomain: string, signOut: 'impero' | 'okta' = 'impero') {
  const clientId = `0oa${subdomain.padEnd(17, '0')}`;
  const user = { id: `00u${subdomain}`, email: `ada@${subdomain}.example`, password: 'pw-' + subdomain, name: 'Ada' };
  stack.idp.addUser(user);
  stack.idp.addClient({
    clientId,
    redirectUris: [`${stack.origin(subdomain)}/auth/callback`],
    postLogoutRedirectUris: [`${stack.origin(subdomain)}/auth/login`],
  });
  await stack.directory.createTenant({ subdomain, name: subdomain, issuer: stack.idp.issuer, clientId, domains: [], signOut }, new Date());
  await stack.directory.addAccount({ tenant: subdomain, email: user.email }, new Date());
  users.set(subdomain, user);
  return stack.origin(subdomain);
}

/** Signs the tenant's user in on `app` with a browser of its own; returns it and its session token. */
async function signIn(app = stack.origin()) {
  const browser = new TestBrowser();
  const user = users.get(new URL(app).hostname.split('.')[0]!)!;
  const authorize = await browser.get(`${app}/auth/authorize?login_hint=${encodeURIComponent(user.email)}`);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, user);
  expect((await browser.get(callbackUrl)).status).toBe(303);
  const token = browser.cookie(new URL(app).host, '__Host-impero_session')!;
  return { browser, token, app };
}

/** GET /auth/session with only this cookie, as a service would forward it. */
const check = (app: string, token?: string) =>
  new TestBrowser().get(`${app}/auth/session`, token ? { cookie: `__Host-impero_session=${token}` } : {});

/** The session answers 401 right after `end` returns; the elapsed time is what the 5 s promise is about. */
async function expectEndedWithin5s(app: string, token: string, end: () => Promise<unknown>) {
  expect((await check(app, token)).status).toBe(200);
  await end();
  const started = Date.now();
  const res = await check(app, token);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(res.status).toBe(401);
  expect(JSON.parse(res.body)).toMatchObject({ error: 'no_session', message: expect.any(String) });
}

const csrfOf = async (browser: TestBrowser, app: string) =>
  /name="csrf" value="([^"]+)"/.exec((await browser.get(`${app}/dashboard`)).body)?.[1];

describe('GET /auth/session', () => {
  it('answers 200 with exactly sub, email, tenant, sid, exp and groups of a live session, never cached', async () => {
    const { token, app } = await signIn();
    const res = await check(app, token);
    const claims = decodeJwt(token);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({
      sub: claims.sub,
      email: DEMO.user.email,
      tenant: DEMO.subdomain,
      sid: claims.sid,
      exp: claims.exp,
      groups: [],
    });
    expect(claims.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const record = await stack.sessions.get(DEMO.subdomain, claims.sub!, claims.sid as string, Math.floor(Date.now() / 1000));
    expect(record).toMatchObject({ email: DEMO.user.email, expiresAt: claims.exp });
    // The demo tenant signs out of Impero only: no ID token is kept.
    expect(record?.idToken).toBeUndefined();
  });

  it("shows the account's group names from its session record, sorted, within 5 seconds of a change", async () => {
    const { token, app } = await signIn();
    const claims = decodeJwt(token);
    // What SCIM's Group Push does to the account's live sessions (the Groups routes call it through ScimSessions).
    await stack.sessions.setGroupNames(DEMO.subdomain, claims.sub!, ['Sales', 'Engineering'], 1);
    const started = Date.now();
    const res = await check(app, token);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(JSON.parse(res.body).groups).toEqual(['Engineering', 'Sales']);
    await stack.sessions.setGroupNames(DEMO.subdomain, claims.sub!, [], 2);
    expect(JSON.parse((await check(app, token)).body).groups).toEqual([]);
  });

  it.each([
    ['no cookie', undefined],
    ['a garbage cookie', 'not-a-jwt'],
    ['a token with a forged payload', 'forge'],
  ])('answers 401 no_session for %s', async (_, cookie) => {
    let token = cookie;
    if (cookie === 'forge') {
      const [h, p, sig] = (await signIn()).token.split('.');
      token = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), email: 'mallory@example.com' })).toString('base64url')}.${sig}`;
    }
    const res = await check(stack.origin(), token);
    expect(res.status).toBe(401);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ error: 'no_session' });
  });

  it('refuses a live token presented on another tenant’s host', async () => {
    const other = await tenantWithUser('sessother');
    const { token } = await signIn();
    expect((await check(other, token)).status).toBe(401);
  });
});

describe('every way a session ends answers 401 within 5 seconds', () => {
  it('logout: a copy of the cookie stops working', async () => {
    const { browser, token, app } = await signIn();
    const csrf = await csrfOf(browser, app);
    await expectEndedWithin5s(app, token, async () => {
      const out = await browser.postForm(`${app}/auth/logout`, { csrf: csrf! }, { 'sec-fetch-site': 'same-origin' });
      expect(out.status).toBe(303);
      expect(out.location).toBe(`${app}/auth/login`);
    });
    expect(stack.logs.some((l) => /signed out .*reason=logout count=1/.test(l))).toBe(true);
  });

  it('Universal Logout from the tenant’s Okta org', async () => {
    const { token, app } = await signIn();
    await expectEndedWithin5s(app, token, async () =>
      expect(await stack.idp.universalLogout(DEMO.clientId, { format: 'email', email: DEMO.user.email })).toBe(204),
    );
  });

  it('session revoke', async () => {
    const { token, app } = await signIn();
    const other = await signIn();
    await expectEndedWithin5s(app, token, async () => {
      const r = await cli(['session', 'revoke', '--tenant', DEMO.subdomain, '--email', DEMO.user.email, '--json']);
      expect(r.code).toBe(0);
      expect(r.json()).toMatchObject({ tenant: DEMO.subdomain, email: DEMO.user.email, sessionsEnded: expect.any(Number) });
      expect(r.stderrLines).toEqual([
        expect.stringMatching(/^info sessions ended .*tenant=demo account=acc_\S+ reason=session_revoke count=\d+$/),
      ]);
    });
    expect((await check(app, other.token)).status).toBe(401);
  });

  it('account remove', async () => {
    const app = await tenantWithUser('sessacct');
    const { token } = await signIn(app);
    await expectEndedWithin5s(app, token, async () => {
      const r = await cli(['account', 'remove', '--tenant', 'sessacct', '--email', 'ada@sessacct.example']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('Removed ada@sessacct.example from tenant sessacct and ended 1 session(s).\n');
    });
  });

  it('tenant disable', async () => {
    const app = await tenantWithUser('sessoff');
    const { token } = await signIn(app);
    await expectEndedWithin5s(app, token, async () => {
      const r = await cli(['tenant', 'disable', 'sessoff']);
      expect(r.stdout).toBe('Tenant sessoff disabled. Ended 1 session(s).\n');
      expect(r.stderrLines).toEqual([expect.stringMatching(/reason=tenant_disabled count=1$/)]);
    });
  });

  it('tenant remove', async () => {
    const app = await tenantWithUser('sessgone');
    const { token } = await signIn(app);
    await expectEndedWithin5s(app, token, async () => {
      const r = await cli(['tenant', 'remove', 'sessgone', '--yes', '--json']);
      expect(r.json()).toEqual({ removed: 'sessgone', domains: [], accounts: 1, sessionsEnded: 1 });
    });
  });
});

describe('session list', () => {
  it('lists the live sessions of a tenant and of one account, without whole session ids', async () => {
    const app = await tenantWithUser('sesslist');
    const { token } = await signIn(app);
    await stack.directory.addAccount({ tenant: 'sesslist', email: 'nobody@example.com' }, new Date());
    const sid = decodeJwt(token).sid as string;

    const all = await cli(['session', 'list', '--tenant', 'sesslist', '--json']);
    expect(all.json()).toEqual([
      {
        email: 'ada@sesslist.example',
        account: decodeJwt(token).sub,
        session: sid.slice(0, 8),
        signedInAt: expect.any(String),
        expiresAt: expect.stringMatching(/Z$/),
      },
    ]);
    const text = await cli(['session', 'list', '--tenant', 'sesslist', '--email', 'ada@sesslist.example']);
    expect(text.stdout).toMatch(/^EMAIL\s+ACCOUNT\s+SESSION\s+SIGNED IN\s+EXPIRES\n/);
    expect(text.stdout).not.toContain(sid);
    expect((await cli(['session', 'list', '--tenant', 'sesslist', '--email', 'nobody@example.com'])).stdout).toBe(
      'No live sessions in tenant sesslist for nobody@example.com.\n',
    );
    const missing = await cli(['session', 'revoke', '--tenant', 'sesslist', '--email', 'ghost@example.com']);
    expect(missing.code).toBe(1);
    expect(missing.stderrLines).toEqual(['error: ghost@example.com has no account in tenant "sesslist"']);
  });
});

describe('POST /auth/logout', () => {
  it('refuses a sign-out carrying another session’s CSRF token, and the session lives on', async () => {
    const { browser, token, app } = await signIn();
    for (const csrf of ['x'.repeat(43), '']) {
      const res = await browser.postForm(`${app}/auth/logout`, { csrf }, { 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(400);
      expect(res.setCookies).toEqual([]);
    }
    expect((await check(app, token)).status).toBe(200);
  });

  it('ends the session on a same-origin sign-out with no body, as the route takes no input', async () => {
    const { browser, token, app } = await signIn();
    const out = await browser.postForm(`${app}/auth/logout`, {}, { 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    expect(out.location).toBe(`${app}/auth/login`);
    expect((await check(app, token)).status).toBe(401);
  });

  it('refuses Origin: null and a request with neither Origin nor Sec-Fetch-Site, even with the CSRF token', async () => {
    const { browser, token, app } = await signIn();
    const csrf = (await csrfOf(browser, app))!;
    expect((await browser.postForm(`${app}/auth/logout`, { csrf }, { origin: 'null' })).status).toBe(400);
    expect((await browser.postForm(`${app}/auth/logout`, { csrf })).status).toBe(400);
    expect((await check(app, token)).status).toBe(200);
    // An old browser without Sec-Fetch-Site that sends our own origin is fine.
    expect((await browser.postForm(`${app}/auth/logout`, { csrf }, { origin: app })).status).toBe(303);
    expect((await check(app, token)).status).toBe(401);
  });

  it('the dashboard shows "signed out" once the session has ended elsewhere', async () => {
    const { browser, app } = await signIn();
    expect((await browser.get(`${app}/dashboard`)).body).toContain('id="signed-in-email"');
    await cli(['session', 'revoke', '--tenant', DEMO.subdomain, '--email', DEMO.user.email]);
    const dash = await browser.get(`${app}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.body).toContain('Your session has ended');
    expect(dash.body).not.toContain('csrf');
  });
});

describe('sign-out at Okta (--sign-out okta)', () => {
  it('sends the browser to the org’s end_session_endpoint with the sign-in’s ID token, kept only server-side', async () => {
    const app = await tenantWithUser('sessokta', 'okta');
    const { browser, token } = await signIn(app);
    const claims = decodeJwt(token);
    const record = await stack.sessions.get('sessokta', claims.sub!, claims.sid as string, Math.floor(Date.now() / 1000));
    expect(record?.idToken).toMatch(/^eyJ/);
    expect(token).not.toContain(record!.idToken!);
    expect(stack.logs.filter((l) => l.includes(record!.idToken!))).toEqual([]);

    const out = await browser.postForm(`${app}/auth/logout`, { csrf: (await csrfOf(browser, app))! }, { 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    const to = new URL(out.location!);
    expect(to.origin + to.pathname).toBe(`${stack.idp.issuer}/oauth2/v1/logout`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      id_token_hint: record!.idToken,
      post_logout_redirect_uri: `${app}/auth/login`,
      client_id: `0oa${'sessokta'.padEnd(17, '0')}`,
    });
    expect(out.setCookies.some((c) => /^__Host-impero_session=; Max-Age=0/.test(c))).toBe(true);
    expect((await check(app, token)).status).toBe(401);
    // The dev Okta accepts the hint and the registered redirect, and returns to the login page.
    const { response } = await browser.follow(
      await browser.get(out.location!),
      out.location!,
      (l) => new URL(l).origin === stack.idp.issuer,
    );
    expect(response.status).toBe(200);
  });
});
