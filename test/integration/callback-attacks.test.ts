/**
 * The callback never sets a session for a replayed, expired, foreign-browser, cross-tenant
 * or tampered login. A controllable IdP on loopback produces the tampered answers.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { startRogueIdp, type RogueIdp } from '../fixtures/rogue-idp.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let rogue: RogueIdp;
let app: string;
const USER = 'rogue.user@example.com';

beforeAll(async () => {
  stack = await startTestStack({ IDP_TIMEOUT_SECONDS: '1' });
  rogue = await startRogueIdp();
  app = stack.origin('rogue');
  const now = new Date();
  await stack.directory.createTenant(
    { subdomain: 'rogue', name: 'Rogue Org', issuer: rogue.issuer, clientId: rogue.clientId, domains: ['rogue.example'] },
    now,
  );
  await stack.directory.addAccount({ tenant: 'rogue', email: USER }, now);
});
afterAll(async () => {
  await rogue?.close();
  await stack?.close();
});
beforeEach(() => rogue.reset());

const hasSession = (res: Response) => res.setCookies.some((c) => /^__Host-impero_session=[^;]+/.test(c));

/** Authorize at `app`, let the IdP answer, and return the callback URL it redirects to. */
async function authorize(browser: TestBrowser, origin = app): Promise<string> {
  const start = await browser.get(`${origin}/auth/authorize?login_hint=${encodeURIComponent(USER)}`);
  expect(start.status).toBe(302);
  const idp = await browser.get(start.location!);
  expect(idp.status).toBe(302);
  return idp.location!;
}

async function login(browser = new TestBrowser()): Promise<Response> {
  return browser.get(await authorize(browser));
}

function expectRefused(res: Response, status: number, text?: RegExp) {
  expect(res.status).toBe(status);
  expect(hasSession(res)).toBe(false);
  expect(res.location).toBeUndefined();
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  if (text) expect(res.body).toMatch(text);
}

describe('the rogue IdP baseline', () => {
  it('signs in when it behaves', async () => {
    const res = await login();
    expect(res.status).toBe(303);
    expect(hasSession(res)).toBe(true);
  });
});

describe('login transactions', () => {
  it('refuse a replayed callback', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    expect(hasSession(await browser.get(callback))).toBe(true);
    expectRefused(await browser.get(callback), 400, /expired, was already used/);
  });

  it('refuse a callback without the binding cookie, and still work in the right browser afterwards', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    expectRefused(await new TestBrowser().get(callback), 400);
    expect(hasSession(await browser.get(callback))).toBe(true);
  });

  it('refuse a callback from another browser with its own binding cookie', async () => {
    const victim = new TestBrowser();
    const attacker = new TestBrowser();
    await authorize(attacker); // the attacker has a binding cookie of their own
    const callback = await authorize(victim);
    expectRefused(await attacker.get(callback), 400);
  });

  it('refuse a garbage binding cookie', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    browser.setCookie(new URL(app).host, '__Host-impero_login', 'x'.repeat(5000));
    expectRefused(await browser.get(callback), 400);
  });

  it('refuse an expired transaction even before DynamoDB’s TTL removes it', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    const state = new URL(callback).searchParams.get('state')!;
    await stack.doc.send(
      new UpdateCommand({
        TableName: stack.tables.login,
        Key: { state },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    expectRefused(await browser.get(callback), 400);
  });

  it('refuse a callback delivered to another tenant’s host', async () => {
    const browser = new TestBrowser();
    const callback = new URL(await authorize(browser));
    const demoHost = new URL(stack.origin()).host;
    browser.setCookie(demoHost, '__Host-impero_login', browser.cookie(new URL(app).host, '__Host-impero_login')!);
    expectRefused(await browser.get(`${stack.origin()}/auth/callback${callback.search}`), 400);
    expect(hasSession(await browser.get(callback.toString()))).toBe(true); // untouched for its own tenant
  });

  it('refuse a state that was never issued', async () => {
    expectRefused(await new TestBrowser().get(`${app}/auth/callback?code=abc&state=${'A'.repeat(43)}`), 400);
    expectRefused(await new TestBrowser().get(`${app}/auth/callback?code=abc`), 400);
  });

  it('let only one of many concurrent callbacks through', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    const results = await Promise.all(Array.from({ length: 8 }, () => browser.get(callback)));
    expect(results.filter(hasSession)).toHaveLength(1);
  });
});

