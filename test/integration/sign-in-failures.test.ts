/**
 * Every failed sign-in leaves one structured WARN line — `sign-in failed` with the error
 * code, the step, the tenant and, once Okta has vouched for the user, the Okta `sub` and
 * the email's domain — and never the email address. Real HTTP through the local stack,
 * with the controllable IdP on loopback.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../fixtures/http-client.js';
import { ROGUE_USER, startRogueIdp, type RogueIdp } from '../fixtures/rogue-idp.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let rogue: RogueIdp;
const STRANGER = { sub: '00ustranger000000001', email: 'Stranger@Elsewhere.example' };

beforeAll(async () => {
  stack = await startTestStack({ IDP_TIMEOUT_SECONDS: '1' });
  rogue = await startRogueIdp();
  const now = new Date();
  await stack.directory.createTenant(
    { subdomain: 'rogue', name: 'Rogue Org', issuer: rogue.issuer, clientId: rogue.clientId, domains: [] },
    now,
  );
  await stack.directory.addAccount({ tenant: 'rogue', email: ROGUE_USER.email }, now);
  const paused = await stack.directory.createTenant(
    { subdomain: 'paused', name: 'Paused', issuer: rogue.issuer, clientId: rogue.clientId, domains: [] },
    now,
  );
  await stack.directory.updateTenant('paused', paused.version, { status: 'disabled' }, now);
});
afterAll(async () => {
  await rogue?.close();
  await stack?.close();
});
beforeEach(() => rogue.reset());

/** Runs `act` and returns the failure lines it logged, each parsed into its key=value fields. */
async function failureLines(act: () => Promise<unknown>): Promise<{ line: string; fields: Record<string, string> }[]> {
  const from = stack.logs.length;
  await act();
  return stack.logs
    .slice(from)
    .filter((line) => line.includes(' sign-in failed'))
    .map((line) => ({ line, fields: Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])) }));
}

/** The whole round trip at the rogue tenant: authorize, the IdP's redirect back, the callback. */
async function signIn(browser = new TestBrowser()) {
  const start = await browser.get(`${stack.origin('rogue')}/auth/authorize`);
  const back = await browser.get(start.location!);
  return browser.get(back.location!);
}

describe('the failure line', () => {
  it('is written at WARN for a user without an account, with the Okta sub and the email’s domain but not the email', async () => {
    rogue.behaviour.idTokenClaims = { sub: STRANGER.sub, email: STRANGER.email };
    rogue.behaviour.userinfo = { sub: STRANGER.sub, email: STRANGER.email, email_verified: true };
    const lines = await failureLines(async () => expect((await signIn()).status).toBe(403));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).toMatch(/^\d\d:\d\d:\d\d warn /);
    expect(lines[0]!.fields).toEqual({
      event: 'sign_in_failed',
      errorCode: 'no_account',
      step: 'callback',
      tenant: 'rogue',
      sub: STRANGER.sub,
      emailDomain: 'elsewhere.example',
    });
    expect(lines[0]!.line.toLowerCase()).not.toContain('stranger@');
  });

  it('carries the sub when Okta says the email is not verified', async () => {
    rogue.behaviour.idTokenClaims = { sub: '00uunverified0000001', email_verified: false };
    rogue.behaviour.userinfo = { sub: '00uunverified0000001', email_verified: false };
    const [line, ...more] = await failureLines(async () => expect((await signIn()).status).toBe(403));
    expect(more).toEqual([]);
    expect(line!.fields).toMatchObject({ errorCode: 'email_not_verified', tenant: 'rogue', sub: '00uunverified0000001' });
  });

  it('is written when Okta refuses the user, without a sub (Okta named nobody)', async () => {
    rogue.behaviour.authorizeError = { error: 'access_denied', error_description: 'User is not assigned to the client application.' };
    const [line, ...more] = await failureLines(async () => expect((await signIn()).status).toBe(403));
    expect(more).toEqual([]);
    expect(line!.fields).toEqual({ event: 'sign_in_failed', errorCode: 'access_denied', step: 'callback', tenant: 'rogue' });
  });

  it('is written for a replayed callback', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(`${stack.origin('rogue')}/auth/authorize`);
    const callback = (await browser.get(start.location!)).location!;
    expect((await browser.get(callback)).status).toBe(303);
    const [line, ...more] = await failureLines(async () => expect((await browser.get(callback)).status).toBe(400));
    expect(more).toEqual([]);
    expect(line!.fields).toMatchObject({ errorCode: 'login_expired', step: 'callback', tenant: 'rogue' });
  });

  it('is written for a token endpoint that does not answer in time, marked for the alarm', async () => {
    rogue.behaviour.tokenDelayMs = 2500;
    const lines = await failureLines(async () => expect((await signIn()).status).toBe(504));
    expect(lines.map((l) => l.fields)).toEqual([
      { event: 'sign_in_failed', errorCode: 'idp_unavailable', step: 'callback', tenant: 'rogue', alarm: 'token_exchange_failed' },
    ]);
  });

  it('is written when a disabled tenant’s sign-in is started', async () => {
    const [line, ...more] = await failureLines(async () =>
      expect((await new TestBrowser().get(`${stack.origin('paused')}/auth/authorize`)).status).toBe(403),
    );
    expect(more).toEqual([]);
    expect(line!.fields).toEqual({ event: 'sign_in_failed', errorCode: 'tenant_disabled', step: 'authorize', tenant: 'paused' });
  });

  it('is not written for a successful sign-in', async () => {
    const lines = await failureLines(async () => expect((await signIn()).status).toBe(303));
    expect(lines).toEqual([]);
  });
});

