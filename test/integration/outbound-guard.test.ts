/**
 * In AWS (allowLoopback off), a tenant's discovery document cannot steer Impero's requests:
 * a jwks_uri at 169.254.169.254, on another host, a token endpoint at a spelling of
 * 127.0.0.1, a private userinfo address — each is refused before any request goes there, by
 * the login's OpenID client and by the self-test alike; a loopback issuer is refused outright.
 *
 * The org is a real HTTP server on loopback. It is announced under a public literal address
 * (no DNS needed); the transport below the guard routes that address to the server, as the
 * network would route the real org. The guard and the endpoint policy run unchanged.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenIdConnect } from '../../lambdas/adapters/oidc.js';
import { runSelfTest } from '../../lambdas/adapters/self-test.js';
import { AuthError } from '../../lambdas/core/errors.js';

/** A public address (TEST-NET ranges are refused as reserved, so one outside them). */
const ISSUER = 'https://93.184.215.14';
const CLIENT = '0oaacme0000000000001';
const REDIRECT = 'https://acme.impero.com/auth/callback';
const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = { ...pair.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
/** An RS256 JWT under `k1`, the org's published key. */
function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ ...header, alg: 'RS256', kid: 'k1' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), pair.privateKey).toString('base64url')}`;
}
/** An Okta custom domain: a name its owner can repoint at any time. */
const CUSTOM = 'https://login.acme.example';
/** The code and nonce of the one sign-in the org below completes. */
const CODE = 'good-code';
const NONCE = 'n'.repeat(43);

let server: Server;
let local: string;
let discovery: Record<string, unknown>;
const seen: string[] = [];

/** Where requests to ISSUER really go: the org server on loopback. Records every URL asked for. */
const transport = (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const href = url instanceof Request ? url.url : String(url);
  seen.push(href);
  const origin = [ISSUER, CUSTOM].find((o) => href.startsWith(`${o}/`));
  if (!origin) throw new Error(`test transport: ${href} is not the org`);
  return fetch(href.replace(origin, local), init);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const json = (body: unknown, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/.well-known/openid-configuration') return json(discovery);
    if (req.url === '/oauth2/v1/keys') return json({ keys: [key] });
    if (req.url === '/oauth2/v1/token') {
      // The sign-in's code grant gets tokens (a thin ID token: email_verified is at /userinfo); anything else is a bad code.
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (new URLSearchParams(body).get('code') !== CODE) return json({ error: 'invalid_grant' }, 400);
        const now = Math.floor(Date.now() / 1000);
        const idToken = signJwt(
          { typ: 'JWT' },
          { iss: discovery.issuer, aud: CLIENT, sub: '00u1', email: 'ada@acme.example', nonce: NONCE, iat: now, exp: now + 300 },
        );
        json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken, scope: 'openid email profile' });
      });
      return;
    }
    if (req.url === '/oauth2/v1/userinfo') return json({ sub: '00u1', email: 'ada@acme.example', email_verified: true });
    // Okta's answer to the self-test's silent sign-in for a registered redirect URI.
    const url = new URL(req.url ?? '/', 'http://org');
    if (url.pathname === '/oauth2/v1/authorize' && url.searchParams.get('redirect_uri') === REDIRECT) {
      const back = new URL(REDIRECT);
      back.search = new URLSearchParams({ error: 'login_required', state: url.searchParams.get('state') ?? '' }).toString();
      return res.writeHead(302, { location: back.href }).end();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  seen.length = 0;
  discovery = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/oauth2/v1/authorize`,
    token_endpoint: `${ISSUER}/oauth2/v1/token`,
    jwks_uri: `${ISSUER}/oauth2/v1/keys`,
    userinfo_endpoint: `${ISSUER}/oauth2/v1/userinfo`,
    end_session_endpoint: `${ISSUER}/oauth2/v1/logout`,
    code_challenge_methods_supported: ['S256'],
    response_types_supported: ['code'],
  };
});

