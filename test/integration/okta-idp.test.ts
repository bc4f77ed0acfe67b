/**
 * The development IdP behaves like an Okta org authorization server for a real OpenID
 * client (openid-client v6): Okta's paths, code + PKCE, a thin ID token, the sign-in form,
 * Okta's access_denied text, and the token endpoint's error codes.
 */
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_ASSIGNED, startOktaIdp, type DevUser, type OktaIdp } from '../../lambdas/dev/okta-idp.js';

const CLIENT_ID = '0oatestclient0000001';
const REDIRECT_URI = 'http://demo.localhost:3000/auth/callback';
const ADA: DevUser = { id: '00utestada0000000001', email: 'ada@example.com', password: 'analytical-engine', name: 'Ada Lovelace' };
const BOB: DevUser = {
  id: '00utestbob0000000002',
  email: 'bob@example.com',
  password: 'builder',
  name: 'Bob',
  unassignedClients: [CLIENT_ID],
};

let idp: OktaIdp;
let config: oidc.Configuration;
const logs: string[] = [];

beforeAll(async () => {
  idp = await startOktaIdp({ users: [ADA], log: (line) => logs.push(line) });
  // Registered after start, as the tests do once the app's port is known.
  idp.addClient({ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI] });
  idp.addUser(BOB);
  config = await oidc.discovery(new URL(idp.issuer), CLIENT_ID, { id_token_signed_response_alg: 'RS256' }, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(() => idp?.close());

/** A browser's cookie jar and manual redirects, enough to walk the IdP's pages. */
class Walker {
  private readonly cookies = new Map<string, string>();
  async send(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0]!.split(/=(.*)/s) as [string, string];
      this.cookies.set(name, value);
    }
    return res;
  }
  /** Follows redirects while they stay on the IdP; returns the last response and its URL. */
  async follow(url: string, init?: RequestInit): Promise<{ res: Response; url: string }> {
    let res = await this.send(url, init);
    while (res.status >= 300 && res.status < 400 && new URL(res.headers.get('location')!, url).origin === idp.issuer) {
      url = new URL(res.headers.get('location')!, url).toString();
      res = await this.send(url);
    }
    return { res, url };
  }
  postForm(url: string, form: Record<string, string>) {
    return this.follow(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

async function startLogin(extra: Record<string, string> = {}) {
  const checks = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  const walker = new Walker();
  const form = await walker.follow(url.toString());
  return { checks, walker, form, html: await form.res.text() };
}

const actionOf = (html: string, base: string) =>
  new URL(/<form[^>]* action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'), base).toString();

async function signIn(user: DevUser) {
  const login = await startLogin({ login_hint: user.email });
  const { res } = await login.walker.postForm(actionOf(login.html, login.form.url), { email: user.email, password: user.password });
  expect(res.status).toBe(303);
  return { ...login, callback: new URL(res.headers.get('location')!) };
}

describe('the Okta-shaped development IdP', () => {
  it('publishes Okta’s endpoints, PKCE S256 and the RFC 9207 iss parameter in discovery', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(idp.issuer);
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const [key, path] of Object.entries({
      authorization_endpoint: 'authorize',
      token_endpoint: 'token',
      jwks_uri: 'keys',
      userinfo_endpoint: 'userinfo',
      end_session_endpoint: 'logout',
    })) {
      expect(meta[key]).toBe(`${idp.issuer}/oauth2/v1/${path}`);
    }
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(meta.id_token_signing_alg_values_supported).toEqual(['RS256']);
  });

  it('shows an accessible sign-in form with the login_hint and the app’s client id', async () => {
    const { form, html } = await startLogin({ login_hint: ADA.email });
    expect(form.res.status).toBe(200);
    expect(form.url).toMatch(new RegExp(`^${idp.issuer}/interaction/`));
    expect(html).toContain(`Signing in to <strong id="client">${CLIENT_ID}</strong>`);
    expect(html).toMatch(/<label for="email">Email<\/label>\s*<input id="email" type="email" name="email"[^>]*value="ada@example.com"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" type="password" name="password"/);
    expect(html).toMatch(/<button type="submit" id="sign-in"[^>]*>Sign in<\/button>/);
  });

  it('completes code + PKCE: a thin RS256 ID token with the Okta user id, the rest at userinfo', async () => {
    const { checks, callback } = await signIn(ADA);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: idp.issuer, aud: CLIENT_ID, sub: ADA.id, email: ADA.email, nonce: checks.nonce });
    expect(claims).not.toHaveProperty('email_verified');
    expect(claims).not.toHaveProperty('name');
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('RS256');
    await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${idp.issuer}/oauth2/v1/keys`)), {
      issuer: idp.issuer,
      audience: CLIENT_ID,
    });

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, ADA.id);
    expect(userinfo).toMatchObject({ sub: ADA.id, email: ADA.email, email_verified: true, name: ADA.name });
    expect(logs).toContain(`idp: login ok ${ADA.id} for client ${CLIENT_ID}`);
    expect(logs.join('\n')).not.toContain(ADA.password);
    expect(logs.join('\n')).not.toContain(callback.searchParams.get('code')!);
  });

  it('answers a wrong password with 401 and the form again, with an error', async () => {
    const { walker, form, html } = await startLogin();
    const { res } = await walker.postForm(actionOf(html, form.url), { email: ADA.email, password: 'not-the-password-7f3a' });
    expect(res.status).toBe(401);
    const again = await res.text();
    expect(again).toMatch(/role="alert"[^>]*>Unable to sign in/);
    expect(again).toContain('value="ada@example.com"');
    expect(logs.join('\n')).not.toContain('not-the-password-7f3a');
  });

  it('sends a user not assigned to the app back with Okta’s access_denied text and the state', async () => {
    const login = await startLogin();
    const { res } = await login.walker.postForm(actionOf(login.html, login.form.url), { email: BOB.email, password: BOB.password });
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_description: NOT_ASSIGNED,
      state: login.checks.state,
      iss: idp.issuer,
    });
    expect(NOT_ASSIGNED).toBe('User is not assigned to the client application.');
  });

  it('refuses an unknown client id with invalid_client, at authorize and at the token endpoint', async () => {
    const authorize = await fetch(
      `${idp.issuer}/oauth2/v1/authorize?client_id=0oanobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(400);
    expect(authorize.headers.get('location')).toBeNull();
    const token = await fetch(`${idp.issuer}/oauth2/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: '0oanobody',
        code: 'dummy',
        redirect_uri: REDIRECT_URI,
        code_verifier: 'v'.repeat(43),
      }),
    });
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('refuses a dummy code for a known client with invalid_grant', async () => {
    const token = await fetch(`${idp.issuer}/oauth2/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code: 'dummy',
        redirect_uri: REDIRECT_URI,
        code_verifier: 'v'.repeat(43),
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('reports email_verified: false at userinfo for an unverified user', async () => {
    const carol: DevUser = {
      id: '00utestcarol00000003',
      email: 'carol@example.com',
      password: 'pw-carol',
      name: 'Carol',
      emailVerified: false,
    };
    idp.addUser(carol);
    const { checks, callback } = await signIn(carol);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    });
    expect(await oidc.fetchUserInfo(config, tokens.access_token, carol.id)).toMatchObject({ email_verified: false });
  });

  it('signs out without a confirmation page', async () => {
    const { walker } = await signIn(ADA);
    const reauthorize = () =>
      walker.follow(
        oidc
          .buildAuthorizationUrl(config, {
            redirect_uri: REDIRECT_URI,
            scope: 'openid',
            code_challenge: 'x'.repeat(43),
            code_challenge_method: 'S256',
          })
          .toString(),
      );
    expect((await reauthorize()).res.status).toBe(303); // the IdP session signs in without the form
    const page = await walker.send(`${idp.issuer}/oauth2/v1/logout`);
    const html = await page.text();
    expect(html).toContain('name="logout" value="yes"');
    expect(html).toContain(`document.getElementById('op.logoutForm').submit()`);
    const form = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const { res } = await walker.postForm(actionOf(html, page.url), form as Record<string, string>);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are signed out');
    expect((await reauthorize()).res.status).toBe(200); // the session is gone: the form again
  });
});
