/**
 * Universal Logout when DynamoDB applies the token-id record but answers every attempt with an
 * error (review finding): Impero answers 422, and Okta's retry of the same token must end the
 * sessions (204), not be refused as a replay (401) while they live on. The whole path over real
 * HTTP; the stack's DynamoDB requests go through the fault-injecting proxy in front of dynalite.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DYNAMODB_MAX_ATTEMPTS } from '../../lambdas/adapters/aws-http.js';
import { DEMO } from '../../lambdas/dev/seed.js';
import { logoutTokenClaims } from '../../lambdas/dev/okta-idp-universal-logout.js';
import { EMULATORS } from '../fixtures/emulators.js';
import { startFaultyDynamo, type FaultyDynamo } from '../fixtures/faulty-dynamodb.js';
import { TestBrowser } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let server: { endpoint: string; close(): Promise<void> };
let proxy: FaultyDynamo;
let stack: TestStack;
beforeAll(async () => {
  server = await EMULATORS[0]!.start();
  proxy = await startFaultyDynamo(server.endpoint);
  stack = await startTestStack({}, { dynamodbEndpoint: proxy.endpoint });
});
afterAll(async () => {
  await stack?.close();
  await proxy?.close();
  await server?.close();
});

async function signedIn(app: string): Promise<() => Promise<boolean>> {
  const browser = new TestBrowser();
  const authorize = await browser.get(`${app}/auth/authorize?login_hint=${encodeURIComponent(DEMO.user.email)}`);
  const { callbackUrl } = await signInAtOkta(browser, authorize.location!, DEMO.user);
  await browser.get(callbackUrl);
  const token = browser.cookie(new URL(app).host, '__Host-impero_session')!;
  return async () => (await new TestBrowser().get(`${app}/auth/session`, { cookie: `__Host-impero_session=${token}` })).status === 200;
}

describe('Universal Logout when the token-id write is applied but its answers are lost', () => {
  it("answers 422, then ends the sessions at Okta's retry of the same token, and refuses a third send", async () => {
    const app = stack.origin();
    const endpoint = `${app}/auth/universal-logout`;
    const live = await signedIn(app);
    const claims = logoutTokenClaims(stack.idp.issuer, { clientId: DEMO.clientId, redirectUris: [], universalLogoutUri: endpoint });
    const token = await stack.idp.sign({ typ: 'global-token-revocation+jwt' }, claims);
    const send = () =>
      new TestBrowser().postJson(endpoint, { sub_id: { format: 'email', email: DEMO.user.email } }, { authorization: `Bearer ${token}` });

    const jtiPut = (b: Record<string, unknown>) => JSON.stringify(b).includes(`JTI#${claims.jti}`);
    for (let i = 0; i < DYNAMODB_MAX_ATTEMPTS; i++)
      proxy.once('lose', { operation: 'PutItem', table: stack.tables.sessions, when: jtiPut });
    expect((await send()).status).toBe(422);
    expect(proxy.injected.filter((f) => f.kind === 'lose')).toHaveLength(DYNAMODB_MAX_ATTEMPTS);
    expect(await live()).toBe(true);

    expect((await send()).status).toBe(204);
    expect(await live()).toBe(false);
    // Remembered as long as the token verifies: exp plus the 5 s clock tolerance, so TTL cannot free it early.
    const { Item } = await stack.doc.send(
      new GetCommand({
        TableName: stack.tables.sessions,
        Key: { pk: `TENANT#${DEMO.subdomain}`, sk: `JTI#${claims.jti}` },
        ConsistentRead: true,
      }),
    );
    expect(Item?.expiresAt).toBe(claims.exp! + 5);
    expect((await send()).status).toBe(401);
  });
});