const BAD: [string, string, string][] = [
  ['jwks_uri', 'https://169.254.169.254/latest/meta-data/', /link-local/.source],
  ['jwks_uri', 'https://evil.example/keys', /neither the issuer's host nor an Okta domain/.source],
  ['token_endpoint', 'https://[::ffff:7f00:1]/token', /loopback/.source],
  ['token_endpoint', 'https://2130706433/token', /loopback/.source],
  ['userinfo_endpoint', 'https://10.0.0.8/userinfo', /private/.source],
  ['end_session_endpoint', 'https://0x7f.1/logout', /loopback/.source],
  ['authorization_endpoint', 'http://93.184.215.14/authorize', /not https/.source],
];

const request = { redirectUri: REDIRECT, state: 's'.repeat(43), nonce: 'n'.repeat(43), codeChallenge: 'c'.repeat(43) };
const authorize = (idp: OpenIdConnect, issuer = ISSUER) => idp.authorizationUrl({ issuer, clientId: CLIENT }, request);

describe('the login OpenID client in AWS (allowLoopback off)', () => {
  it('uses a well-behaved org whose endpoints are on its own host', async () => {
    const url = await authorize(new OpenIdConnect({ timeoutSeconds: 2, fetch: transport }));
    expect(url.href.startsWith(`${ISSUER}/oauth2/v1/authorize?`)).toBe(true);
  });

  it.each(BAD)('refuses a tenant whose %s is %s, calling nothing there', async (field, value, problem) => {
    discovery[field] = value;
    const error = await authorize(new OpenIdConnect({ timeoutSeconds: 2, fetch: transport })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'idp_error', status: 502 });
    expect(String((error as AuthError).cause)).toMatch(new RegExp(`${field} .*${problem}`));
    expect(seen).toEqual([`${ISSUER}/.well-known/openid-configuration`]);
  });

  it('refuses a loopback issuer before sending anything (a local run opts in)', async () => {
    const error = await authorize(new OpenIdConnect({ timeoutSeconds: 2 }), local).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'idp_error' });
    expect(String((error as AuthError).cause)).toMatch(/127\.0\.0\.1 is a loopback address/);
    discovery = {
      ...discovery,
      issuer: local,
      authorization_endpoint: `${local}/oauth2/v1/authorize`,
      token_endpoint: `${local}/oauth2/v1/token`,
      jwks_uri: `${local}/oauth2/v1/keys`,
    };
    delete discovery.userinfo_endpoint;
    delete discovery.end_session_endpoint;
    expect((await authorize(new OpenIdConnect({ timeoutSeconds: 2, allowLoopback: true }), local)).origin).toBe(local);
  });
});

describe('the self-test in AWS (allowLoopback off)', () => {
  const selfTest = (issuer = ISSUER, fetch: typeof globalThis.fetch = transport) =>
    runSelfTest(
      {
        issuer,
        clientId: CLIENT,
        redirectUri: REDIRECT,
        credentials: { method: 'none' },
        clientJwksUrl: 'https://acme.impero.com/auth/.well-known/client-jwks.json',
      },
      { fetch, timeoutMs: 2000 },
    );

  it('passes a well-behaved org', async () => {
    expect((await selfTest()).steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'discovery:pass',
      'issuer:pass',
      'endpoints:pass',
      'jwks:pass',
      'pkce:pass',
      'client:pass',
      'redirect:pass',
    ]);
  });

  it.each(BAD)('fails the endpoints step when %s is %s, and calls nothing there', async (field, value, problem) => {
    discovery[field] = value;
    const report = await selfTest();
    const endpoints = report.steps.find((s) => s.id === 'endpoints')!;
    expect(endpoints).toMatchObject({ status: 'fail', finding: { key: 'endpoints_missing', params: { fields: field } } });
    expect(endpoints.detail).toMatch(new RegExp(`${field} .*${problem}`));
    expect(seen.every((u) => u.startsWith(`${ISSUER}/`))).toBe(true);
  });

  it('refuses a loopback org without sending a request', async () => {
    const report = await selfTest(local, globalThis.fetch);
    expect(report.steps[0]).toMatchObject({
      id: 'discovery',
      status: 'fail',
      detail: expect.stringMatching(/127\.0\.0\.1 is a loopback address/),
    });
  });
});

/**
 * A custom-domain org's owner can repoint its name after discovery: the code grant (which
 * carries the client secret, the code and the PKCE verifier), the userinfo request and the
 * Universal Logout key fetch go through the guard too, so none of them reaches a private address.
 */
