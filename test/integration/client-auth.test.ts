/**
 * Each token endpoint authentication an Okta web app can ask for, end to end against the dev
 * Okta (oidc-provider enforcing it): none, client_secret_basic, client_secret_post and
 * private_key_jwt with keys fetched from Impero's client JWKS. Wrong credentials never sign in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSecretBox } from '../../lambdas/adapters/local-secret-box.js';
import type { ClientAuthMethod } from '../../lambdas/core/model.js';
import type { DevClientAuth } from '../../lambdas/dev/okta-idp.js';
import { scanAll } from '../fixtures/dynamodb.js';
import { runBinary, runCliInProcess } from '../fixtures/cli.js';
import { TestBrowser, type Response } from '../fixtures/http-client.js';
import { signInAtOkta } from '../fixtures/okta-login.js';
import { startTestStack, type TestStack } from '../fixtures/stack.js';

let stack: TestStack;
let box: LocalSecretBox;
const PASSWORD = 'pw-grace-hopper';
/** One Okta user per tenant: a user linked in one tenant is refused in another. */
const userOf = (subdomain: string) => ({
  id: `00u${subdomain}`,
  email: `grace@${subdomain}.example`,
  password: PASSWORD,
  name: 'Grace Hopper',
});
const hasSession = (res: Response) => res.setCookies.some((c) => /^__Host-impero_session=[^;]+/.test(c));

beforeAll(async () => {
  stack = await startTestStack();
  box = LocalSecretBox.fromFile(process.env.SECRETS_KEY_FILE!);
});
afterAll(() => stack?.close());

let counter = 0;
/** A tenant whose Okta app authenticates with `idpAuth`, registered in Impero with `method` and `secret`. */
async function tenantWith(method: ClientAuthMethod, idpAuth: DevClientAuth, secret?: string): Promise<string> {
  const n = ++counter;
  const subdomain = `auth${n}`;
  const clientId = `0oaclientauth${String(n).padStart(7, '0')}`;
  stack.idp.addClient({ clientId, redirectUris: [`${stack.origin(subdomain)}/auth/callback`], auth: idpAuth });
  const clientSecretCiphertext = secret === undefined ? undefined : await box.encrypt(secret, subdomain);
  await stack.directory.createTenant(
    { subdomain, name: subdomain, issuer: stack.idp.issuer, clientId, domains: [], clientAuth: method, clientSecretCiphertext },
    new Date(),
  );
  stack.idp.addUser(userOf(subdomain));
  await stack.directory.addAccount({ tenant: subdomain, email: userOf(subdomain).email }, new Date());
  return subdomain;
}

async function signIn(subdomain: string): Promise<Response> {
  const browser = new TestBrowser();
  const user = userOf(subdomain);
  const start = await browser.get(`${stack.origin(subdomain)}/auth/authorize?login_hint=${encodeURIComponent(user.email)}`);
  expect(start.status).toBe(302);
  const { callbackUrl } = await signInAtOkta(browser, start.location!, user);
  return browser.get(callbackUrl);
}

describe('client authentication at the token endpoint', () => {
  it('none: a public client with PKCE alone', async () => {
    const res = await signIn(await tenantWith('none', { method: 'none' }));
    expect(res.status).toBe(303);
    expect(hasSession(res)).toBe(true);
  });

  it.each(['client_secret_basic', 'client_secret_post'] as const)(
    '%s: the sealed secret is opened and sent as the app requires',
    async (method) => {
      const secret = `s3cret-${method}-${'x'.repeat(20)}`;
      const res = await signIn(await tenantWith(method, { method, secret }, secret));
      expect(res.status).toBe(303);
      expect(hasSession(res)).toBe(true);
      expect(
        stack.logs.some((l) => l.includes(`client ${`0oaclientauth${String(counter).padStart(7, '0')}`}`) && l.includes('tokens issued')),
      ).toBe(true);
    },
  );

  it('uses a rotated secret at once: nothing about client authentication is cached across logins', async () => {
    const subdomain = await tenantWith(
      'client_secret_basic',
      { method: 'client_secret_basic', secret: 'before-rotation-0123456789' },
      'before-rotation-0123456789',
    );
    expect((await signIn(subdomain)).status).toBe(303);
    const clientId = (await stack.directory.getTenant(subdomain))!.clientId;
    stack.idp.addClient({
      clientId,
      redirectUris: [`${stack.origin(subdomain)}/auth/callback`],
      auth: { method: 'client_secret_post', secret: 'after-rotation-0123456789' },
    });
    expect((await signIn(subdomain)).status).toBe(502); // Impero still has the old secret and method
    const tenant = (await stack.directory.getTenant(subdomain))!;
    const sealed = await box.encrypt('after-rotation-0123456789', subdomain);
    await stack.directory.updateTenant(
      subdomain,
      tenant.version,
      { clientAuth: 'client_secret_post', clientSecretCiphertext: sealed },
      new Date(),
    );
    expect((await signIn(subdomain)).status).toBe(303);
  });

  it('client_secret_basic with a secret that is not the app’s: Okta refuses, no session', async () => {
    const res = await signIn(
      await tenantWith(
        'client_secret_basic',
        { method: 'client_secret_basic', secret: 'the-real-one-0123456789' },
        'a-stale-one-0123456789',
      ),
    );
    expect(res.status).toBe(502);
    expect(hasSession(res)).toBe(false);
    // Okta's word for it goes to the logs, found by the page's correlation id; the page says it in plain words.
    expect(res.body).toContain('Okta could not sign you in');
    expect(res.body).not.toContain('invalid_client');
    const request = `[${String(res.headers['x-correlation-id']).slice(0, 8)}]`;
    expect(stack.logs.filter((l) => l.includes(request)).join('\n')).toContain('Okta refused the sign-in (invalid_client)');
  });

  it('private_key_jwt: Okta verifies the assertion against Impero’s client JWKS URL', async () => {
    const res = await signIn(await tenantWith('private_key_jwt', { method: 'private_key_jwt', jwksUri: stack.clientJwksUri }));
    if (res.status !== 303) console.error(stack.logs.slice(-8).join('\n'));
    expect(res.status).toBe(303);
    expect(hasSession(res)).toBe(true);
  });

  it('private_key_jwt with a JWKS URL that does not hold Impero’s key: refused, no session', async () => {
    const elsewhere = `${stack.idp.issuer}/oauth2/v1/keys`; // some key set, not Impero's client key
    const res = await signIn(await tenantWith('private_key_jwt', { method: 'private_key_jwt', jwksUri: elsewhere }));
    expect(res.status).toBe(502);
    expect(hasSession(res)).toBe(false);
  });

  it('a secret tenant whose ciphertext was sealed for another tenant does not sign in, and says nothing of why', async () => {
    const subdomain = await tenantWith('client_secret_basic', { method: 'client_secret_basic', secret: 'moved-secret-0123456789' });
    const tenant = (await stack.directory.getTenant(subdomain))!;
    await stack.directory.updateTenant(
      subdomain,
      tenant.version,
      { clientSecretCiphertext: await box.encrypt('moved-secret-0123456789', 'someone-else') },
      new Date(),
    );
    const res = await signIn(subdomain);
    expect(res.status).toBe(500);
    expect(hasSession(res)).toBe(false);
    expect(res.body).not.toMatch(/secret|decrypt|context/i);
  });
});

