/**
 * `private_key_jwt` (RFC 7523 §2.2, OIDC Core §9): a client assertion signed by a Signer
 * port — the KMS client-assertion key in AWS, a local key file locally — instead of a
 * CryptoKey, which openid-client's own `PrivateKeyJwt` needs and KMS cannot give. It has the
 * shape of openid-client's `ClientAuth`, so openid-client still makes the token request.
 */
import { randomBytes } from 'node:crypto';
import type { Signer } from '../core/ports.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Seconds an assertion is valid: well within Okta's 5-minute maximum, enough for clock skew. */
const ASSERTION_LIFETIME_SECONDS = 120;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact ES256 JWS: `iss` = `sub` = client id, `aud` = the token endpoint, a fresh `jti`. */
export async function signClientAssertion(
  signer: Signer,
  clientId: string,
  tokenEndpoint: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  const header = { alg: 'ES256', kid: await signer.kid(), typ: 'JWT' };
  const payload = {
    iss: clientId,
    sub: clientId,
    aud: tokenEndpoint,
    jti: randomBytes(32).toString('base64url'),
    iat: nowSeconds,
    nbf: nowSeconds,
    exp: nowSeconds + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = await signer.sign(new TextEncoder().encode(signingInput));
  return `${signingInput}.${Buffer.from(signature).toString('base64url')}`;
}

/** The ClientAuth function: adds `client_id`, `client_assertion_type` and a fresh assertion to the token request body. */
export function signedAssertionAuth(signer: Signer) {
  return async (as: { token_endpoint?: string }, client: { client_id: string }, body: URLSearchParams): Promise<void> => {
    if (!as.token_endpoint) throw new Error('the issuer has no token_endpoint for the client assertion audience');
    body.set('client_id', client.client_id);
    body.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
    body.set('client_assertion', await signClientAssertion(signer, client.client_id, as.token_endpoint));
  };
}
