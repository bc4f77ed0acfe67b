/**
 * One Okta org, two Impero tenants (a group whose companies each have their own subdomain):
 * the same Okta user has an account in both and signs in to each, over real HTTP with the
 * dev Okta. Links are per tenant; a link written before that (one per Okta user) still works.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../lambdas/dev/seed.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

const SISTER = 'sister';
const SISTER_CLIENT = '0oasister00000000001';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  stack.idp.addClient({ clientId: SISTER_CLIENT, redirectUris: [`${stack.origin(SISTER)}/auth/callback`] });
  await stack.directory.createTenant(
    { subdomain: SISTER, name: 'Sister Company', issuer: stack.idp.issuer, clientId: SISTER_CLIENT, domains: [] },
    new Date(),
  );
  await stack.directory.addAccount({ tenant: SISTER, email: DEMO.user.email }, new Date());
});
afterAll(() => stack?.close());

async function signIn(browser: TestBrowser, subdomain: string) {
  const app = stack.origin(subdomain);
  const submitted = await browser.postForm(`${app}/auth/login`, { email: DEMO.user.email });
  const authorize = await browser.get(submitted.location!);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, DEMO.user);
  const callback = await browser.get(callbackUrl);
  const session = await browser.get(`${app}/auth/session`);
  return { callback, session, body: session.status === 200 ? (JSON.parse(session.body) as { sub: string; tenant: string }) : undefined };
}

describe('one Okta user with accounts in two tenants of one org', () => {
  it('signs in to the first, then to the second, then to the first again', async () => {
    const browser = new TestBrowser();

    const demo = await signIn(browser, DEMO.subdomain);
    const sister = await signIn(browser, SISTER);
    const again = await signIn(browser, DEMO.subdomain);

    for (const r of [demo, sister, again]) expect([r.callback.status, r.session.status]).toEqual([303, 200]);
    expect(demo.body).toMatchObject({ tenant: DEMO.subdomain });
    expect(sister.body).toMatchObject({ tenant: SISTER });
    expect(again.body!.sub).toBe(demo.body!.sub);
    expect(sister.body!.sub).not.toBe(demo.body!.sub);
    for (const tenant of [DEMO.subdomain, SISTER]) {
      expect(await stack.directory.getAccountBySubject(tenant, stack.idp.issuer, DEMO.user.id)).toMatchObject({
        tenant,
        email: DEMO.user.email,
      });
    }
  });

  it('keeps signing in a user whose only link is of the old shape, and signs them in to the other tenant too', async () => {
    // As an older version left it: the sister account linked by the one global link of the user.
    await stack.directory.removeAccount(SISTER, DEMO.user.email);
    await stack.directory.removeAccount(DEMO.subdomain, DEMO.user.email);
    await stack.directory.addAccount({ tenant: DEMO.subdomain, email: DEMO.user.email }, new Date());
    const old = {
      pk: `TENANT#${SISTER}`,
      sk: `ACCOUNT#${DEMO.user.email}`,
      tenant: SISTER,
      id: 'acc_oldshape0000000000',
      email: DEMO.user.email,
      subjectIss: stack.idp.issuer,
      subjectSub: DEMO.user.id,
      createdAt: new Date().toISOString(),
    };
    await stack.doc.send(new PutCommand({ TableName: stack.tables.directory, Item: old }));
    await stack.doc.send(
      new PutCommand({
        TableName: stack.tables.directory,
        Item: {
          pk: `SUBJECT#${stack.idp.issuer}#${DEMO.user.id}`,
          sk: '#SUBJECT',
          tenant: SISTER,
          email: DEMO.user.email,
          iss: stack.idp.issuer,
          sub: DEMO.user.id,
        },
      }),
    );
    const browser = new TestBrowser();

    const sister = await signIn(browser, SISTER);
    const demo = await signIn(browser, DEMO.subdomain);

    expect([sister.callback.status, sister.body?.sub]).toEqual([303, 'acc_oldshape0000000000']);
    expect([demo.callback.status, demo.body?.tenant]).toEqual([303, DEMO.subdomain]);
  });
});
