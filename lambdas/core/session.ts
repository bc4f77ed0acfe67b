/** The session token: a compact ES256 JWS signed through the Signer port, and its checks. */
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Account } from './model.js';
import type { Signer } from './ports.js';
import { isRandomToken, randomToken, sha256 } from './random-tokens.js';

export interface SessionClaims {
  iss: string;
  aud: string;
  sub: string;
  email: string;
  tenant: string;
  iat: number;
  exp: number;
  jti: string;
  /** The server-side session this token belongs to. */
  sid: string;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Issues a session token for `account`. `origin` is the tenant's public origin: it is the
 * audience, and `<origin>/auth` is the issuer whose keys are at `/auth/.well-known/jwks.json`.
 */
export async function issueSessionToken(
  signer: Signer,
  account: Account,
  origin: string,
  now: Date,
  ttlSeconds: number,
): Promise<{ token: string; claims: SessionClaims }> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: SessionClaims = {
    iss: `${origin}/auth`,
    aud: origin,
    sub: account.id,
    email: account.email,
    tenant: account.tenant,
    iat,
    exp: iat + ttlSeconds,
    jti: randomToken(),
    sid: randomToken(),
  };
  const input = `${encode({ alg: 'ES256', typ: 'JWT', kid: await signer.kid() })}.${encode(claims)}`;
  const signature = await signer.sign(new TextEncoder().encode(input));
  return { token: `${input}.${Buffer.from(signature).toString('base64url')}`, claims };
}

/** Longest session cookie value accepted: a token is about 600 characters. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * The claims of a session token if its signature verifies against the signer's public keys
 * (ES256 only), `iss` and `aud` are this tenant origin's, it has not expired and it names
 * `tenant` and a well-formed `sid`; undefined otherwise. Needs no KMS Sign, only public keys.
 */
export async function verifySessionToken(
  signer: Signer,
  token: string | undefined,
  expected: { origin: string; tenant: string; now: Date },
): Promise<SessionClaims | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  // Outside the try: keys that cannot be loaded (KMS down) are our failure, not a bad token —
  // logout must not clear the cookie and report success while the session lives on.
  const keys = createLocalJWKSet({ keys: await signer.publicJwks() });
  try {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['ES256'],
      issuer: `${expected.origin}/auth`,
      audience: expected.origin,
      requiredClaims: ['sub', 'exp', 'iat', 'sid'],
      currentDate: expected.now,
    });
    const claims = payload as unknown as SessionClaims;
    if (claims.tenant !== expected.tenant || !isRandomToken(claims.sid) || typeof claims.sub !== 'string') return undefined;
    return claims;
  } catch {
    return undefined;
  }
}

/**
 * The sign-out form's CSRF token: derived from the session id, which only the session's own
 * pages know (the cookie is HttpOnly), so another site cannot produce it; a leaked token
 * reveals nothing about the sid and can at most sign that one session out.
 */
export const csrfToken = (sid: string): string => sha256(`impero-logout:${sid}`);
