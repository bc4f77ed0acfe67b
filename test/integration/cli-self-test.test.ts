/**
 * The Okta self-test against a real OpenID provider on loopback (the Okta-shaped dev IdP),
 * a closed port, a wrong issuer, a server that never answers, and a small hand-written
 * provider for the faults a real one will not produce (no S256, no RSA keys, http endpoints…).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOktaIdp, type OktaIdp } from '../../lambdas/dev/okta-idp.js';
import { runSelfTest } from '../../lambdas/adapters/self-test.js';
import type { SelfTestReport, StepId } from '../../lambdas/core/self-test.js';
import { formatSelfTest } from '../../lambdas/support/output.js';
import { LocalSigner } from '../../lambdas/adapters/local-signer.js';
import type { ClientCredentials } from '../../lambdas/core/ports.js';
import { closedPort, silentServer } from '../fixtures/cli.js';

const CLIENT = '0oaacme0000000000001';
const REDIRECT = 'https://acme.impero.com/auth/callback';
// The dev IdP and the fault server are on loopback: a local run's self-test (allowLoopback).
const deps = { fetch: globalThis.fetch, timeoutMs: 2000, allowLoopback: true };
const JWKS_URL = 'https://acme.impero.com/auth/.well-known/client-jwks.json';
const test = (issuer: string, clientId = CLIENT, timeoutMs = deps.timeoutMs, credentials: ClientCredentials = { method: 'none' }) =>
  runSelfTest({ issuer, clientId, redirectUri: REDIRECT, credentials, clientJwksUrl: JWKS_URL }, { ...deps, timeoutMs });
const statuses = (r: SelfTestReport) => Object.fromEntries(r.steps.map((s) => [s.id, s.status])) as Record<StepId, string>;
const step = (r: SelfTestReport, id: StepId) => r.steps.find((s) => s.id === id)!;

describe('self-test against the Okta-shaped OpenID provider', () => {
  let idp: OktaIdp;
  beforeAll(async () => void (idp = await startOktaIdp({ port: 0, clients: [{ clientId: CLIENT, redirectUris: [REDIRECT] }] })));
  afterAll(async () => idp?.close());

  it('passes every step for a registered client', async () => {
    const report = await test(idp.issuer);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'discovery:pass',
      'issuer:pass',
      'endpoints:pass',
      'jwks:pass',
      'pkce:pass',
      'client:pass',
      'redirect:pass',
    ]);
    expect(formatSelfTest(report)).toMatch(/✓ client\s+the org accepts client 0oaacme0000000000001 with none\n/);
    expect(formatSelfTest(report)).toMatch(
      /✓ redirect\s+the org sends the browser back to https:\/\/acme\.impero\.com\/auth\/callback \(login_required\)\nAll checks passed\.\n$/,
    );
  });

  it('fails step redirect, naming the URI to add, when the app does not list the tenant’s callback', async () => {
    const report = await runSelfTest(
      {
        issuer: idp.issuer,
        clientId: CLIENT,
        redirectUri: 'https://beta.impero.com/auth/callback',
        credentials: { method: 'none' },
        clientJwksUrl: JWKS_URL,
      },
      deps,
    );
    expect(report.ok).toBe(false);
    expect(report.steps.filter((s) => s.status !== 'pass').map((s) => s.id)).toEqual(['redirect']);
    expect(step(report, 'redirect')).toMatchObject({
      status: 'fail',
      detail: `${idp.issuer}/oauth2/v1/authorize answered HTTP 400 (the org's error page) instead of sending the browser back to https://beta.impero.com/auth/callback`,
      hint: expect.stringContaining('add https://beta.impero.com/auth/callback to "Sign-in redirect URIs"'),
      finding: { key: 'redirect_refused', params: { uri: 'https://beta.impero.com/auth/callback', status: '400' } },
    });
    expect(formatSelfTest(report)).toMatch(/✗ redirect .*\n {4}fix: .*Sign-in redirect URIs.*\n1 check failed\.\n$/);
  });

  it('fails the client step, with a fix, for a client the org does not know', async () => {
    const report = await test(idp.issuer, '0oanotregistered00001');
    expect(report.ok).toBe(false);
    expect(statuses(report)).toMatchObject({ discovery: 'pass', jwks: 'pass', client: 'fail', redirect: 'skip' });
    // The org's error page for an unknown client looks like the one for an unknown redirect URI: not judged.
    expect(step(report, 'redirect').finding).toEqual({ key: 'skipped_client' });
    expect(step(report, 'client').detail).toContain('invalid_client');
    expect(step(report, 'client').hint).toMatch(/Client ID .* General tab/);
  });

  it('authenticates with the client secret as the login will, and names a wrong one', async () => {
    idp.addClient({
      clientId: '0oasecret00000000001',
      redirectUris: [REDIRECT],
      auth: { method: 'client_secret_basic', secret: 'right-secret-0123456789' },
    });
    const ok = await test(idp.issuer, '0oasecret00000000001', deps.timeoutMs, {
      method: 'client_secret_basic',
      secret: 'right-secret-0123456789',
    });
    expect(step(ok, 'client')).toMatchObject({ status: 'pass', detail: expect.stringContaining('client_secret_basic') });
    const wrong = await test(idp.issuer, '0oasecret00000000001', deps.timeoutMs, {
      method: 'client_secret_basic',
      secret: 'stale-secret-0123456789',
    });
    expect(step(wrong, 'client')).toMatchObject({ status: 'fail', detail: expect.stringContaining('invalid_client') });
    expect(step(wrong, 'client').hint).toMatch(/client secret is wrong or no longer active/);
    expect(JSON.stringify(wrong)).not.toContain('stale-secret');
    // The app has a secret but the tenant was registered without one: the hint says so.
    const none = await test(idp.issuer, '0oasecret00000000001');
    expect(step(none, 'client').hint).toMatch(/register it with --client-secret-stdin/);
  });

  it('signs a client assertion for private_key_jwt, and catches a key the app does not have', async () => {
    const ours = LocalSigner.fromFile(join(mkdtempSync(join(tmpdir(), 'impero-selftest-')), 'key.pem'));
    const jwks = createServer((_req, res) => {
      void ours.publicJwks().then((keys) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
      idp.addClient({ clientId: '0oaprivatekey0000001', redirectUris: [REDIRECT], auth: { method: 'private_key_jwt', jwksUri } });
      expect(
        step(await test(idp.issuer, '0oaprivatekey0000001', deps.timeoutMs, { method: 'private_key_jwt', signer: ours }), 'client').status,
      ).toBe('pass');
      const stranger = LocalSigner.fromFile(join(mkdtempSync(join(tmpdir(), 'impero-selftest-')), 'key.pem'));
      const report = await test(idp.issuer, '0oaprivatekey0000001', deps.timeoutMs, { method: 'private_key_jwt', signer: stranger });
      expect(step(report, 'client')).toMatchObject({ status: 'fail', detail: expect.stringContaining('invalid_client') });
      expect(step(report, 'client').hint).toContain(`enter ${JWKS_URL}`);
    } finally {
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  it('fails the issuer step for the right server under another name', async () => {
    const other = idp.issuer.replace('127.0.0.1', 'localhost');
    const report = await test(other);
    expect(statuses(report)).toMatchObject({ discovery: 'pass', issuer: 'fail' });
    expect(step(report, 'issuer').hint).toContain(`--okta-org ${idp.issuer}`);
  });
});

describe('self-test against unreachable orgs', () => {
  it('reports a refused connection and skips the rest', async () => {
    const report = await test(`http://127.0.0.1:${await closedPort()}`);
    expect(report.ok).toBe(false);
    expect(step(report, 'discovery')).toMatchObject({ status: 'fail', detail: expect.stringContaining('connection refused') });
    expect(report.steps.slice(1).every((s) => s.status === 'skip')).toBe(true);
    expect(formatSelfTest(report)).toMatch(/✗ discovery.*\n    fix: .*\n  - issuer\s+not checked/);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const report = await test(silent.origin, CLIENT, 300);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(step(report, 'discovery').detail).toContain('no answer within 0.3 s');
    } finally {
      await silent.close();
    }
  });
});

/** A minimal provider whose documents each test bends; records the token request it gets. */
interface Bent {
  discovery: Record<string, unknown>;
  discoveryStatus: number;
  discoveryBody?: string;
  location?: string;
  keys: unknown[];
  token: { status: number; body: string };
  /** The answer to the authorization request: a status, and where it redirects (from the request's query). */
  authorize: { status: number; location?: (query: Record<string, string>) => string; hang?: boolean };
}

