/**
 * The one module that talks OpenID Connect, through openid-client v6 (and jose for the ID
 * token signature, which openid-client does not check on code-grant responses). Every
 * openid-client error is translated to an AuthError in `translate` below.
 */
import * as client from 'openid-client';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AuthError, ErrorCode, safeCode } from '../core/errors.js';
import type { LoginTransaction } from '../core/model.js';
import type { AuthorizationRequest, IdentityProvider, VerifiedIdentity } from '../core/ports.js';
import { isLoopbackHost } from '../core/tenant-input.js';

export interface OidcOptions {
  /** Seconds before any request to the identity provider is abandoned. */
  timeoutSeconds: number;
  /** How long a discovered configuration is reused before it is fetched again. Default 1 h. */
  discoveryTtlMs?: number;
  /**
   * Minimum time between two JWKS fetches, for an unknown `kid`. Default 1 s: ID tokens
   * arrive from the org's token endpoint, not from the browser, so a miss means Okta rotated
   * its key and the refetch should happen at once.
   */
  jwksCooldownMs?: number;
  /** Tolerated clock difference, in seconds, for `iat` and `exp`. Default 5. */
  clockToleranceSeconds?: number;
}

interface Org {
  config: client.Configuration;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

const SCOPE = 'openid email profile';

export class OpenIdConnect implements IdentityProvider {
  private readonly orgs = new Map<string, Promise<Org>>();
  private readonly discoveryTtlMs: number;
  private readonly tolerance: number;

  constructor(private readonly options: OidcOptions) {
    this.discoveryTtlMs = options.discoveryTtlMs ?? 3_600_000;
    this.tolerance = options.clockToleranceSeconds ?? 5;
  }

  async authorizationUrl(org: { issuer: string; clientId: string }, request: AuthorizationRequest): Promise<URL> {
    const { config } = await this.org(org.issuer, org.clientId);
    const params: Record<string, string> = {
      response_type: 'code',
      scope: SCOPE,
      redirect_uri: request.redirectUri,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    };
    if (request.loginHint) params.login_hint = request.loginHint;
    return client.buildAuthorizationUrl(config, params);
  }

  async completeLogin(tx: LoginTransaction, callbackUrl: URL): Promise<VerifiedIdentity> {
    const { config, jwks } = await this.org(tx.issuer, tx.clientId);
    try {
      const tokens = await client.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: tx.codeVerifier, expectedState: tx.state, expectedNonce: tx.nonce, idTokenExpected: true },
        { redirect_uri: tx.redirectUri },
      );
      const claims = await this.verifyIdToken(tokens.id_token!, jwks, tx);
      let identity = toIdentity(claims);
      if (identity.email === undefined || identity.emailVerified === undefined) {
        // Okta's org server sends a "thin" ID token: the rest of the profile is at /userinfo.
        const info = await client.fetchUserInfo(config, tokens.access_token, identity.sub);
        identity = { ...toIdentity({ ...claims, ...info }), iss: identity.iss, sub: identity.sub };
      }
      return identity;
    } catch (error) {
      throw translate(error);
    }
  }

  /** Signature (RS256 only) against the issuer's JWKS, exact `iss`, sole `aud`, `exp`, `iat`, `nonce`. */
  private async verifyIdToken(idToken: string, jwks: Org['jwks'], tx: LoginTransaction): Promise<JWTPayload> {
    const { payload } = await jwtVerify(idToken, jwks, {
      algorithms: ['RS256'],
      issuer: tx.issuer,
      audience: tx.clientId,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: this.tolerance,
    });
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new IdTokenError('ID token has more than one audience');
    if (payload.azp !== undefined && payload.azp !== tx.clientId) throw new IdTokenError('ID token azp is another client');
    if (payload.iat! > Math.floor(Date.now() / 1000) + this.tolerance) throw new IdTokenError('ID token issued in the future');
    if (payload.nonce !== tx.nonce) throw new IdTokenError('ID token nonce mismatch');
    return payload;
  }

  private org(issuer: string, clientId: string): Promise<Org> {
    const key = `${issuer} ${clientId}`;
    const cached = this.orgs.get(key);
    if (cached) {
      return cached.then((org) => (Date.now() - org.fetchedAt < this.discoveryTtlMs ? org : this.discover(key, issuer, clientId)));
    }
    return this.discover(key, issuer, clientId);
  }

  private discover(key: string, issuer: string, clientId: string): Promise<Org> {
    const pending = (async (): Promise<Org> => {
      const url = new URL(issuer);
      const execute = url.protocol === 'http:' && isLoopbackHost(url.hostname) ? [client.allowInsecureRequests] : [];
      const config = await client.discovery(
        url,
        clientId,
        { id_token_signed_response_alg: 'RS256' },
        client.None(),
        { execute, timeout: this.options.timeoutSeconds },
      );
      const jwksUri = config.serverMetadata().jwks_uri;
      if (!jwksUri || new URL(jwksUri).origin !== url.origin) throw new IdTokenError("the issuer's jwks_uri is missing or on another origin");
      const jwks = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: this.options.timeoutSeconds * 1000,
        cooldownDuration: this.options.jwksCooldownMs ?? 1_000,
        cacheMaxAge: 3_600_000,
      });
      return { config, jwks, fetchedAt: Date.now() };
    })().catch((error: unknown) => {
      this.orgs.delete(key);
      throw translate(error);
    });
    this.orgs.set(key, pending);
    return pending;
  }
}

class IdTokenError extends Error {}

function toIdentity(claims: Record<string, unknown>): VerifiedIdentity {
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const verified = claims.email_verified;
  return {
    iss: String(claims.iss),
    sub: String(claims.sub),
    email: str(claims.email),
    emailVerified: typeof verified === 'boolean' ? verified : verified === 'true' ? true : verified === 'false' ? false : undefined,
    name: str(claims.name),
  };
}

/** Maps openid-client, jose and network errors to the product's errors. */
export function translate(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
    // The code was already redeemed, or expired at Okta: the user can simply start again.
    return new AuthError(ErrorCode.LOGIN_EXPIRED, 'This sign-in has expired or was already used. Start again from the login page.', { cause: error });
  }
  if (error instanceof client.ResponseBodyError) {
    return new AuthError(ErrorCode.IDP_ERROR, `Okta refused the sign-in (${safeCode(error.error)}).`, { cause: error });
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]?.parameters.error;
    return new AuthError(ErrorCode.IDP_ERROR, `Okta refused the sign-in (${safeCode(challenge)}).`, { cause: error });
  }
  // Defensive: the callback answers an `error` parameter itself before calling Okta.
  if (error instanceof client.AuthorizationResponseError) {
    return new AuthError(ErrorCode.IDP_ERROR, `Okta returned an error (${safeCode(error.error)}).`, { cause: error });
  }
  if (isUnreachable(error)) {
    return new AuthError(ErrorCode.IDP_UNAVAILABLE, 'Okta could not be reached in time. Try again in a minute.', { cause: error });
  }
  if (error instanceof IdTokenError || error instanceof joseErrors.JOSEError || error instanceof client.ClientError) {
    return new AuthError(ErrorCode.IDP_ERROR, "Okta's answer could not be verified, so you were not signed in.", { cause: error });
  }
  return new AuthError(ErrorCode.INTERNAL, 'Sign-in failed.', { cause: error });
}

function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || (e as { code?: string }).code === 'OAUTH_TIMEOUT') return true;
    if (e instanceof joseErrors.JWKSTimeout) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}