describe('ID token validation', () => {
  const cases: [string, () => void, number][] = [
    ['a wrong nonce', () => (rogue.behaviour.idTokenClaims = { nonce: 'x'.repeat(43) }), 502],
    ['a wrong issuer', () => (rogue.behaviour.idTokenClaims = { iss: 'https://evil.okta.com' }), 502],
    ['an extra audience', () => (rogue.behaviour.idTokenClaims = { aud: [rogue.clientId, 'other-client'], azp: rogue.clientId }), 502],
    ['another audience', () => (rogue.behaviour.idTokenClaims = { aud: 'other-client' }), 502],
    ['an iat in the future', () => (rogue.behaviour.idTokenClaims = { iat: Math.floor(Date.now() / 1000) + 3600 }), 502],
    ['an expired token', () => (rogue.behaviour.idTokenClaims = { exp: Math.floor(Date.now() / 1000) - 3600 }), 502],
    ['HS256 signed with the client id', () => (rogue.behaviour.alg = 'HS256'), 502],
    ['alg none', () => (rogue.behaviour.alg = 'none'), 502],
    ['a tampered signature', () => (rogue.behaviour.tamperSignature = true), 502],
    ['a key that is not in the JWKS', () => (rogue.behaviour.signWithUnknownKey = true), 502],
    ['no ID token at all', () => (rogue.behaviour.omitIdToken = true), 502],
    // A request from the browser, not a failure of Okta: a 4xx, and (the delay proves it) no token call.
    [
      'a wrong RFC 9207 iss parameter, before any token call',
      () => Object.assign(rogue.behaviour, { issParam: 'wrong', tokenDelayMs: 2500 }),
      400,
    ],
    ['a token endpoint error', () => Object.assign(rogue.behaviour, { tokenStatus: 401, tokenError: 'invalid_client' }), 502],
    [
      'a code Okta no longer honours (invalid_grant: start again)',
      () => Object.assign(rogue.behaviour, { tokenStatus: 400, tokenError: 'invalid_grant' }),
      400,
    ],
    ['an azp naming another client', () => (rogue.behaviour.idTokenClaims = { azp: 'other-client' }), 502],
    ['a token endpoint slower than the timeout', () => (rogue.behaviour.tokenDelayMs = 2500), 504],
  ];
  it.each(cases)('refuse %s', async (_name, bend, status) => {
    bend();
    expectRefused(await login(), status);
  });

  it('refetch the JWKS once when Okta rotates its key', async () => {
    // An org of its own: the refetch cool-down of the other tests' org must not interfere.
    const rotating = await startRogueIdp('0oarotating000000001');
    try {
      await stack.directory.createTenant(
        { subdomain: 'rotating', name: 'Rotating', issuer: rotating.issuer, clientId: rotating.clientId, domains: [] },
        new Date(),
      );
      await stack.directory.addAccount({ tenant: 'rotating', email: USER }, new Date());
      const attempt = async () => {
        const browser = new TestBrowser();
        return browser.get(await authorize(browser, stack.origin('rotating')));
      };
      expect(hasSession(await attempt())).toBe(true);
      rotating.rotateKeys();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the JWKS refetch cool-down
      expect(hasSession(await attempt())).toBe(true);
      expect(rotating.jwksFetches).toBe(2);
    } finally {
      await rotating.close();
    }
  });
});

describe('identity policy', () => {
  it('uses /userinfo when the ID token has no email', async () => {
    rogue.behaviour.idTokenClaims = { email: undefined };
    expect(hasSession(await login())).toBe(true);
  });

  it('refuses email_verified: false', async () => {
    rogue.behaviour.idTokenClaims = { sub: '00urogue-unverified', email_verified: false };
    rogue.behaviour.userinfo = { sub: '00urogue-unverified', email_verified: false };
    expectRefused(await login(), 403, /not verified/);
  });

  it('refuses a user without an Impero account', async () => {
    rogue.behaviour.idTokenClaims = { sub: '00urogue-stranger', email: 'stranger@rogue.example' };
    rogue.behaviour.userinfo = { sub: '00urogue-stranger', email: 'stranger@rogue.example', email_verified: true };
    expectRefused(await login(), 403, /no Impero account/);
  });

  it('refuses a second Okta user claiming an email already linked to someone else', async () => {
    expect(hasSession(await login())).toBe(true); // links USER to the default subject
    rogue.behaviour.idTokenClaims = { sub: '00urogue-impostor' };
    rogue.behaviour.userinfo = { sub: '00urogue-impostor', email: USER, email_verified: true };
    expectRefused(await login(), 403, /different Impero account/);
  });

  it('refuses an Okta subject linked in another tenant', async () => {
    await stack.directory.linkSubject(DEMO.subdomain, DEMO.user.email, { iss: rogue.issuer, sub: '00urogue-crosstenant' });
    rogue.behaviour.idTokenClaims = { sub: '00urogue-crosstenant' };
    rogue.behaviour.userinfo = { sub: '00urogue-crosstenant', email: USER, email_verified: true };
    expectRefused(await login(), 403);
  });
});

describe('IdP errors on the callback', () => {
  it('explains access_denied as a missing app assignment', async () => {
    rogue.behaviour.authorizeError = { error: 'access_denied', error_description: 'User is not assigned to the client application.' };
    expectRefused(await login(), 403, /not assigned to the Impero app/);
  });

  it('ignores an error parameter that does not come with this browser’s login (no page of attacker-chosen words)', async () => {
    const res = await new TestBrowser().get(`${app}/auth/callback?error=contact_helpdesk_at_evil_example&error_description=call+us`);
    expectRefused(res, 400, /Please sign in again/);
    expect(res.body).not.toContain('helpdesk');
  });

  it('never echoes an unknown error code or its description', async () => {
    rogue.behaviour.authorizeError = { error: '<script>x</script>', error_description: '<b>phish here</b>' };
    const res = await login();
    expectRefused(res, 400); // an error= the browser brings is a 4xx: anyone can forge one
    expect(res.body).not.toContain('<script>x');
    expect(res.body).not.toContain('phish here');
  });
});
