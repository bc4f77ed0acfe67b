/**
 * The ports the core depends on. Adapters implement them (DynamoDB, in-memory, KMS,
 * local keys, openid-client); the core never imports an SDK.
 */
import type { JWK } from 'jose';
import type { AuthEvent } from './events.js';
import type { Account, ClientAuthMethod, LoginTransaction, Session, SetupLink, Tenant } from './model.js';

/** Thrown by store writes whose precondition failed (duplicate, version mismatch, missing). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface NewTenant {
  subdomain: string;
  name: string;
  issuer: string;
  clientId: string;
  domains: string[];
  /** Defaults: `none`, no secret, JIT off, not a custom domain, sign-out `impero`. */
  clientAuth?: ClientAuthMethod;
  clientSecretCiphertext?: string;
  jit?: boolean;
  customDomainOrg?: boolean;
  signOut?: Tenant['signOut'];
  /** `pending` with a setup link for `tenant invite`; default `active`. */
  status?: 'active' | 'pending';
  setup?: SetupLink;
}

/** `clientSecretCiphertext: null` removes the stored secret; `scim: null` turns SCIM off (every token ends). */
export type TenantChanges = Partial<
  Pick<Tenant, 'name' | 'issuer' | 'clientId' | 'domains' | 'status' | 'clientAuth' | 'jit' | 'customDomainOrg' | 'signOut' | 'setup'>
> & {
  clientSecretCiphertext?: string | null;
  scim?: Tenant['scim'] | null;
};

export interface TenantStore {
  getTenant(subdomain: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;
  /** Which tenant claims this (lowercase) email domain. */
  tenantForDomain(domain: string): Promise<string | undefined>;
  /** Creates the tenant and its domain claims; ConflictError if the subdomain or a domain is taken. */
  createTenant(tenant: NewTenant, now: Date): Promise<Tenant>;
  /** Applies changes if the stored version equals `expectedVersion`; ConflictError otherwise. */
  updateTenant(subdomain: string, expectedVersion: number, changes: TenantChanges, now: Date): Promise<Tenant>;
  /** Removes the tenant, its domain claims, its accounts and their subject links. */
  removeTenant(subdomain: string): Promise<void>;
}

export interface NewAccount {
  tenant: string;
  email: string;
  name?: string;
  /** Given and family name, kept apart (JIT takes them from Okta's `given_name`/`family_name`). */
  givenName?: string;
  familyName?: string;
}

export interface AccountStore {
  getAccountByEmail(tenant: string, email: string): Promise<Account | undefined>;
  /** The tenant's account linked to this Okta subject; links never cross tenants. */
  getAccountBySubject(tenant: string, iss: string, sub: string): Promise<Account | undefined>;
  listAccounts(tenant: string): Promise<Account[]>;
  /** ConflictError if the email already has an account in the tenant. */
  addAccount(account: NewAccount, now: Date): Promise<Account>;
  /** Adds many accounts; returns how many were new. Existing emails are left as they are. */
  importAccounts(accounts: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }>;
  /** Removes the account and its subject link; false if there was none. */
  removeAccount(tenant: string, email: string): Promise<boolean>;
  /**
   * Activates or deactivates the account (data and link stay); undefined if there is none.
   * `changedAt`, when given, becomes its `updatedAt` (SCIM's `meta.lastModified`).
   */
  setAccountActive(tenant: string, email: string, active: boolean, changedAt?: Date): Promise<Account | undefined>;
  /**
   * Links the account to an Okta subject, within its tenant. ConflictError if the subject is
   * linked to another account of the tenant or the account to another subject. Repeating
   * the same call (a retry) succeeds.
   */
  linkSubject(tenant: string, email: string, subject: { iss: string; sub: string }): Promise<Account>;
}

export type DirectoryStore = TenantStore & AccountStore;

export interface TransactionStore {
  put(tx: LoginTransaction): Promise<void>;
  /**
   * Deletes and returns the transaction only if it exists, belongs to `tenant`, carries
   * `bindingHash` and has not expired at `nowSeconds`; all in one atomic conditional
   * delete. Returns undefined otherwise (and leaves a mismatched record untouched).
   */
  consume(state: string, check: { tenant: string; bindingHash: string; nowSeconds: number }): Promise<LoginTransaction | undefined>;
}

/** Server-side sessions, keyed so that one account's or one tenant's sessions are one Query. */
export interface SessionStore {
  /** ConflictError if a session with this sid already exists for the account. */
  create(session: Session): Promise<void>;
  /** The session if it exists and has not expired at `nowSeconds` (one consistent read). */
  get(tenant: string, accountId: string, sid: string, nowSeconds: number): Promise<Session | undefined>;
  /** Deletes one session and returns it; undefined if it was already gone. */
  end(tenant: string, accountId: string, sid: string): Promise<Session | undefined>;
  /** The live sessions of a tenant, or of one account in it. */
  list(tenant: string, accountId?: string): Promise<Session[]>;
  /** Deletes every session of the account; returns how many there were. */
  endAccount(tenant: string, accountId: string): Promise<number>;
  /**
   * Sets `groupNames` and `groupsVersion` on every live session of the account that holds an
   * older version or none (a session that ends meanwhile stays ended); returns how many were
   * updated. Safe to repeat: a repeat meets its own version and changes nothing.
   */
  setGroupNames(tenant: string, accountId: string, groupNames: readonly string[], version: number): Promise<number>;
  /** Deletes every session of the tenant, a bounded page at a time; returns how many there were. */
  endTenant(tenant: string): Promise<number>;
  /**
   * Records a token id until `expiresAt`, marked with `writeId` (fresh per request); false if
   * another request recorded it before (a replay). A retry of this very write is not a replay.
   */
  useTokenId(tenant: string, jti: string, expiresAt: number, writeId: string): Promise<boolean>;
  /**
   * Forgets a token id recorded with `writeId`, so that the same token may be sent again (after
   * a failure of ours, even one that left it unclear whether the record was written). A record
   * of another request is left alone.
   */
  releaseTokenId(tenant: string, jti: string, writeId: string): Promise<void>;
}

export interface Signer {
  /** Key id that appears in issued tokens' headers and in the JWKS. */
  kid(): Promise<string>;
  /** Signs a JWS signing input (`base64url(header).base64url(payload)`) with ES256; returns the raw r||s signature. */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  /** Public keys that verify current and recent tokens. */
  publicJwks(): Promise<JWK[]>;
}

/**
 * Envelope for client secrets at rest (KMS in AWS, a local key file locally). `context`
 * names what the secret belongs to (the tenant's subdomain) and must match on decrypt, so
 * a ciphertext copied onto another tenant does not open.
 */
export interface SecretBox {
  encrypt(plaintext: string, context: string): Promise<string>;
  decrypt(ciphertext: string, context: string): Promise<string>;
}

/** How the login authenticates to a tenant's token endpoint, with what it needs to do so. */
export type ClientCredentials =
  | { method: 'none' }
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string }
  | { method: 'private_key_jwt'; signer: Signer };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the core learns about a user from their identity provider, after full validation. */
