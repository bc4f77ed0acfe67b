/**
 * The rogue IdP fixture: well-behaved by default (a real OpenID client signs in), and each
 * knob bends exactly what it says.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROGUE_USER, startRogueIdp, type RogueIdp } from '../fixtures/rogue-idp.js';

const REDIRECT_URI = 'http://rogue.localhost:3000/auth/callback';
let rogue: RogueIdp;

beforeAll(async () => {
  rogue = await startRogueIdp();
});
afterAll(() => rogue?.close());
beforeEach(() => rogue.reset());

const jwks = async () => (await (await fetch(`${rogue.issuer}/oauth2/v1/keys`)).json()) as JSONWebKeySet;

/** Authorize (with PKCE) and return the redirect back, plus what the token request needs. */
async function authorize(extra: Record<string, string> = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: rogue.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    state: 'st-1',
    nonce: 'n-1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  });
  const res = await fetch(`${rogue.issuer}/oauth2/v1/authorize?${query}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return { back: new URL(res.headers.get('location')!), verifier };
}

async function tokenRequest(fields: Record<string, string>) {
  const res = await fetch(`${rogue.issuer}/oauth2/v1/token`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function tokens() {
  const { back, verifier } = await authorize();
  return tokenRequest({
    grant_type: 'authorization_code',
    client_id: rogue.clientId,
    code: back.searchParams.get('code')!,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
}

describe('the rogue IdP, well-behaved', () => {
  it('signs a real OpenID client in with code + PKCE, Okta-shaped', async () => {
    const config = await oidc.discovery(new URL(rogue.issuer), rogue.clientId, { id_token_signed_response_alg: 'RS256' }, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    expect(config.serverMetadata()).toMatchObject({
      token_endpoint: `${rogue.issuer}/oauth2/v1/token`,
      authorization_response_iss_parameter_supported: true,
    });
    const verifier = oidc.randomPKCECodeVerifier();
    const { back } = await authorize({ code_challenge: await oidc.calculatePKCECodeChallenge(verifier), login_hint: ROGUE_USER.email });
    expect(back.searchParams.get('iss')).toBe(rogue.issuer);
    expect(rogue.lastAuthorizeRequest?.login_hint).toBe(ROGUE_USER.email);

    const result = await oidc.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: verifier,
      expectedState: 'st-1',
      expectedNonce: 'n-1',
      idTokenExpected: true,
    });
    expect(result.claims()).toMatchObject({
      iss: rogue.issuer,
      aud: rogue.clientId,
      sub: ROGUE_USER.sub,
      email: ROGUE_USER.email,
      nonce: 'n-1',
    });
    expect(rogue.lastTokenRequest?.code_verifier).toBe(verifier);
    await jwtVerify(result.id_token!, createLocalJWKSet(await jwks()), {
      issuer: rogue.issuer,
      audience: rogue.clientId,
      algorithms: ['RS256'],
    });
    expect(await oidc.fetchUserInfo(config, result.access_token, ROGUE_USER.sub)).toMatchObject({
      email: ROGUE_USER.email,
      email_verified: true,
    });
  });

  it('refuses a wrong PKCE verifier and a reused code with invalid_grant', async () => {
    const { back, verifier } = await authorize();
    const fields = {
      grant_type: 'authorization_code',
      client_id: rogue.clientId,
      code: back.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
    };
    expect(await tokenRequest({ ...fields, code_verifier: randomBytes(32).toString('base64url') })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await tokenRequest({ ...fields, code_verifier: verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } }); // consumed above
  });
});

describe('the rogue IdP’s knobs', () => {
  it('overrides ID token claims, and drops those set to undefined', async () => {
    rogue.behaviour.idTokenClaims = { aud: [rogue.clientId, 'other'], azp: rogue.clientId, nonce: 'forged', email: undefined };
    const claims = decodeJwt((await tokens()).body.id_token!);
    expect(claims).toMatchObject({ aud: [rogue.clientId, 'other'], azp: rogue.clientId, nonce: 'forged', sub: ROGUE_USER.sub });
    expect(claims).not.toHaveProperty('email');
  });

  it('signs with HS256 keyed by the client id, with alg none, or with a key outside the JWKS', async () => {
    rogue.behaviour.alg = 'HS256';
    await expect(jwtVerify((await tokens()).body.id_token!, new TextEncoder().encode(rogue.clientId))).resolves.toBeDefined();
    rogue.behaviour.alg = 'none';
    const unsigned = (await tokens()).body.id_token!;
    expect(decodeProtectedHeader(unsigned).alg).toBe('none');
    expect(unsigned.endsWith('.')).toBe(true);
    rogue.behaviour.alg = 'RS256';
    rogue.behaviour.signWithUnknownKey = true;
    const kid = decodeProtectedHeader((await tokens()).body.id_token!).kid;
    expect((await jwks()).keys.map((k) => k.kid)).not.toContain(kid);
  });

  it('tampers the signature so that verification fails', async () => {
    rogue.behaviour.tamperSignature = true;
    await expect(jwtVerify((await tokens()).body.id_token!, createLocalJWKSet(await jwks()))).rejects.toThrow(/signature/);
  });

  it('omits the ID token, or answers the token request with an error, or slowly', async () => {
    rogue.behaviour.omitIdToken = true;
    expect((await tokens()).body).not.toHaveProperty('id_token');
    Object.assign(rogue.behaviour, { omitIdToken: false, tokenStatus: 400, tokenError: 'invalid_grant' });
    expect(await tokens()).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    Object.assign(rogue.behaviour, { tokenStatus: undefined, tokenError: undefined, tokenDelayMs: 300 });
    const started = Date.now();
    expect((await tokens()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('sends a wrong RFC 9207 iss or none, and can stop advertising it', async () => {
    rogue.behaviour.issParam = 'wrong';
    expect((await authorize()).back.searchParams.get('iss')).toBe('https://evil.okta.com');
    rogue.behaviour.issParam = 'omit';
    expect((await authorize()).back.searchParams.has('iss')).toBe(false);
    rogue.behaviour.advertiseIssParameter = false;
    const meta = await (await fetch(`${rogue.issuer}/.well-known/openid-configuration`)).json();
    expect(meta).not.toHaveProperty('authorization_response_iss_parameter_supported');
  });

  it('redirects back with an authorization error and the state', async () => {
    rogue.behaviour.authorizeError = { error: 'access_denied', error_description: 'User is not assigned to the client application.' };
    const { back } = await authorize();
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'User is not assigned to the client application.',
      state: 'st-1',
      iss: rogue.issuer,
    });
  });

  it('bends userinfo', async () => {
    rogue.behaviour.userinfo = { email_verified: false, name: undefined };
    const res = await fetch(`${rogue.issuer}/oauth2/v1/userinfo`, {
      headers: { authorization: `Bearer ${(await tokens()).body.access_token}` },
    });
    const body = await res.json();
    expect(body).toMatchObject({ sub: ROGUE_USER.sub, email_verified: false });
    expect(body).not.toHaveProperty('name');
  });

  it('rotates its key: a new kid signs, and only it is published', async () => {
    const before = (await jwks()).keys.map((k) => k.kid);
    rogue.rotateKeys();
    const after = (await jwks()).keys.map((k) => k.kid);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    const idToken = (await tokens()).body.id_token!;
    expect(decodeProtectedHeader(idToken).kid).toBe(after[0]);
    await jwtVerify(idToken, createLocalJWKSet(await jwks()));
  });

  it('resets every knob to well-behaved', async () => {
    Object.assign(rogue.behaviour, { alg: 'none', omitIdToken: true, issParam: 'omit', tokenError: 'x', authorizeError: { error: 'x' } });
    rogue.reset();
    expect((await authorize()).back.searchParams.get('iss')).toBe(rogue.issuer);
    const { status, body } = await tokens();
    expect(status).toBe(200);
    expect(decodeProtectedHeader(body.id_token!).alg).toBe('RS256');
  });
});
