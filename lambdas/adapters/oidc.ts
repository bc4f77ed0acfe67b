/**
 * The one module that talks OpenID Connect, through openid-client v6 (and jose for the ID
 * token signature, which openid-client does not check on code-grant responses). Every
 * openid-client error is translated to an AuthError in `translate` below.
 */
import * as client from 'openid-client';
import {
  createRemoteJWKSet,
  customFetch as joseFetch,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { AuthError, ErrorCode, safeCode } from '../core/errors.js';
import type { LoginTransaction } from '../core/model.js';
import type { AuthorizationRequest, ClientCredentials, IdentityProvider, VerifiedIdentity } from '../core/ports.js';
import { discoveryEndpointProblems } from '../core/outbound-policy.js';
import { isLoopbackHost } from '../core/tenant-input.js';
import { countCall } from './call-counts.js';
import { signedAssertionAuth } from './client-assertion.js';
import { LogoutKeys } from './logout-keys.js';
import { guardedFetch, OutboundRefused, type Resolve } from './guarded-fetch.js';

export interface OidcOptions {
  /** Seconds before any request to the identity provider is abandoned. */
  timeoutSeconds: number;
  /** Clock of the logout-token key throttle, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * Whether loopback issuers and endpoints may be called (local development and tests).
   * Default false: in AWS every request goes to a public address (core/outbound-policy.ts).
   */
  allowLoopback?: boolean;
  /** The transport under the outbound guard. Default: fetch, counted. Tests route public names to loopback with it. */
  fetch?: Fetch;
  /** The resolver the outbound guard asks. Default: the system's. Tests repoint a name with it. */
  resolve?: Resolve;
}

/** What is cached per issuer: the discovered metadata and the JWKS, never client credentials. */
interface Org {
  server: client.ServerMetadata;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

const SCOPE = 'openid email profile';
/** How long a discovered configuration is reused before it is fetched again: 1 h. */
const DISCOVERY_TTL_MS = 3_600_000;
/**
 * Minimum time between two JWKS fetches, for an unknown `kid` in an ID token: 1 s. ID tokens
 * arrive from the org's token endpoint, not from the browser, so a miss means Okta rotated its
 * key and the refetch should happen at once. Universal Logout tokens come from anyone: for
 * them, at most one fetch a minute per issuer (`logout-keys.ts`).
 */
const JWKS_COOLDOWN_MS = 1_000;
/** Tolerated clock difference, in seconds, for `iat` and `exp`. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Header `typ` of Okta's Universal Logout (global token revocation) tokens. */
const LOGOUT_TOKEN_TYPE = 'global-token-revocation+jwt';
/** Longest lifetime (`exp - iat`) accepted for a Universal Logout token: Okta issues 5 minutes. */
const LOGOUT_TOKEN_MAX_SECONDS = 300;

export class OpenIdConnect implements IdentityProvider {
  private readonly orgs = new Map<string, Promise<Org>>();
  /** Per issuer, outliving rediscovery: the throttle must hold across the hourly metadata refresh. */
  private readonly logoutKeys = new Map<string, { jwksUri: string; keys: LogoutKeys }>();
  /** Every request to an identity provider: counted, and only to addresses the policy allows. */
  private readonly send: Fetch;

  constructor(private readonly options: OidcOptions) {
    this.send = guardedFetch(options.fetch ?? countedFetch, { allowLoopback: options.allowLoopback ?? false, resolve: options.resolve });
  }

  async authorizationUrl(org: { issuer: string; clientId: string }, request: AuthorizationRequest): Promise<URL> {
    const config = this.configuration((await this.org(org.issuer)).server, org.clientId, { method: 'none' });
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

  async completeLogin(tx: LoginTransaction, callbackUrl: URL, credentials: ClientCredentials): Promise<VerifiedIdentity> {
    const { server, jwks } = await this.org(tx.issuer);
    // Built per login from the tenant's current credentials: a changed secret or method is used at once.
    let asked = false;
    const config = clientConfiguration(server, tx.clientId, credentials, this.options.timeoutSeconds, (url, options) => {
      asked = true;
      return this.send(url, options);
    });
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
      return { ...identity, idToken: tokens.id_token };
    } catch (error) {
      // openid-client checks the answer the browser brought before asking Okta anything (an
      // `iss` the org advertises but that is missing, a JARM `response`, an `id_token`): the
      // browser's doing, so a 4xx, never a failure of Okta's.
      if (!asked && error instanceof client.ClientError && error.code !== undefined) {
        throw new AuthError(ErrorCode.BAD_REQUEST, { messageKey: 'incomplete_okta_answer' }, { cause: error });
      }
      throw translate(error);
    }
  }

  async endSessionUrl(
    org: { issuer: string; clientId: string },
    params: { idTokenHint: string; postLogoutRedirectUri: string },
  ): Promise<URL | undefined> {
    const { server } = await this.org(org.issuer);
    if (!server.end_session_endpoint) return undefined;
    // The end-session URL carries no client authentication: the public client's configuration suffices.
    const config = this.configuration(server, org.clientId, { method: 'none' });
    try {
      return client.buildEndSessionUrl(config, {
        id_token_hint: params.idTokenHint,
        post_logout_redirect_uri: params.postLogoutRedirectUri,
      });
    } catch (error) {
      throw translate(error);
    }
  }

  async verifyLogoutToken(
    org: { issuer: string; clientId: string },
    token: string,
    audience: string,
  ): Promise<{ jti: string; acceptedUntil: number }> {
    const jwks = this.logoutKeysOf(org.issuer, (await this.org(org.issuer)).server.jwks_uri!).getKey;
    try {
      // Checked before the signature, so that no key is even looked up for another kind of token.
      const header = decodeProtectedHeader(token);
      if (header.typ !== LOGOUT_TOKEN_TYPE || header.alg !== 'RS256')
        throw new IdTokenError('not a global-token-revocation+jwt signed with RS256');
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        typ: LOGOUT_TOKEN_TYPE,
        issuer: org.issuer,
        subject: org.clientId,
        audience,
        requiredClaims: ['jti', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new IdTokenError('logout token has more than one audience');
      if (payload.iat! > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS)
        throw new IdTokenError('logout token issued in the future');
      if (payload.exp! - payload.iat! > LOGOUT_TOKEN_MAX_SECONDS) throw new IdTokenError('logout token lives longer than 5 minutes');
      if (typeof payload.jti !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(payload.jti))
        throw new IdTokenError('logout token jti is not a short printable string');
      return { jti: payload.jti, acceptedUntil: payload.exp! + CLOCK_TOLERANCE_SECONDS };
    } catch (error) {
      // An org whose keys are unreachable, or at an address Impero does not call, is no fault of the token.
      if (isUnreachable(error) || causeOfType(error, OutboundRefused)) throw translate(error);
      throw new AuthError(ErrorCode.INVALID_TOKEN, 'The bearer token is not a valid Universal Logout token for this tenant.', {
        cause: error,
      });
    }
  }

  /** Signature (RS256 only) against the issuer's JWKS, exact `iss`, sole `aud`, `exp`, `iat`, `nonce`. */
  private async verifyIdToken(idToken: string, jwks: Org['jwks'], tx: LoginTransaction): Promise<JWTPayload> {
    const { payload } = await jwtVerify(idToken, jwks, {
      algorithms: ['RS256'],
      issuer: tx.issuer,
      audience: tx.clientId,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new IdTokenError('ID token has more than one audience');
    if (payload.azp !== undefined && payload.azp !== tx.clientId) throw new IdTokenError('ID token azp is another client');
    if (payload.iat! > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw new IdTokenError('ID token issued in the future');
    if (payload.nonce !== tx.nonce) throw new IdTokenError('ID token nonce mismatch');
    return payload;
  }

  private logoutKeysOf(issuer: string, jwksUri: string): LogoutKeys {
    const known = this.logoutKeys.get(issuer);
    if (known?.jwksUri === jwksUri) return known.keys;
    const timeoutMs = this.options.timeoutSeconds * 1000;
    const keys = new LogoutKeys({ fetchJwks: () => fetchJwks(new URL(jwksUri), timeoutMs, this.send), now: this.options.now ?? Date.now });
    this.logoutKeys.set(issuer, { jwksUri, keys });
    return keys;
  }

  /** A Configuration for one client: the cached metadata, this client's authentication, timeouts. */
  private configuration(server: client.ServerMetadata, clientId: string, credentials: ClientCredentials): client.Configuration {
    return clientConfiguration(server, clientId, credentials, this.options.timeoutSeconds, this.send);
  }

  private org(issuer: string): Promise<Org> {
    const cached = this.orgs.get(issuer);
    if (cached) {
      return cached.then((org) => (Date.now() - org.fetchedAt < DISCOVERY_TTL_MS ? org : this.discover(issuer)));
    }
    return this.discover(issuer);
  }

  private discover(issuer: string): Promise<Org> {
    const pending = (async (): Promise<Org> => {
      const url = new URL(issuer);
      const execute = insecureAllowed(url) ? [client.allowInsecureRequests] : [];
      // The client id does not matter for discovery; each login builds its own Configuration.
      const config = await client.discovery(url, 'discovery', undefined, client.None(), {
        execute,
        timeout: this.options.timeoutSeconds,
        [client.customFetch]: (u, o) => this.send(u, o as RequestInit),
      });
      const server = config.serverMetadata();
      const refused = discoveryEndpointProblems(server, issuer, { allowLoopback: this.options.allowLoopback ?? false });
      if (refused.length > 0)
        throw new OutboundRefused(`the discovery document's ${refused.map((r) => `${r.field} ${r.problem}`).join('; ')}`);
      const jwksUri = server.jwks_uri;
      if (!jwksUri || new URL(jwksUri).origin !== url.origin)
        throw new IdTokenError("the issuer's jwks_uri is missing or on another origin");
      const jwks = createRemoteJWKSet(new URL(jwksUri), {
        timeoutDuration: this.options.timeoutSeconds * 1000,
        cooldownDuration: JWKS_COOLDOWN_MS,
        cacheMaxAge: 3_600_000,
        [joseFetch]: this.send,
      });
      return { server, jwks, fetchedAt: Date.now() };
    })().catch((error: unknown) => {
      this.orgs.delete(issuer);
      throw translate(error);
    });
    this.orgs.set(issuer, pending);
    return pending;
  }
}

/** What the module calls to reach an identity provider. */
type Fetch = (url: string | URL, options?: RequestInit) => Promise<Response>;

/** Every request to an identity provider goes through here, counted by path (`npm run bench:login`). */
const countedFetch = (url: string | URL, options?: RequestInit): Promise<Response> => {
  countCall(`okta ${new URL(url).pathname}`);
  return fetch(url, options);
};

/** An org's JWKS document, for the logout-token keys (jose's remote set serves ID tokens). */
async function fetchJwks(url: URL, timeoutMs: number, send: Fetch): Promise<JSONWebKeySet> {
  const res = await send(url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  const body = res.status === 200 ? ((await res.json().catch(() => undefined)) as JSONWebKeySet | undefined) : undefined;
  if (!body || !Array.isArray(body.keys)) throw new IdTokenError(`the JWKS at ${url.pathname} answered ${res.status} without a key set`);
  return body;
}

/** Plain http only for a loopback issuer (the development Okta and the tests). */
const insecureAllowed = (url: URL) => url.protocol === 'http:' && isLoopbackHost(url.hostname);

function clientAuthentication(credentials: ClientCredentials): client.ClientAuth {
  switch (credentials.method) {
    case 'none':
      return client.None();
    case 'client_secret_basic':
      return client.ClientSecretBasic(credentials.secret);
    case 'client_secret_post':
      return client.ClientSecretPost(credentials.secret);
    case 'private_key_jwt':
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- openid-client awaits a ClientAuth; its type says void only because most are synchronous
      return signedAssertionAuth(credentials.signer);
  }
}

/** `send` is the guarded fetch: the token and userinfo requests carry secrets, codes and tokens. */
function clientConfiguration(
  server: client.ServerMetadata,
  clientId: string,
  credentials: ClientCredentials,
  timeoutSeconds: number,
  send: Fetch,
): client.Configuration {
  const config = new client.Configuration(server, clientId, { id_token_signed_response_alg: 'RS256' }, clientAuthentication(credentials));
  if (insecureAllowed(new URL(server.issuer))) client.allowInsecureRequests(config);
  config.timeout = timeoutSeconds;
  config[client.customFetch] = (url, options) => send(url, options as RequestInit);
  return config;
}

export interface TokenEndpointProbe {
  issuer: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
  credentials: ClientCredentials;
  timeoutSeconds: number;
  /** The guarded fetch (adapters/guarded-fetch.ts): the probe carries the client's credentials. */
  fetch: typeof globalThis.fetch;
}

/**
 * For the support self-test: asks the token endpoint to redeem a made-up code, authenticating
 * exactly as a login does. Returns the OAuth error it answered (`invalid_grant` means the
 * client authenticated; `invalid_client` means it did not). Network failures are thrown.
 */
export async function probeTokenEndpoint(probe: TokenEndpointProbe): Promise<{ error?: string; status?: number }> {
  const server: client.ServerMetadata = { issuer: probe.issuer, token_endpoint: probe.tokenEndpoint };
  const config = clientConfiguration(server, probe.clientId, probe.credentials, probe.timeoutSeconds, probe.fetch);
  const random = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
  try {
    await client.genericGrantRequest(config, 'authorization_code', {
      code: random(24),
      redirect_uri: probe.redirectUri,
      code_verifier: random(32),
    });
    return { status: 200 };
  } catch (error) {
    if (error instanceof client.ResponseBodyError) return { error: error.error, status: error.status };
    if (error instanceof client.WWWAuthenticateChallengeError)
      return { error: error.cause[0]?.parameters.error ?? 'invalid_client', status: error.response.status };
    // An answer that is not an OAuth error body (a bare 500, an HTML page): report its status.
    if (error instanceof Error && error.cause instanceof Response) return { status: error.cause.status };
    throw error;
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
    givenName: str(claims.given_name),
    familyName: str(claims.family_name),
  };
}

/** Maps openid-client, jose and network errors to the product's errors. */
export function translate(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  const refused = causeOfType(error, OutboundRefused);
  if (refused) {
    return new AuthError(
      ErrorCode.IDP_ERROR,
      "This organisation's Okta settings point Impero at an address it does not call. Contact your administrator.",
      { cause: refused },
    );
  }
  if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
    // The code was already redeemed, or expired at Okta: the user can simply start again.
    return new AuthError(ErrorCode.LOGIN_EXPIRED, 'This sign-in has expired or was already used. Start again from the login page.', {
      cause: error,
    });
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

function causeOfType<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof type) return e;
  return undefined;
}

function isUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || (e as { code?: string }).code === 'OAUTH_TIMEOUT') return true;
    if (e instanceof joseErrors.JWKSTimeout) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}
