/**
 * Just-in-time accounts end to end: a verified user of a claimed domain gets an account at
 * first sign-in, named as Okta names them and linked to their Okta subject; every refusal
 * (JIT off, unclaimed domain, unverified email) leaves no account; two concurrent first
 * sign-ins create one account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../../lambdas/dev/okta-idp.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
const PASSWORD = 'pw-jit-user';
const user = (id: string, email: string, extra: Partial<DevUser> = {}): DevUser => ({
  id: `00u${id}`,
  email,
  password: PASSWORD,
  name: 'Nova Quinn',
  ...extra,
});
const hasSession = (res: Response) => res.setCookies.some((c) => /^__Host-impero_session=[^;]+/.test(c));

beforeAll(async () => {
  stack = await startTestStack();
  const now = new Date();
  for (const [subdomain, domain, jit, clientId] of [
    ['jitco', 'jit.example', true, '0oajitco000000000001'],
    ['nojit', 'nojit.example', false, '0oanojit000000000001'],
  ] as const) {
    stack.idp.addClient({ clientId, redirectUris: [`${stack.origin(subdomain)}/auth/callback`] });
    await stack.directory.createTenant({ subdomain, name: subdomain, issuer: stack.idp.issuer, clientId, domains: [domain], jit }, now);
  }
});
afterAll(() => stack?.close());

/** Up to the redirect back from Okta; the caller fetches the callback. */
async function toCallback(subdomain: string, u: DevUser): Promise<{ browser: TestBrowser; callbackUrl: string }> {
  stack.idp.addUser(u);
  const browser = new TestBrowser();
  const start = await browser.get(`${stack.origin(subdomain)}/auth/authorize?login_hint=${encodeURIComponent(u.email)}`);
  const { callbackUrl } = await signInAtOkta(browser, start.location!, u);
  return { browser, callbackUrl };
}

async function signIn(subdomain: string, u: DevUser): Promise<Response> {
  const { browser, callbackUrl } = await toCallback(subdomain, u);
  return browser.get(callbackUrl);
}

describe('JIT account creation', () => {
  it('creates the account of a verified user of a claimed domain, with Okta’s name, linked to the Okta user', async () => {
    const u = user('jitnew000000001', 'Nova.Quinn@JIT.example');
    const res = await signIn('jitco', u);
    expect(res.status).toBe(303);
    expect(hasSession(res)).toBe(true);
    const account = await stack.directory.getAccountByEmail('jitco', 'nova.quinn@jit.example');
    expect(account).toMatchObject({ name: 'Nova Quinn', subject: { iss: stack.idp.issuer, sub: u.id } });
    expect(stack.logs.some((l) => l.includes('account created at first sign-in') && l.includes(account!.id))).toBe(true);
    // The second sign-in finds the same account by its link.
    expect((await signIn('jitco', u)).status).toBe(303);
    expect((await stack.directory.listAccounts('jitco')).filter((a) => a.email === 'nova.quinn@jit.example')).toHaveLength(1);
  });

  it('takes given_name + family_name when Okta sends no name', async () => {
    const u = user('jitgiven0000001', 'ada.byron@jit.example', {
      name: undefined as unknown as string,
      givenName: 'Ada',
      familyName: 'Byron',
    });
    expect((await signIn('jitco', u)).status).toBe(303);
    expect((await stack.directory.getAccountByEmail('jitco', 'ada.byron@jit.example'))?.name).toBe('Ada Byron');
  });

  const refusals: [string, string, DevUser, number, RegExp][] = [
    ['JIT is off for the tenant', 'nojit', user('jitoff000000001', 'new@nojit.example'), 403, /no Impero account for new@nojit\.example/],
    [
      'the email’s domain is not one the tenant claims',
      'jitco',
      user('jitunclaimed001', 'new@elsewhere.example'),
      403,
      /no Impero account for new@elsewhere\.example/,
    ],
    [
      'Okta says the email is not verified',
      'jitco',
      user('jitunverified01', 'unverified@jit.example', { emailVerified: false }),
      403,
      /not verified/,
    ],
  ];
  it.each(refusals)('refuses, and creates nothing, when %s', async (_why, subdomain, u, status, text) => {
    const before = (await stack.directory.listAccounts(subdomain)).length;
    const res = await signIn(subdomain, u);
    expect(res.status).toBe(status);
    expect(hasSession(res)).toBe(false);
    expect(res.body).toMatch(text);
    expect(await stack.directory.listAccounts(subdomain)).toHaveLength(before);
  });

  it('makes one account of two concurrent first sign-ins of the same user', async () => {
    const u = user('jittwin00000001', 'twin@jit.example');
    const [a, b] = await Promise.all([toCallback('jitco', u), toCallback('jitco', u)]);
    const results = await Promise.all([a.browser.get(a.callbackUrl), b.browser.get(b.callbackUrl)]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    expect(results.every(hasSession)).toBe(true);
    const accounts = (await stack.directory.listAccounts('jitco')).filter((x) => x.email === 'twin@jit.example');
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.subject).toEqual({ iss: stack.idp.issuer, sub: u.id });
  });
});
