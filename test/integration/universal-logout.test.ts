/**
 * `POST /auth/universal-logout` against real tokens: signed by the dev Okta org's own key
 * (the one its JWKS publishes), by a foreign key, or not at all. Okta's request is accepted
 * exactly as its guide describes; every malformed one is refused with its documented status
 * (400 body, 401 token, 404 user) and ends nothing.
 */
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { logoutTokenClaims } from '../../lambdas/dev/okta-idp-universal-logout.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let app: string;
let endpoint: string;
beforeAll(async () => {
  stack = await startTestStack();
  app = stack.origin();
  endpoint = `${app}/auth/universal-logout`;
});
afterAll(() => stack?.close());

const TYP = 'global-token-revocation+jwt';
const client = () => ({ clientId: DEMO.clientId, redirectUris: [], universalLogoutUri: endpoint });
/** Okta's token for the demo app, with any claim or header changed. */
const oktaToken = (claims: JWTPayload = {}, header: Record<string, unknown> = {}) =>
  stack.idp.sign({ typ: TYP, ...header }, { ...logoutTokenClaims(stack.idp.issuer, client()), ...claims });
const byEmail = { sub_id: { format: 'email', email: DEMO.user.email } };

function send(token: string | undefined, body: unknown = byEmail, headers: Record<string, string> = {}) {
  return new TestBrowser().postJson(endpoint, body, token === undefined ? headers : { authorization: `Bearer ${token}`, ...headers });
}

/** A live session of the demo user; `live()` says whether it still is. */
async function signedIn(): Promise<{ live(): Promise<boolean> }> {
  const browser = new TestBrowser();
  const authorize = await browser.get(`${app}/auth/authorize?login_hint=${encodeURIComponent(DEMO.user.email)}`);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, DEMO.user);
  await browser.get(callbackUrl);
  const token = browser.cookie(new URL(app).host, '__Host-impero_session')!;
  return {
    live: async () => (await new TestBrowser().get(`${app}/auth/session`, { cookie: `__Host-impero_session=${token}` })).status === 200,
  };
}

let session: { live(): Promise<boolean> };
beforeEach(async () => {
  session = await signedIn();
});

describe('accepts what Okta sends', () => {
  it('ends every session of the user named by email (IETF sub_id), with 204 and no body', async () => {
    const second = await signedIn();
    const res = await send(await oktaToken());
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(await session.live()).toBe(false);
    expect(await second.live()).toBe(false);
    expect(stack.logs.some((l) => /sessions ended .*reason=universal_logout count=[1-9]/.test(l))).toBe(true);
    const [event] = await stack.events.list(DEMO.subdomain, { since: new Date(Date.now() - 60_000), limit: 1 });
    expect(event).toMatchObject({ type: 'universal_logout', email: DEMO.user.email, correlationId: res.headers['x-correlation-id'] });
  });

  it('accepts Okta’s "subject" key and an iss_sub subject through the account’s linked Okta user', async () => {
    const res = await send(await oktaToken(), { subject: { format: 'iss_sub', iss: stack.idp.issuer, sub: DEMO.user.id } });
    expect(res.status).toBe(204);
    expect(await session.live()).toBe(false);
  });

  it('answers 204 when the user has no session', async () => {
    expect((await send(await oktaToken())).status).toBe(204);
    expect((await send(await oktaToken())).status).toBe(204);
  });

  it('is what the dev Okta’s own Universal Logout sends', async () => {
    expect(await stack.idp.universalLogout(DEMO.clientId, { format: 'email', email: DEMO.user.email })).toBe(204);
    expect(await session.live()).toBe(false);
  });
});

