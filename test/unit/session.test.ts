import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalSigner } from '../../lambdas/adapters/local-signer.js';
import { csrfToken, issueSessionToken, verifySessionToken } from '../../lambdas/core/session.js';
import type { Account } from '../../lambdas/core/model.js';

const account: Account = { tenant: 'acme', id: 'acc_123', email: 'ada@acme.example', active: true, createdAt: '2026-01-01T00:00:00Z' };
const origin = 'https://acme.impero.com';

describe('issueSessionToken', () => {
  const signer = new LocalSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);

  it('issues an ES256 JWS that verifies against the published JWKS with every claim the interface promises', async () => {
    const now = new Date();
    const { token } = await issueSessionToken(signer, account, origin, now, 3600);
    const jwks = createLocalJWKSet({ keys: await signer.publicJwks() });
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      algorithms: ['ES256'],
      issuer: `${origin}/auth`,
      audience: origin,
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: await signer.kid() });
    expect(payload).toMatchObject({ sub: 'acc_123', email: 'ada@acme.example', tenant: 'acme' });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.jti).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(payload.sid).not.toBe(payload.jti);
  });

  it('gives every token its own jti', async () => {
    const a = await issueSessionToken(signer, account, origin, new Date(), 60);
    const b = await issueSessionToken(signer, account, origin, new Date(), 60);
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it('fails verification when the payload is altered', async () => {
    const { token } = await issueSessionToken(signer, account, origin, new Date(), 60);
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), tenant: 'other' })).toString(
      'base64url',
    );
    const jwks = createLocalJWKSet({ keys: await signer.publicJwks() });
    await expect(jwtVerify(`${h}.${forged}.${s}`, jwks)).rejects.toThrow(/signature/);
  });
});

describe('verifySessionToken', () => {
  const signer = new LocalSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  const now = new Date('2030-01-01T00:00:00Z');

  it('returns the claims for this tenant origin, and nothing for another tenant, origin, key or time', async () => {
    const { token, claims } = await issueSessionToken(signer, account, origin, now, 60);
    expect(await verifySessionToken(signer, token, { origin, tenant: 'acme', now })).toEqual(claims);
    expect(await verifySessionToken(signer, token, { origin, tenant: 'other', now })).toBeUndefined();
    expect(await verifySessionToken(signer, token, { origin: 'https://other.impero.com', tenant: 'acme', now })).toBeUndefined();
    expect(await verifySessionToken(signer, token, { origin, tenant: 'acme', now: new Date(now.getTime() + 60_000) })).toBeUndefined();
    const stranger = new LocalSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect(await verifySessionToken(stranger, token, { origin, tenant: 'acme', now })).toBeUndefined();
    expect(await verifySessionToken(signer, undefined, { origin, tenant: 'acme', now })).toBeUndefined();
    expect(await verifySessionToken(signer, 'x'.repeat(5000), { origin, tenant: 'acme', now })).toBeUndefined();
  });

  it('derives a CSRF token per session that does not contain the sid', async () => {
    const a = await issueSessionToken(signer, account, origin, now, 60);
    const b = await issueSessionToken(signer, account, origin, now, 60);
    expect(csrfToken(a.claims.sid)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfToken(a.claims.sid)).toBe(csrfToken(a.claims.sid));
    expect(csrfToken(a.claims.sid)).not.toBe(csrfToken(b.claims.sid));
    expect(csrfToken(a.claims.sid)).not.toContain(a.claims.sid.slice(0, 8));
  });
});

describe('LocalSigner.fromFile', () => {
  it('creates the key once, private to the user, and reuses it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'impero-key-')), 'nested', 'key.pem');
    const first = LocalSigner.fromFile(path);
    const second = LocalSigner.fromFile(path);
    expect(await second.kid()).toBe(await first.kid());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toContain('PRIVATE KEY');
    const jwk = (await first.publicJwks())[0]!;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    const { token } = await issueSessionToken(second, account, origin, new Date(), 60);
    expect(decodeProtectedHeader(token).kid).toBe(jwk.kid);
  });
});