describe('GET /auth/.well-known/client-jwks.json', () => {
  it('publishes the same ES256 key set on the bare host and on tenant hosts', async () => {
    const bare = await new TestBrowser().get(`http://localhost:${stack.port}/auth/.well-known/client-jwks.json`);
    const tenant = await new TestBrowser().get(`${stack.origin()}/auth/.well-known/client-jwks.json`);
    expect(bare.status).toBe(200);
    expect(tenant.body).toBe(bare.body);
    const { keys } = JSON.parse(bare.body) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(keys[0]).not.toHaveProperty('d');
    const sessionKeys = JSON.parse((await new TestBrowser().get(`${stack.origin()}/auth/.well-known/jwks.json`)).body).keys;
    expect(sessionKeys[0].kid).not.toBe(keys[0]!.kid);
  });
});

describe('a client secret is never seen again', () => {
  it('appears in no log line, CLI output or stored item of a full secret-tenant registration and login', async () => {
    const secret = `Ws3cr3t-${Math.random().toString(36).slice(2)}-${'q'.repeat(24)}`;
    const subdomain = 'sealed';
    const clientId = '0oasealed00000000001';
    const u = userOf(subdomain);
    // The CLI, given only BASE_DOMAIN, knows no port: its self-test asks Okta for the portless callback.
    const redirectUris = [`${stack.origin(subdomain)}/auth/callback`, `http://${subdomain}.localhost/auth/callback`];
    stack.idp.addClient({ clientId, redirectUris, auth: { method: 'client_secret_post', secret } });
    stack.idp.addUser(u);
    const env = { DYNAMODB_ENDPOINT: stack.dynamodbEndpoint, SECRETS_KEY_FILE: process.env.SECRETS_KEY_FILE!, BASE_DOMAIN: 'localhost' };
    // The secret crosses into the real binary on standard input; the later commands run in-process.
    const outputs = [
      await runBinary(
        [
          'tenant',
          'add',
          '--subdomain',
          subdomain,
          '--okta-org',
          stack.idp.issuer,
          '--client-id',
          clientId,
          '--client-auth',
          'client_secret_post',
          '--client-secret-stdin',
          '--domain',
          'sealed.example',
        ],
        { env, stdin: `${secret}\n` },
      ),
      await runCliInProcess(['account', 'add', '--tenant', subdomain, '--email', u.email], { env }),
      await runCliInProcess(['tenant', 'show', subdomain], { env }),
      await runCliInProcess(['tenant', 'show', subdomain, '--json'], { env }),
      await runCliInProcess(['tenant', 'list', '--json'], { env }),
      await runCliInProcess(['tenant', 'verify', subdomain, '--json'], { env }),
    ];
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(outputs[0]!.stdout).toMatch(/✓ client/);

    const res = await signIn(subdomain);
    expect(res.status).toBe(303);
    expect(hasSession(res)).toBe(true);

    const items =
      JSON.stringify(await scanAll(stack.doc, stack.tables.directory)) + JSON.stringify(await scanAll(stack.doc, stack.tables.login));
    expect(items).toContain('clientSecretCiphertext');
    const everything = [...stack.logs, ...outputs.flatMap((o) => [o.stdout, o.stderr]), items, res.body, JSON.stringify(res.headers)];
    expect(stack.logs.some((l) => l.includes('signed in') && l.includes(subdomain))).toBe(true);
    for (const text of everything) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
      expect(text).not.toContain(encodeURIComponent(secret));
    }
  });
});