/** Every WARN line `act` logged (any message), parsed into its key=value fields. */
async function warnLines(act: () => Promise<unknown>): Promise<Record<string, string>[]> {
  const from = stack.logs.length;
  await act();
  return stack.logs
    .slice(from)
    .filter((line) => /^\d\d:\d\d:\d\d warn /.test(line))
    .map((line) => Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));
}

/** Authorize at the rogue tenant and return the callback URL Okta sends the browser to. */
async function callbackUrl(browser: TestBrowser): Promise<URL> {
  const start = await browser.get(`${stack.origin('rogue')}/auth/authorize?login_hint=${encodeURIComponent(ROGUE_USER.email)}`);
  return new URL((await browser.get(start.location!)).location!);
}

describe('one line per failed token exchange, and the alarm field only for what Okta failed', () => {
  const oktaFailures: [string, () => void, number, string][] = [
    ['Okta does not answer in time', () => (rogue.behaviour.tokenDelayMs = 2500), 504, 'idp_unavailable'],
    [
      'Okta refuses Impero’s client (invalid_client)',
      () => Object.assign(rogue.behaviour, { tokenStatus: 401, tokenError: 'invalid_client' }),
      502,
      'idp_error',
    ],
    [
      'Okta fails (500 server_error)',
      () => Object.assign(rogue.behaviour, { tokenStatus: 500, tokenError: 'server_error' }),
      502,
      'idp_error',
    ],
    ['Okta’s ID token does not verify', () => (rogue.behaviour.tamperSignature = true), 502, 'idp_error'],
  ];

  it.each(oktaFailures)(
    'writes exactly one WARN line, with alarm=token_exchange_failed, when %s',
    async (_what, arrange, status, errorCode) => {
      arrange();
      const lines = await warnLines(async () => expect((await signIn()).status).toBe(status));
      expect(lines).toEqual([{ event: 'sign_in_failed', errorCode, step: 'callback', tenant: 'rogue', alarm: 'token_exchange_failed' }]);
    },
  );

  it('does not mark a code the browser made up (Okta answers invalid_grant): 400, no alarm field', async () => {
    const browser = new TestBrowser();
    const url = await callbackUrl(browser);
    url.searchParams.set('code', 'made-up-code-0000000000000000');
    const lines = await warnLines(async () => expect((await browser.get(url.toString())).status).toBe(400));
    expect(rogue.lastTokenRequest?.code).toBe('made-up-code-0000000000000000'); // Okta was asked, and refused
    expect(lines).toEqual([{ event: 'sign_in_failed', errorCode: 'login_expired', step: 'callback', tenant: 'rogue' }]);
  });

  it('does not mark an error= the browser brings (server_error): 400 with Okta’s page text, no alarm field', async () => {
    const browser = new TestBrowser();
    const url = await callbackUrl(browser);
    url.searchParams.delete('code');
    url.searchParams.set('error', 'server_error');
    let page = '';
    const lines = await warnLines(async () => {
      const res = await browser.get(url.toString());
      expect(res.status).toBe(400);
      page = res.body;
    });
    expect(page).toContain('Okta could not complete your sign-in.');
    expect(lines).toEqual([{ event: 'sign_in_failed', errorCode: 'idp_redirect_error', step: 'callback', tenant: 'rogue' }]);
    expect(rogue.lastTokenRequest).toBeUndefined();
  });

  it('does not mark an answer refused before Okta is asked (the advertised iss removed): 400, no alarm field', async () => {
    const browser = new TestBrowser();
    const url = await callbackUrl(browser);
    url.searchParams.delete('iss');
    const lines = await warnLines(async () => expect((await browser.get(url.toString())).status).toBe(400));
    expect(lines).toEqual([{ event: 'sign_in_failed', errorCode: 'bad_request', step: 'callback', tenant: 'rogue' }]);
    expect(rogue.lastTokenRequest).toBeUndefined();
  });
});
