/**
 * Universal Logout tokens come from anyone who can reach the endpoint: a token with an unknown
 * `kid` may make Impero refetch the customer's JWKS at most once a minute per issuer (not once a
 * second, jose's cooldown), and a genuine key rotation still verifies after that minute. A real
 * OpenID provider on loopback counts the fetches; the throttle's clock is injected.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenIdConnect } from '../../lambdas/adapters/oidc.js';
import { startRogueIdp, type RogueIdp } from '../fixtures/rogue-idp.js';

const AUDIENCE = 'https://acme.impero.test/auth/universal-logout';
const HEADER = { typ: 'global-token-revocation+jwt' };

let rogue: RogueIdp;
let org: { issuer: string; clientId: string };
beforeAll(async () => {
  rogue = await startRogueIdp();
  org = { issuer: rogue.issuer, clientId: rogue.clientId };
});
afterAll(() => rogue?.close());

const claims = () => {
  const now = Math.floor(Date.now() / 1000);
  return { iss: rogue.issuer, sub: rogue.clientId, aud: AUDIENCE, iat: now, exp: now + 300, jti: randomBytes(8).toString('hex') };
};

/** A well-formed logout token signed by a key the org never published, under a fresh `kid`. */
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
function unknownKidToken(): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ ...HEADER, alg: 'RS256', kid: randomBytes(12).toString('base64url') })}.${b64(claims())}`;
  return `${input}.${sign('sha256', Buffer.from(input), stranger).toString('base64url')}`;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JWKS refetches for Universal Logout tokens', () => {
  it('refetches on unknown kids at most once a minute per issuer, and picks up a real rotation after the minute', async () => {
    let clock = 1_000_000;
    const oidc = new OpenIdConnect({ timeoutSeconds: 2, allowLoopback: true, now: () => clock });
    // The first genuine token loads the keys.
    await expect(oidc.verifyLogoutToken(org, rogue.signJwt(HEADER, claims()), AUDIENCE)).resolves.toMatchObject({
      jti: expect.any(String),
    });
    const loaded = rogue.jwksFetches;

    // A burst of unknown kids, spread over more than jose's own 1 s cooldown, within the minute: no fetch at all.
    for (let i = 0; i < 3; i++) {
      clock += 10_000;
      await expect(oidc.verifyLogoutToken(org, unknownKidToken(), AUDIENCE)).rejects.toMatchObject({ code: 'invalid_token' });
      await pause(1_100);
    }
    for (let i = 0; i < 20; i++)
      await expect(oidc.verifyLogoutToken(org, unknownKidToken(), AUDIENCE)).rejects.toMatchObject({ code: 'invalid_token' });
    expect(rogue.jwksFetches).toBe(loaded);

    // A minute after the last fetch: one refetch for the next unknown kid, then quiet again.
    clock += 31_000;
    for (let i = 0; i < 20; i++)
      await expect(oidc.verifyLogoutToken(org, unknownKidToken(), AUDIENCE)).rejects.toMatchObject({ code: 'invalid_token' });
    expect(rogue.jwksFetches).toBe(loaded + 1);

    // Okta rotates: within the minute the new kid is refused without a fetch; after it, it verifies.
    rogue.rotateKeys();
    clock += 30_000;
    await expect(oidc.verifyLogoutToken(org, rogue.signJwt(HEADER, claims()), AUDIENCE)).rejects.toMatchObject({ code: 'invalid_token' });
    expect(rogue.jwksFetches).toBe(loaded + 1);
    clock += 30_000;
    await expect(oidc.verifyLogoutToken(org, rogue.signJwt(HEADER, claims()), AUDIENCE)).resolves.toMatchObject({
      jti: expect.any(String),
    });
    expect(rogue.jwksFetches).toBe(loaded + 2);
  });

  it('refetches keys older than an hour, so a key Okta removed stops verifying', async () => {
    let clock = 5_000_000;
    const oidc = new OpenIdConnect({ timeoutSeconds: 2, allowLoopback: true, now: () => clock });
    const oldKeyToken = () => rogue.signJwt(HEADER, claims());
    await expect(oidc.verifyLogoutToken(org, oldKeyToken(), AUDIENCE)).resolves.toBeDefined();
    const signedBefore = oldKeyToken();
    rogue.rotateKeys();
    const before = rogue.jwksFetches;
    clock += 59 * 60_000;
    await expect(oidc.verifyLogoutToken(org, signedBefore, AUDIENCE)).resolves.toBeDefined(); // still the cached set
    clock += 60_000;
    await expect(oidc.verifyLogoutToken(org, signedBefore, AUDIENCE)).rejects.toMatchObject({ code: 'invalid_token' });
    expect(rogue.jwksFetches).toBe(before + 1);
  });
});
