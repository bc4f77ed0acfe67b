/** The session token: a compact ES256 JWS signed through the Signer port. */
import type { Account } from './model.js';
import type { Signer } from './ports.js';
import { randomToken } from './random.js';

export interface SessionClaims {
  iss: string;
  aud: string;
  sub: string;
  email: string;
  tenant: string;
  iat: number;
  exp: number;
  jti: string;
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
  };
  const input = `${encode({ alg: 'ES256', typ: 'JWT', kid: await signer.kid() })}.${encode(claims)}`;
  const signature = await signer.sign(new TextEncoder().encode(input));
  return { token: `${input}.${Buffer.from(signature).toString('base64url')}`, claims };
}