describe('an Okta custom domain repointed after discovery (allowLoopback off)', () => {
  /** What the custom domain resolves to now: a public address until the test repoints it. */
  let address: string;
  let idp: OpenIdConnect;
  beforeEach(async () => {
    address = '93.184.215.14';
    discovery = Object.fromEntries(Object.entries(discovery).map(([k, v]) => [k, typeof v === 'string' ? v.replace(ISSUER, CUSTOM) : v]));
    idp = new OpenIdConnect({ timeoutSeconds: 2, fetch: transport, resolve: async () => [{ address }] });
    await authorize(idp, CUSTOM); // discovery, while the name points at the org
    seen.length = 0;
  });

  const tx = {
    state: 's'.repeat(43),
    tenant: 'acme',
    issuer: CUSTOM,
    clientId: CLIENT,
    redirectUri: REDIRECT,
    nonce: NONCE,
    codeVerifier: 'v'.repeat(43),
    returnTo: '/dashboard',
    bindingHash: 'b',
    expiresAt: 0,
  };
  const signIn = () =>
    idp.completeLogin(tx, new URL(`${REDIRECT}?code=${CODE}&state=${tx.state}`), {
      method: 'client_secret_basic',
      secret: 'the-client-secret',
    });
  const logoutToken = () => {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      { typ: 'global-token-revocation+jwt' },
      {
        iss: CUSTOM,
        sub: CLIENT,
        aud: `${REDIRECT.replace('/callback', '/universal-logout')}`,
        iat: now,
        exp: now + 300,
        jti: randomBytes(8).toString('hex'),
      },
    );
  };
  const verifyLogout = () =>
    idp.verifyLogoutToken({ issuer: CUSTOM, clientId: CLIENT }, logoutToken(), REDIRECT.replace('/callback', '/universal-logout'));
  const refusedCause = (error: unknown) => {
    let e = error;
    while (e instanceof Error && e.name !== 'OutboundRefused') e = e.cause;
    return e instanceof Error ? e.message : undefined;
  };

  it('signs in through the guard while the name points at the org: the token and userinfo requests are sent', async () => {
    await expect(signIn()).resolves.toMatchObject({ sub: '00u1', email: 'ada@acme.example', emailVerified: true });
    expect(seen).toEqual([`${CUSTOM}/oauth2/v1/token`, `${CUSTOM}/oauth2/v1/keys`, `${CUSTOM}/oauth2/v1/userinfo`]);
  });

  it('sends no token request once the name points at a private address', async () => {
    address = '10.0.0.8';
    const error = await signIn().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'idp_error' });
    expect(refusedCause(error)).toMatch(/login\.acme\.example resolves to 10\.0\.0\.8, which is a private address/);
    expect(seen).toEqual([]);
  });

  it('sends no userinfo request (with the access token) once the name points at instance metadata', async () => {
    const repointing = transport;
    idp = new OpenIdConnect({
      timeoutSeconds: 2,
      fetch: async (url, init) => {
        const res = await repointing(url, init);
        if (String(url).endsWith('/keys')) address = '169.254.169.254'; // after the token and its keys, before userinfo
        return res;
      },
      resolve: async () => [{ address }],
    });
    await authorize(idp, CUSTOM);
    seen.length = 0;
    const error = await signIn().catch((e: unknown) => e);
    expect(refusedCause(error)).toMatch(/resolves to 169\.254\.169\.254, which is a link-local address/);
    expect(seen).toEqual([`${CUSTOM}/oauth2/v1/token`, `${CUSTOM}/oauth2/v1/keys`]);
  });

  it('verifies a Universal Logout token with keys fetched through the guard', async () => {
    await expect(verifyLogout()).resolves.toMatchObject({ jti: expect.any(String) });
    expect(seen).toEqual([`${CUSTOM}/oauth2/v1/keys`]);
  });

  it('fetches no Universal Logout keys once the name points at loopback', async () => {
    address = '127.0.0.1';
    const error = await verifyLogout().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'idp_error' });
    expect(refusedCause(error)).toMatch(/resolves to 127\.0\.0\.1, which is a loopback address/);
    expect(seen).toEqual([]);
  });
});
