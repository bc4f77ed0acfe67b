/** The private_key_jwt client assertion, checked with jose as an authorization server would. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, signClientAssertion, signedAssertionAuth } from '../../lambdas/adapters/client-assertion.js';
import { LocalSigner } from '../../lambdas/adapters/local-signer.js';

const TOKEN_ENDPOINT = 'https://acme.okta.com/oauth2/v1/token';
const CLIENT = '0oaacme0000000000001';
const signer = LocalSigner.fromFile(join(mkdtempSync(join(tmpdir(), 'impero-assertion-')), 'key.pem'));

describe('client assertion (RFC 7523)', () => {
  it('is an ES256 JWT with iss = sub = client id, aud = the token endpoint, a fresh jti, and a short life', async () => {
    const jwt = await signClientAssertion(signer, CLIENT, TOKEN_ENDPOINT);
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet({ keys: await signer.publicJwks() }), {
      algorithms: ['ES256'],
      issuer: CLIENT,
      subject: CLIENT,
      audience: TOKEN_ENDPOINT,
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: await signer.kid(), typ: 'JWT' });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await signClientAssertion(signer, CLIENT, TOKEN_ENDPOINT);
    expect((await jwtVerify(again, createLocalJWKSet({ keys: await signer.publicJwks() }))).payload.jti).not.toBe(payload.jti);
  });

  it('fills the token request body as openid-client expects of a ClientAuth', async () => {
    const body = new URLSearchParams({ grant_type: 'authorization_code' });
    await signedAssertionAuth(signer)({ token_endpoint: TOKEN_ENDPOINT }, { client_id: CLIENT }, body);
    expect(body.get('client_id')).toBe(CLIENT);
    expect(body.get('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE);
    expect(decodeProtectedHeader(body.get('client_assertion')!).alg).toBe('ES256');
    await expect(signedAssertionAuth(signer)({}, { client_id: CLIENT }, body)).rejects.toThrow(/token_endpoint/);
  });
});