export interface VerifiedIdentity {
  iss: string;
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
  /** The raw ID token, for RP-initiated logout (`id_token_hint`); never logged. */
  idToken?: string;
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  loginHint?: string;
}

/** The tenant's OpenID provider (its Okta org), as the login flow needs it. */
export interface IdentityProvider {
  authorizationUrl(org: { issuer: string; clientId: string }, request: AuthorizationRequest): Promise<URL>;
  /** Code grant with PKCE, ID token validation, userinfo when the ID token is thin. Throws AuthError. */
  completeLogin(tx: LoginTransaction, callbackUrl: URL, credentials: ClientCredentials): Promise<VerifiedIdentity>;
  /** The org's RP-initiated logout URL (its `end_session_endpoint`), or undefined if it has none. */
  endSessionUrl(
    org: { issuer: string; clientId: string },
    params: { idTokenHint: string; postLogoutRedirectUri: string },
  ): Promise<URL | undefined>;
  /**
   * Verifies a Universal Logout bearer token from the org (typ, RS256 signature against the
   * org's JWKS, iss, sub = client id, aud, exp ≤ 5 min after iat). Throws AuthError.
   * `acceptedUntil`: the epoch second until which the token would still verify (`exp` plus the
   * tolerated clock difference), so how long its `jti` must be remembered.
   */
  verifyLogoutToken(
    org: { issuer: string; clientId: string },
    token: string,
    audience: string,
  ): Promise<{ jti: string; acceptedUntil: number }>;
}

/** Structured log lines; adapters decide the format. Never pass secrets as fields. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface EventQuery {
  /** Only events at or after this time. */
  since: Date;
  /** Only events of this canonical email: their `email`, or their `typedEmail` when they have no `email`. */
  email?: string;
  /** Only events of this type. */
  type?: AuthEvent['type'];
  /** At most this many, newest first; all of them when absent. */
  limit?: number;
  /**
   * Read at most this many stored events, newest first, before the `type` filter: bounds the
   * cost of looking for something rare behind many other events. Unbounded when absent.
   */
  maxRead?: number;
}

/** Where sign-in events are kept (a DynamoDB table with TTL; memory in tests). */
export interface EventStore {
  put(event: AuthEvent): Promise<void>;
  /** The tenant's events matching `query`, newest first. Never a scan. */
  list(tenant: string, query: EventQuery): Promise<AuthEvent[]>;
}
