/**
 * A sign-in that races `tenant disable`, `account remove` or `account deactivate` must not
 * leave a live session. The interleavings are made for real: the dev Okta holds its token
 * answer (a slow Okta) while the disable runs, and a loopback proxy in front of DynamoDB
 * holds the callback's session write while the account is removed or deactivated. Also:
 * a deactivated account is refused at sign-in, in English and Danish.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { DEMO } from '../../lambdas/dev/seed.js';
import { inProcessCli } from '../fixtures/cli.js';
import { startHoldProxy, type HoldProxy } from '../fixtures/dynamo-hold-proxy.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let dynamo: { endpoint: string; close(): Promise<void> };
let proxy: HoldProxy;
let stack: TestStack;
let app: string;
let cli: ReturnType<typeof inProcessCli>;

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ port: 0 });
  proxy = await startHoldProxy(dynamo.endpoint);
  stack = await startTestStack({}, { dynamodbEndpoint: proxy.endpoint });
  app = stack.origin();
  cli = inProcessCli(stack.directory, { sessions: stack.sessions }, stack.events);
});
afterAll(async () => {
  await stack?.close();
  await proxy?.close();
  await dynamo?.close();
});

/** The demo tenant active and its account present, active and with no sessions, before each test. */
beforeEach(async () => {
  const tenant = (await stack.directory.getTenant(DEMO.subdomain))!;
  if (tenant.status !== 'active') await stack.directory.updateTenant(DEMO.subdomain, tenant.version, { status: 'active' }, new Date());
  if (!(await stack.directory.getAccountByEmail(DEMO.subdomain, DEMO.user.email))) {
    await stack.directory.addAccount({ tenant: DEMO.subdomain, email: DEMO.user.email, name: DEMO.user.name }, new Date());
  }
  await stack.directory.setAccountActive(DEMO.subdomain, DEMO.user.email, true);
  await stack.sessions.endTenant(DEMO.subdomain);
});

/** Everything up to Okta's redirect back: the browser holds the callback URL, not yet opened. */
async function throughOkta(browser: TestBrowser): Promise<string> {
  const submitted = await browser.postForm(`${app}/auth/login`, { email: DEMO.user.email });
  const authorize = await browser.get(submitted.location!);
  return (await signInAtOkta(browser, authorize.location!, DEMO.user)).callbackUrl;
}

const sessionCookie = (res: Response) => res.setCookies.find((c) => c.startsWith('__Host-impero_session='));

async function expectNoSessionLeft(browser: TestBrowser, res: Response): Promise<void> {
  expect(sessionCookie(res)).toBeUndefined();
  expect(res.location).toBeUndefined();
  expect(await stack.sessions.list(DEMO.subdomain)).toEqual([]);
  expect((await browser.get(`${app}/auth/session`)).status).toBe(401);
}

describe('a sign-in racing a revocation leaves no live session', () => {
  it('tenant disable while Okta is still answering the token request', async () => {
    const browser = new TestBrowser();
    const callbackUrl = await throughOkta(browser);
    const okta = stack.idp.holdNextTokenRequest();

    const callback = browser.get(callbackUrl);
    await okta.arrived; // the callback has read the tenant as active and waits for Okta
    const disabled = await cli(['tenant', 'disable', DEMO.subdomain]);
    okta.release();
    const res = await callback;

    expect(disabled.code).toBe(0);
    expect(res.status).toBe(403);
    expect(res.body).toContain('switched off');
    await expectNoSessionLeft(browser, res);
  });

  it.each([
    ['account remove', ['account', 'remove'], /removed while you were signing in|no Impero account/i],
    ['account deactivate', ['account', 'deactivate'], /deactivated/],
  ])('%s while the callback writes the session', async (_name, command, page) => {
    const browser = new TestBrowser();
    const callbackUrl = await throughOkta(browser);
    const write = proxy.holdNext((operation, body) => operation === 'PutItem' && body.TableName === stack.tables.sessions);

    const callback = browser.get(callbackUrl);
    await write.arrived; // the account was read as active; its session is on its way to DynamoDB
    const revoked = await cli([...command, '--tenant', DEMO.subdomain, '--email', DEMO.user.email]);
    write.release();
    const res = await callback;

    expect(revoked.code).toBe(0);
    expect(res.status).toBe(403);
    expect(res.body).toMatch(page);
    await expectNoSessionLeft(browser, res);
  });

  it('and without a race the same sign-in succeeds (the holds themselves change nothing)', async () => {
    const browser = new TestBrowser();
    const callbackUrl = await throughOkta(browser);
    const okta = stack.idp.holdNextTokenRequest();
    const write = proxy.holdNext((operation, body) => operation === 'PutItem' && body.TableName === stack.tables.sessions);

    const callback = browser.get(callbackUrl);
    await okta.arrived;
    okta.release();
    await write.arrived;
    write.release();
    const res = await callback;

    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toBeDefined();
    expect((await browser.get(`${app}/auth/session`)).status).toBe(200);
  });
});

describe('a deactivated account', () => {
  it('is refused with account_inactive in English and Danish, with no session; activated, it signs in again', async () => {
    expect((await cli(['account', 'deactivate', '--tenant', DEMO.subdomain, '--email', DEMO.user.email])).code).toBe(0);

    for (const [lang, text] of [
      ['en', 'Account deactivated'],
      ['da', 'Kontoen er deaktiveret'],
    ] as const) {
      const browser = new TestBrowser();
      const res = await browser.get(await throughOkta(browser), { 'accept-language': lang });
      expect(res.status).toBe(403);
      expect(res.body).toContain(`<html lang="${lang}"`);
      expect(res.body).toContain(text);
      await expectNoSessionLeft(browser, res);
    }
    const failures = await stack.events.list(DEMO.subdomain, { since: new Date(Date.now() - 60_000), type: 'sign_in_failed' });
    expect(failures[0]).toMatchObject({ errorCode: 'account_inactive', email: DEMO.user.email });

    expect((await cli(['account', 'activate', '--tenant', DEMO.subdomain, '--email', DEMO.user.email])).code).toBe(0);
    const browser = new TestBrowser();
    const res = await browser.get(await throughOkta(browser));
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toBeDefined();
  });
});
