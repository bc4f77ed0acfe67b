/**
 * The ports the core depends on. Adapters implement them (DynamoDB, in-memory, KMS,
 * local keys, openid-client); the core never imports an SDK.
 */
import type { JWK } from 'jose';
import type { Account, ClientAuthMethod, LoginTransaction, Tenant } from './model.js';

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
  /** Defaults: `none`, no secret, JIT off, not a custom domain. */
  clientAuth?: ClientAuthMethod;
  clientSecretCiphertext?: string;
  jit?: boolean;
  customDomainOrg?: boolean;
}

/** `clientSecretCiphertext: null` removes the stored secret. */
export type TenantChanges = Partial<Pick<Tenant, 'name' | 'issuer' | 'clientId' | 'domains' | 'status' | 'clientAuth' | 'jit' | 'customDomainOrg'>> & {
  clientSecretCiphertext?: string | null;
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
}

export interface AccountStore {
  getAccountByEmail(tenant: string, email: string): Promise<Account | undefined>;
  /** The account linked to this Okta subject, in any tenant. */
  getAccountBySubject(iss: string, sub: string): Promise<Account | undefined>;
  listAccounts(tenant: string): Promise<Account[]>;
  /** ConflictError if the email already has an account in the tenant. */
  addAccount(account: NewAccount, now: Date): Promise<Account>;
  /** Adds many accounts; returns how many were new. Existing emails are left as they are. */
  importAccounts(accounts: NewAccount[], now: Date, onProgress?: (done: number) => void): Promise<{ added: number; existing: number }>;
  /** Removes the account and its subject link; false if there was none. */
  removeAccount(tenant: string, email: string): Promise<boolean>;
  /**
   * Links the account to an Okta subject. ConflictError if the subject is linked to
   * another account or the account to another subject.
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
}

/** Structured log lines; adapters decide the format. Never pass secrets as fields. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
