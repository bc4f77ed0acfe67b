/** Every route answers bad input with a clear 4xx — never a 5xx, a stack trace or a session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FALLBACK_PATH, methodsFor, routes } from '../../lambdas/routes.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let app: string;
beforeAll(async () => {
  stack = await startTestStack();
  app = stack.origin();
});
afterAll(() => stack?.close());

function expectClientError(res: Response, status?: number) {
  if (status) expect(res.status).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|Error:/);
  expect(res.setCookies.some((c) => c.startsWith('__Host-impero_session=') && !c.includes('Max-Age=0'))).toBe(false);
}

describe('POST /auth/login', () => {
  it.each([
    [{ email: '' }, /Enter your work email/],
    [{ email: 'ada' }, /does not look like an email/],
    [{ email: 'ada@@example.com' }, /does not look like an email/],
    [{ email: `${'a'.repeat(300)}@example.com` }, /too long/],
    [{}, /Enter your work email/],
  ])('re-shows the form for %j', async (form, message) => {
    const res = await new TestBrowser().postForm(`${app}/auth/login`, form);
    expectClientError(res, 400);
    expect(res.body).toMatch(message);
    expect(res.body).toMatch(/<form method="post"/);
  });

  it('refuses a body over 4 KiB with 413', async () => {
    expectClientError(await new TestBrowser().postForm(`${app}/auth/login`, { email: 'a@example.com', pad: 'x'.repeat(5000) }), 413);
  });

  it('refuses a repeated email field', async () => {
    const res = await new TestBrowser().send('POST', `${app}/auth/login`, 'email=a%40example.com&email=b%40example.com', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expectClientError(res, 400);
  });

  it('refuses a body that is not a form', async () => {
    expectClientError(await new TestBrowser().postJson(`${app}/auth/login`, { email: 'a@example.com' }), 400);
  });
});

describe('POST /auth/discover', () => {
  it.each([
    ['{"email":', 'not valid JSON'],
    ['[1,2]', 'JSON object'],
    ['{"email": 42}', 'Enter your work email'],
    ['{"email": "nope"}', 'does not look like an email'],
  ])('answers %s with a JSON 400', async (body, message) => {
    const res = await new TestBrowser().postJson(`${app}/auth/discover`, body);
    expectClientError(res, 400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad_request', message: expect.stringContaining(message) });
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await new TestBrowser().postJson(`${app}/auth/discover`, { email: 'a@example.com', pad: 'x'.repeat(10_000) });
    expectClientError(res, 413);
    expect(JSON.parse(res.body).error).toBe('payload_too_large');
  });

  it('answers an unknown tenant host with a JSON 404', async () => {
    const res = await new TestBrowser().postJson(`${stack.origin('nobody')}/auth/discover`, { email: 'a@example.com' });
    expectClientError(res, 404);
    expect(JSON.parse(res.body).error).toBe('unknown_tenant');
  });
});

describe('GET /auth/authorize', () => {
  it.each([
    ['login_hint=not-an-email', 400],
    [`login_hint=${'a'.repeat(400)}%40example.com`, 400],
    ['return_to=%2Fa&return_to=%2Fb', 400],
    [`return_to=${'x'.repeat(5000)}`, 400],
  ])('refuses ?%s', async (query, status) => {
    const res = await new TestBrowser().get(`${app}/auth/authorize?${query}`);
    expectClientError(res, status);
    expect(res.location).toBeUndefined();
  });

  it('refuses the bare host, which has no tenant', async () => {
    expectClientError(await new TestBrowser().get(`http://localhost:${stack.port}/auth/authorize`), 404);
  });

  it('replaces a garbage binding cookie with a fresh one', async () => {
    const browser = new TestBrowser();
    browser.setCookie(new URL(app).host, '__Host-impero_login', '<script>');
    const res = await browser.get(`${app}/auth/authorize`);
    expect(res.status).toBe(302);
    expect(browser.cookie(new URL(app).host, '__Host-impero_login')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('GET /auth/callback', () => {
  it.each(['', 'state=abc', 'code=x&state=y&state=z', 'error=access_denied&error=x', `code=${'c'.repeat(5000)}`])(
    'refuses ?%s',
    async (query) => {
      expectClientError(await new TestBrowser().get(`${app}/auth/callback?${query}`));
    },
  );
});

describe('every route', () => {
  const real = routes.filter((r) => r.path !== FALLBACK_PATH);
  // Up to two methods the path does not accept (SCIM's {id} paths accept PUT, PATCH and DELETE too).
  const wrongMethods = real.flatMap((r) => {
    const accepted = methodsFor(r.path);
    return ['PUT', 'GET', 'POST', 'DELETE']
      .filter((m) => !accepted.includes(m))
      .slice(0, 2)
      .map((m) => [m, r.path] as const);
  });
  it.each(wrongMethods)('answers the wrong method (%s %s) with 405', async (method, path) => {
    const res = await new TestBrowser().send(method, `${app}${path}`);
    expectClientError(res, 405);
  });

  it.each(real.map((r) => [r.method, r.path] as const))('%s %s survives garbage cookies', async (method, path) => {
    const res = await new TestBrowser().send(method, `${app}${path}`, undefined, {
      cookie: '__Host-impero_session=%%%; __Host-impero_login=;;=;x',
    });
    expect(res.status).toBeLessThan(500);
  });

  it('answers an unknown path with a 404 page from the fallback route', async () => {
    const res = await new TestBrowser().send('DELETE', `${app}/auth/nothing-here`);
    expectClientError(res, 404);
    expect(res.body).toContain('There is nothing at this address');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('names the allowed methods on a 405', async () => {
    const res = await new TestBrowser().send('DELETE', `${app}/auth/login`);
    expectClientError(res, 405);
    expect(res.headers.allow).toBe('GET, POST');
  });
});

describe('POST /auth/logout', () => {
  it.each([
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    [{ origin: 'http://other.localhost' }],
    [{}],
  ])('refuses a request from another site, or that cannot say where it is from (%j)', async (headers) => {
    const res = await new TestBrowser().send('POST', `${app}/auth/logout`, '', {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
    expectClientError(res, 400);
    expect(res.setCookies).toEqual([]);
  });

  it('accepts the same origin', async () => {
    const res = await new TestBrowser().send('POST', `${app}/auth/logout`, '', { 'sec-fetch-site': 'same-origin', origin: app });
    expect(res.status).toBe(303);
  });
});

describe('tenants that cannot sign in', () => {
  it('a disabled tenant gets a clear page and no redirect', async () => {
    const now = new Date();
    const t = await stack.directory.createTenant(
      { subdomain: 'paused', name: 'Paused Inc', issuer: stack.idp.issuer, clientId: '0oapaused00000000001', domains: ['paused.example'] },
      now,
    );
    await stack.directory.updateTenant('paused', t.version, { status: 'disabled' }, now);
    for (const res of [
      await new TestBrowser().get(`${stack.origin('paused')}/auth/login`),
      await new TestBrowser().get(`${stack.origin('paused')}/auth/authorize`),
      await new TestBrowser().postForm(`http://localhost:${stack.port}/auth/login`, { email: 'x@paused.example' }),
    ]) {
      expectClientError(res, 403);
      expect(res.location).toBeUndefined();
      expect(res.body).toContain('Single sign-on for Paused Inc is switched off');
    }
  });
});
