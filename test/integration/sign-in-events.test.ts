/**
 * Every answer of the callback leaves one event support can read: `sign_in`, or
 * `sign_in_failed` with the error code the user saw and the correlation id on their page.
 * Driven through the real handlers over HTTP, with the controllable IdP producing each
 * failure. A failed event write never fails the sign-in.
 */
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthEvent } from '../../lambdas/core/events.js';
import { tableDefinitions } from '../../lambdas/adapters/tables.js';
import { csrfToken } from '../../lambdas/core/session.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { startRogueIdp, type RogueIdp } from '../fixtures/rogue-idp.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let rogue: RogueIdp;
let app: string;
const TENANT = 'evt';
const USER = 'rogue.user@example.com';
const EVENT_FIELDS = ['correlationId', 'email', 'errorCode', 'id', 'tenant', 'time', 'type', 'typedEmail'];

beforeAll(async () => {
  stack = await startTestStack({ IDP_TIMEOUT_SECONDS: '1' });
  rogue = await startRogueIdp();
  app = stack.origin(TENANT);
  const now = new Date();
  await stack.directory.createTenant(
    { subdomain: TENANT, name: 'Event Org', issuer: rogue.issuer, clientId: rogue.clientId, domains: ['evt.example'], jit: true },
    now,
  );
  await stack.directory.addAccount({ tenant: TENANT, email: USER }, now);
});
afterAll(async () => {
  await rogue?.close();
  await stack?.close();
});
beforeEach(() => rogue.reset());

/** Authorize (typing `hint` at login), let the IdP answer, and return the callback URL. */
async function authorize(browser: TestBrowser, hint = USER): Promise<string> {
  const start = await browser.get(`${app}/auth/authorize?login_hint=${encodeURIComponent(hint)}`);
  expect(start.status).toBe(302);
  return (await browser.get(start.location!)).location!;
}

/** The one event this response left (newest in the tenant), checked against the response. */
async function eventOf(res: Response): Promise<AuthEvent> {
  const correlationId = res.headers['x-correlation-id'] as string;
  const [latest] = await stack.events.list(TENANT, { since: new Date(Date.now() - 60_000), limit: 1 });
  expect(latest?.correlationId).toBe(correlationId);
  for (const key of Object.keys(latest!)) expect(EVENT_FIELDS).toContain(key);
  return latest!;
}

/** A failure after Okta named the user: `email` is Okta's (or the account's) address. */
const failure = (errorCode: string, email: string = USER): Partial<AuthEvent> => ({
  tenant: TENANT,
  type: 'sign_in_failed',
  errorCode,
  email,
});
/** A failure before Okta named anyone: only the address typed at login, as `typedEmail`, never `email`. */
const unvouched = (errorCode: string, typedEmail: string = USER): Partial<AuthEvent> => ({
  tenant: TENANT,
  type: 'sign_in_failed',
  errorCode,
  typedEmail,
});