describe('refuses every token that is not exactly Okta’s, with 401, ending nothing', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    [
      'a token signed by another key',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(logoutTokenClaims(stack.idp.issuer, client()))
          .setProtectedHeader({ alg: 'RS256', typ: TYP, kid: 'foreign' })
          .sign(privateKey);
      },
    ],
    [
      'a foreign key that claims the org key’s kid',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const kid = JSON.parse(Buffer.from((await oktaToken()).split('.')[0]!, 'base64url').toString()).kid;
        return new SignJWT(logoutTokenClaims(stack.idp.issuer, client()))
          .setProtectedHeader({ alg: 'RS256', typ: TYP, kid })
          .sign(privateKey);
      },
    ],
    ['another issuer', () => oktaToken({ iss: 'https://evil.okta.com' })],
    ['another client as sub', () => oktaToken({ sub: '0oaother0000000000001' })],
    ['another audience (another tenant’s endpoint)', () => oktaToken({ aud: stack.origin('other') + '/auth/universal-logout' })],
    ['two audiences', () => oktaToken({ aud: [endpoint, 'https://evil.example/'] })],
    ['an expired token', () => oktaToken({ iat: now() - 400, nbf: now() - 400, exp: now() - 100 })],
    ['a long-lived token (exp 1 h after iat)', () => oktaToken({ exp: now() + 3600 })],
    ['a token issued in the future', () => oktaToken({ iat: now() + 120, nbf: now(), exp: now() + 300 })],
    ['no jti', () => oktaToken({ jti: undefined })],
    ['typ JWT', () => oktaToken({}, { typ: 'JWT' })],
    ['no typ', () => oktaToken({}, { typ: undefined })],
    [
      'HS256',
      async () =>
        new SignJWT(logoutTokenClaims(stack.idp.issuer, client()))
          .setProtectedHeader({ alg: 'HS256', typ: TYP })
          .sign(new TextEncoder().encode('s'.repeat(32))),
    ],
    [
      'alg none',
      async () => {
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
        return `${part({ alg: 'none', typ: TYP })}.${part(logoutTokenClaims(stack.idp.issuer, client()))}.`;
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(cases)('%s', async (_, make) => {
    const res = await send(await make());
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_token', message: expect.any(String) });
    expect(await session.live()).toBe(true);
  });

  it('a replayed jti, even after the first use ended the sessions', async () => {
    const token = await oktaToken();
    expect((await send(token)).status).toBe(204);
    const again = await signedIn();
    const replay = await send(token);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body).message).toMatch(/used before/);
    expect(await again.live()).toBe(true);
  });

  it('another authentication scheme', async () => {
    const res = await send(undefined, byEmail, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` });
    expect(res.status).toBe(401);
    expect(await session.live()).toBe(true);
  });
});

describe('refuses a malformed request from Okta', () => {
  it.each([
    ['a body that is not JSON', 'subject=x'],
    ['a JSON array', [byEmail]],
    ['no subject', {}],
    ['both subject and sub_id', { ...byEmail, subject: byEmail.sub_id }],
    ['a subject that is not an object', { subject: 'ada' }],
    ['an email subject without a valid email', { subject: { format: 'email', email: 'not-an-email' } }],
    ['an iss_sub subject without sub', { subject: { format: 'iss_sub', iss: 'x' } }],
    ['an unrecognised format', { subject: { format: 'opaque', id: 'x' } }],
  ])('%s: 400', async (_, body) => {
    const res = await send(await oktaToken(), body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'bad_request' });
    expect(await session.live()).toBe(true);
  });

  it.each([
    ['an email with no account in this tenant', { subject: { format: 'email', email: 'nobody@example.com' } }],
    ['an Okta user id no account is linked to', { subject: { format: 'iss_sub', iss: 'ISSUER', sub: '00unobody' } }],
    ['the linked user id under another issuer', { subject: { format: 'iss_sub', iss: 'https://evil.okta.com', sub: DEMO.user.id } }],
  ])('%s: 404', async (_, body) => {
    const json = JSON.stringify(body).replace('ISSUER', stack.idp.issuer);
    const res = await send(await oktaToken(), json);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'unknown_user' });
    expect(await session.live()).toBe(true);
    expect(stack.logs.some((l) => /universal logout failed .*event=universal_logout_failed .*errorCode=unknown_user/.test(l))).toBe(true);
  });

  it('answers 404 on a host that is no tenant', async () => {
    const res = await new TestBrowser().postJson(`${stack.origin('nobody')}/auth/universal-logout`, byEmail, {
      authorization: `Bearer ${await oktaToken()}`,
    });
    expect(res.status).toBe(404);
  });
});

describe('the development Okta’s Universal Logout page', () => {
  it('sends the request for the chosen user and shows the app’s answer', async () => {
    const page = `${stack.idp.issuer}/dev/universal-logout`;
    const form = await new TestBrowser().get(page);
    expect(form.status).toBe(200);
    expect(form.body).toContain(`<option value="${DEMO.clientId}">`);
    const sent = await new TestBrowser().postForm(page, { client_id: DEMO.clientId, email: DEMO.user.email });
    expect(sent.body).toContain('the app answered HTTP 204 (sessions ended)');
    expect(await session.live()).toBe(false);
  });
});