describe('self-test against a provider with faults', () => {
  let server: Server;
  let origin: string;
  let bent: Bent;
  let tokenForm: Record<string, string> | undefined;
  let authorizeQuery: Record<string, string> | undefined;
  const rsaKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }),
    kid: 'k1',
    use: 'sig',
    alg: 'RS256',
  };
  const ecKey = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'k2', use: 'sig' };

  const readBody = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text;
  };

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (bent.location) headers.location = bent.location;
        return res.writeHead(bent.discoveryStatus, headers).end(bent.discoveryBody ?? JSON.stringify(bent.discovery));
      }
      if (req.url?.startsWith('/authorize?')) {
        authorizeQuery = Object.fromEntries(new URL(req.url, origin).searchParams);
        if (bent.authorize.hang) return;
        const location = bent.authorize.location?.(authorizeQuery);
        return res
          .writeHead(bent.authorize.status, { 'content-type': 'text/html', ...(location ? { location } : {}) })
          .end('<html>Okta</html>');
      }
      if (req.url === '/keys') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: bent.keys }));
      if (req.url === '/token' && req.method === 'POST') {
        tokenForm = Object.fromEntries(new URLSearchParams(await readBody(req)));
        return res.writeHead(bent.token.status, { 'content-type': 'application/json' }).end(bent.token.body);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    tokenForm = undefined;
    authorizeQuery = undefined;
    bent = {
      discovery: {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/keys`,
        code_challenge_methods_supported: ['S256'],
      },
      discoveryStatus: 200,
      keys: [rsaKey],
      token: { status: 400, body: JSON.stringify({ error: 'invalid_grant' }) },
      // Okta's answer to prompt=none for a registered redirect URI when nobody is signed in.
      authorize: { status: 302, location: (q) => `${q.redirect_uri}?error=login_required&error_description=x&state=${q.state}` },
    };
  });

  it('passes when well behaved, probing the token endpoint as a public PKCE client would', async () => {
    expect((await test(origin)).ok).toBe(true);
    expect(tokenForm).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: REDIRECT });
    expect(tokenForm!.code).toMatch(/^[\w-]{32}$/);
    expect(tokenForm!.code_verifier).toMatch(/^[\w-]{43,128}$/);
    expect(tokenForm).not.toHaveProperty('client_secret');
  });

  it('asks the authorization endpoint for a silent sign-in with PKCE and a fresh state, as a login would', async () => {
    const first = await test(origin);
    expect(step(first, 'redirect')).toMatchObject({ status: 'pass', finding: { key: 'redirect_ok', params: { uri: REDIRECT } } });
    const q = authorizeQuery!;
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      scope: 'openid',
      prompt: 'none',
      code_challenge_method: 'S256',
    });
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(q.state).toMatch(/^[\w-]{43}$/);
    expect(q.nonce).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(first)).not.toContain(q.state);
    await test(origin);
    expect(authorizeQuery!.state).not.toBe(q.state);
    expect(authorizeQuery!.code_challenge).not.toBe(q.code_challenge);
  });

  it('accepts any redirect back to the callback with the same state (fragment too)', async () => {
    bent.authorize.location = (q) => `${q.redirect_uri}#error=interaction_required&state=${q.state}`;
    expect(step(await test(origin), 'redirect')).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('(interaction_required)'),
    });
    bent.authorize = { status: 303, location: (q) => `${q.redirect_uri}?code=abc&state=${q.state}` };
    expect(step(await test(origin), 'redirect').status).toBe('pass');
  });

  it('never quotes the state of a redirect that goes elsewhere', async () => {
    bent.authorize.location = (q) => `https://login.example.com/error?state=${q.state}&redirect_uri=${encodeURIComponent(q.redirect_uri!)}`;
    const report = await test(origin);
    expect(step(report, 'redirect')).toMatchObject({
      status: 'fail',
      finding: { key: 'redirect_elsewhere', params: { uri: REDIRECT, status: '302', location: 'https://login.example.com/error' } },
    });
    expect(JSON.stringify(report)).not.toContain(authorizeQuery!.state);
  });

  it('gives up on an authorization endpoint that never answers, within the timeout', async () => {
    bent.authorize.hang = true;
    const started = Date.now();
    const report = await test(origin, CLIENT, 300);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(step(report, 'redirect')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('no answer within 0.3 s'),
      finding: { key: 'redirect_unreachable' },
    });
  });

  it.each([
    ['a 404 at the discovery address', (b: Bent): unknown => (b.discoveryStatus = 404), 'discovery', /HTTP 404/],
    [
      'a redirect instead of the document',
      (b: Bent): unknown => ((b.discoveryStatus = 302), (b.location = 'https://login.example.com/')),
      'discovery',
      /redirect to https:\/\/login\.example\.com/,
    ],
    [
      'something other than JSON',
      (b: Bent): unknown => (b.discoveryBody = '<html>hello</html>'),
      'discovery',
      /not answer with a JSON object/,
    ],
    ['no issuer at all', (b: Bent): unknown => delete b.discovery.issuer, 'issuer', /names no issuer/],
    ['a path on the issuer', (b: Bent): unknown => (b.discovery.issuer = `${origin}/oauth2/default`), 'issuer', /oauth2\/default/],
    [
      'a token endpoint on plain http off loopback',
      (b: Bent): unknown => (b.discovery.token_endpoint = 'http://okta.example.com/token'),
      'endpoints',
      /token_endpoint/,
    ],
    ['no authorization endpoint', (b: Bent): unknown => delete b.discovery.authorization_endpoint, 'endpoints', /authorization_endpoint/],
    ['only EC keys in the JWKS', (b: Bent): unknown => (b.keys = [ecKey]), 'jwks', /no RS256 signing key/],
    ['an empty JWKS', (b: Bent): unknown => (b.keys = []), 'jwks', /no RS256 signing key/],
    ['PKCE with plain only', (b: Bent): unknown => (b.discovery.code_challenge_methods_supported = ['plain']), 'pkce', /\["plain"\]/],
    ['no PKCE methods announced', (b: Bent): unknown => delete b.discovery.code_challenge_methods_supported, 'pkce', /null/],
    [
      'an unknown client',
      (b: Bent): unknown => (b.token = { status: 401, body: JSON.stringify({ error: 'invalid_client' }) }),
      'client',
      /invalid_client/,
    ],
    [
      'an app without the code grant',
      (b: Bent): unknown => (b.token = { status: 400, body: JSON.stringify({ error: 'unauthorized_client' }) }),
      'client',
      /unauthorized_client/,
    ],
    [
      'a token endpoint that breaks',
      (b: Bent): unknown => (b.token = { status: 500, body: '<html>oops</html>' }),
      'client',
      /HTTP 500; expected invalid_grant/,
    ],
    [
      'an error page for the redirect URI',
      (b: Bent): unknown => (b.authorize = { status: 400 }),
      'redirect',
      /answered HTTP 400 .* instead of sending the browser back to https:\/\/acme/,
    ],
    ['a redirect without a Location', (b: Bent): unknown => (b.authorize = { status: 302 }), 'redirect', /answered HTTP 302/],
    [
      'a redirect to another site',
      (b: Bent): unknown => (b.authorize.location = (q) => `https://evil.example/cb?state=${q.state}`),
      'redirect',
      /sent the browser to https:\/\/evil\.example\/cb, not back/,
    ],
    [
      'a redirect to another path',
      (b: Bent): unknown => (b.authorize.location = (q) => `${q.redirect_uri}/x?state=${q.state}`),
      'redirect',
      /auth\/callback\/x, not back/,
    ],
    [
      'a redirect back without the state',
      (b: Bent): unknown => (b.authorize.location = (q) => `${q.redirect_uri}?error=login_required`),
      'redirect',
      /without the request's state/,
    ],
    [
      'a redirect back with another state',
      (b: Bent): unknown => (b.authorize.location = (q) => `${q.redirect_uri}?error=login_required&state=x${q.state}`),
      'redirect',
      /without the request's state/,
    ],
  ] as const)('fails on %s', async (_what, bend, failing, detail) => {
    bend(bent);
    const report = await test(origin);
    expect(report.ok).toBe(false);
    expect(step(report, failing)).toMatchObject({ status: 'fail', detail: expect.stringMatching(detail), hint: expect.any(String) });
    expect(report.steps.filter((s) => s.status === 'fail').map((s) => s.id)).toEqual([failing]);
  });
});