describe('sign-in events from the callback', () => {
  it('records a successful sign-in with the account’s email and nothing secret', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    const res = await browser.get(callback);
    expect(res.status).toBe(303);

    const event = await eventOf(res);
    expect(event).toMatchObject({ tenant: TENANT, type: 'sign_in', email: USER });
    expect(event.errorCode).toBeUndefined();
    const stored = JSON.stringify(event);
    for (const secret of [
      new URL(callback).searchParams.get('code')!,
      new URL(callback).searchParams.get('state')!,
      browser.cookie(new URL(app).host, '__Host-impero_session')!,
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  const failures: [string, () => void, number, Partial<AuthEvent>][] = [
    [
      'Okta refuses the user (not assigned)',
      () => (rogue.behaviour.authorizeError = { error: 'access_denied' }),
      403,
      unvouched('access_denied'),
    ],
    [
      'Okta answers with another error (a 4xx: the browser brings it)',
      () => (rogue.behaviour.authorizeError = { error: 'server_error' }),
      400,
      unvouched('idp_redirect_error'),
    ],
    ['the token endpoint is too slow', () => (rogue.behaviour.tokenDelayMs = 2500), 504, unvouched('idp_unavailable')],
    ['the ID token is tampered with', () => (rogue.behaviour.tamperSignature = true), 502, unvouched('idp_error')],
    [
      'Okta no longer honours the code',
      () => Object.assign(rogue.behaviour, { tokenStatus: 400, tokenError: 'invalid_grant' }),
      400,
      unvouched('login_expired'),
    ],
    [
      'the user has no account (named by Okta’s email, not the one typed)',
      () => {
        rogue.behaviour.idTokenClaims = { sub: '00uevt-stranger', email: 'Stranger@Rogue.example' };
        rogue.behaviour.userinfo = { sub: '00uevt-stranger', email: 'stranger@rogue.example', email_verified: true };
      },
      403,
      { ...failure('no_account', 'stranger@rogue.example'), typedEmail: USER },
    ],
    [
      'Okta says the email is not verified',
      () => {
        rogue.behaviour.idTokenClaims = { sub: '00uevt-unverified', email_verified: false };
        rogue.behaviour.userinfo = { sub: '00uevt-unverified', email_verified: false };
      },
      403,
      failure('email_not_verified'),
    ],
  ];

  it.each(failures)('records sign_in_failed when %s', async (_what, arrange, status, expected) => {
    arrange();
    const browser = new TestBrowser();
    const res = await browser.get(await authorize(browser));
    expect(res.status).toBe(status);

    const event = await eventOf(res);
    expect(event).toMatchObject(expected);
    if (expected.email === undefined) expect(event.email).toBeUndefined();
    if (expected.typedEmail === undefined) expect(event.typedEmail).toBeUndefined();
  });

  it('records identity_conflict for a second Okta user claiming a linked email', async () => {
    const first = new TestBrowser();
    expect((await first.get(await authorize(first))).status).toBe(303); // links the account to the rogue user
    rogue.behaviour.idTokenClaims = { sub: '00uevt-impostor' };
    rogue.behaviour.userinfo = { sub: '00uevt-impostor', email: USER, email_verified: true };
    const browser = new TestBrowser();
    const res = await browser.get(await authorize(browser));
    expect(res.status).toBe(403);
    expect(await eventOf(res)).toMatchObject(failure('identity_conflict'));
  });

  it('files the email typed at login as typedEmail, never as email, when Okta refuses before saying who the user is', async () => {
    rogue.behaviour.authorizeError = { error: 'access_denied' };
    const browser = new TestBrowser();
    const res = await browser.get(await authorize(browser, 'Typed.Person@Example.com'));
    expect(res.status).toBe(403);
    const event = await eventOf(res);
    expect(event).toMatchObject(unvouched('access_denied', 'typed.person@example.com'));
    expect(event.email).toBeUndefined();
  });

  it('files a forged failure (any login_hint, error=server_error brought by the browser) under typedEmail, with a 4xx', async () => {
    const browser = new TestBrowser();
    const url = new URL(await authorize(browser, 'ceo@evt.example'));
    url.searchParams.delete('code');
    url.searchParams.set('error', 'server_error');
    const res = await browser.get(url.toString());
    expect(res.status).toBe(400);
    const event = await eventOf(res);
    expect(event).toMatchObject(unvouched('idp_redirect_error', 'ceo@evt.example'));
    expect(event.email).toBeUndefined();
  });

  it('records login_expired without an email for a replayed callback (the login is gone)', async () => {
    const browser = new TestBrowser();
    const callback = await authorize(browser);
    await browser.get(callback);
    const replay = await browser.get(callback);
    expect(replay.status).toBe(400);
    const event = await eventOf(replay);
    expect(event).toMatchObject({ tenant: TENANT, type: 'sign_in_failed', errorCode: 'login_expired' });
    expect(event.email).toBeUndefined();
  });

  it('records bad_request for an answer without a code, and tenant_disabled for a tenant switched off mid-login', async () => {
    const browser = new TestBrowser();
    const url = new URL(await authorize(browser));
    url.searchParams.delete('code');
    const noCode = await browser.get(url.toString());
    expect(noCode.status).toBe(400);
    expect(await eventOf(noCode)).toMatchObject(unvouched('bad_request'));

    const second = new TestBrowser();
    const callback = await authorize(second);
    const tenant = (await stack.directory.getTenant(TENANT))!;
    await stack.directory.updateTenant(TENANT, tenant.version, { status: 'disabled' }, new Date());
    try {
      const res = await second.get(callback);
      expect(res.status).toBe(403);
      expect(await eventOf(res)).toMatchObject(unvouched('tenant_disabled'));
    } finally {
      const now = (await stack.directory.getTenant(TENANT))!;
      await stack.directory.updateTenant(TENANT, now.version, { status: 'active' }, new Date());
    }
  });

  it('records account_created, then sign_in, when JIT makes an account at first sign-in', async () => {
    rogue.behaviour.idTokenClaims = { sub: '00uevt-newcomer', email: 'new.person@evt.example' };
    rogue.behaviour.userinfo = { sub: '00uevt-newcomer', email: 'new.person@evt.example', email_verified: true, name: 'New Person' };
    const browser = new TestBrowser();
    const res = await browser.get(await authorize(browser, 'new.person@evt.example'));
    expect(res.status).toBe(303);

    const latest = await stack.events.list(TENANT, { since: new Date(Date.now() - 60_000), limit: 2 });
    // Both may carry the same millisecond, so find them by type rather than by position.
    const signIn = latest.find((e) => e.type === 'sign_in');
    const created = latest.find((e) => e.type === 'account_created');
    expect(signIn).toMatchObject({ type: 'sign_in', email: 'new.person@evt.example', correlationId: res.headers['x-correlation-id'] });
    expect(created).toMatchObject({
      type: 'account_created',
      email: 'new.person@evt.example',
      correlationId: res.headers['x-correlation-id'],
    });
  });

  it('records nothing for a host that names no tenant', async () => {
    const res = await new TestBrowser().get(`${stack.origin('ghost')}/auth/callback?code=x&state=${'A'.repeat(43)}`);
    expect(res.status).toBe(400);
    expect(await stack.events.list('ghost', { since: new Date(0) })).toEqual([]);
  });
});

describe('sign-out events', () => {
  it('records sign_out, with the email, when logout ends a session', async () => {
    const browser = new TestBrowser();
    expect((await browser.get(await authorize(browser))).status).toBe(303);
    const token = browser.cookie(new URL(app).host, '__Host-impero_session')!;
    const { sid } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string };

    const res = await browser.postForm(`${app}/auth/logout`, { csrf: csrfToken(sid) }, { 'sec-fetch-site': 'same-origin' });

    expect(res.status).toBe(303);
    expect(await eventOf(res)).toMatchObject({ tenant: TENANT, type: 'sign_out', email: USER });
  });

  it('records nothing when logout has no session to end', async () => {
    const before = await stack.events.list(TENANT, { since: new Date(0) });
    const res = await new TestBrowser().postForm(`${app}/auth/logout`, {}, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(303);
    expect(await stack.events.list(TENANT, { since: new Date(0) })).toEqual(before);
  });
});

describe('when the events table is unavailable', () => {
  it('still signs the user in, and logs that the event was not recorded', async () => {
    const ddb = stack.doc;
    await ddb.send(new DeleteTableCommand({ TableName: stack.tables.events }));
    try {
      const browser = new TestBrowser();
      const res = await browser.get(await authorize(browser));
      expect(res.status).toBe(303);
      expect(res.setCookies.some((c) => c.startsWith('__Host-impero_session='))).toBe(true);
      expect(stack.logs.some((l) => /event not recorded/.test(l) && /type=sign_in/.test(l))).toBe(true);
    } finally {
      const definition = tableDefinitions(stack.tables).find((d) => d.TableName === stack.tables.events)!;
      await ddb.send(new CreateTableCommand(definition));
    }
  });
});
