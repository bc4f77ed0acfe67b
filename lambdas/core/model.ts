/** The records the product keeps. Storage adapters persist exactly these shapes. */
import type { ScimTokenRecord } from './scim/token.js';

/** `pending`: invited with `tenant invite`, waiting for the customer to use the setup link. */
type TenantStatus = 'active' | 'disabled' | 'pending';

/** A tenant's one-time setup link (`tenant invite`). The token itself is never stored. */
export interface SetupLink {
  /** SHA-256 (base64url) of the link's 256-bit token. */
  tokenHash: string;
  /** ISO time after which the link no longer works. */
  expiresAt: string;
  /** Submissions whose self-test failed; the link stops working at MAX_SETUP_FAILURES. */
  failedAttempts: number;
  /** When the link activated the tenant; a spent link never works again. */
  spentAt?: string;
}

/** How Impero authenticates to the tenant's token endpoint (PKCE S256 is sent in every case). */
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
export const CLIENT_AUTH_METHODS: readonly ClientAuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
/** What Sign out ends: the Impero session only, or the user's Okta session as well. */
type SignOut = 'impero' | 'okta';

export interface Tenant {
  /** First label of `https://<subdomain>.impero.com`; the tenant's id. */
  subdomain: string;
  /** Display name shown on pages; defaults to the subdomain. */
  name: string;
  /** Okta org issuer, normalised: `https://dev-company.okta.com` (no path, no trailing slash); empty while pending. */
  issuer: string;
  /** Client ID of the Impero app in the customer's Okta org. */
  clientId: string;
  /** Email domains whose users are sent to this tenant from the bare login host. */
  domains: string[];
  status: TenantStatus;
  /** Token endpoint authentication; `none` for tenants stored before it existed. */
  clientAuth: ClientAuthMethod;
  /**
   * The client secret, encrypted by the SecretBox with the subdomain as its context
   * (base64). Never the plaintext; absent unless `clientAuth` is a client_secret method.
   */
  clientSecretCiphertext?: string;
  /** Create an account at first sign-in for verified users of claimed domains. Default false. */
  jit: boolean;
  /** The org is an Okta custom domain (not *.okta.com & co.), accepted on purpose by support. */
  customDomainOrg: boolean;
  /** Default `impero`; `okta` sends the browser on to the org's end_session_endpoint at logout. */
  signOut: SignOut;
  /** The setup link, for tenants registered with `tenant invite`. */
  setup?: SetupLink;
  /** SCIM provisioning: hashes of its bearer token(s), from `scim token`; absent = SCIM off (also for tenants stored before SCIM). */
  scim?: ScimTokenRecord;
  /** Optimistic-locking counter, incremented by every update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Account {
  tenant: string;
  /** Stable Impero account id (the session token's `sub`). */
  id: string;
  /** Canonical email: trimmed, ASCII-lowercased. */
  email: string;
  /**
   * The display name (SCIM `displayName`). Accounts made before given and family names
   * existed carry their one name here, unsplit.
   */
  name?: string;
  /** Given and family name, kept apart as SCIM and Okta hold them. */
  givenName?: string;
  familyName?: string;
  /** Okta's user id, from SCIM: stored and echoed, never an identity proof. */
  externalId?: string;
  /** The tenant's SCIM groups the account is a member of, by display name; absent: none. */
  groups?: { id: string; displayName: string }[];
  /**
   * Bumped with every change of `groups` (in the same write): sessions carry the version of the
   * names they hold, so that a slower update never replaces newer names. Absent: 0.
   */
  groupsVersion?: number;
  /** The Okta user this account is linked to, once it has signed in. */
  subject?: { iss: string; sub: string };
  /** False once deactivated: the account keeps its data and link but cannot sign in. */
  active: boolean;
  createdAt: string;
  /** ISO time of the last SCIM change; absent for accounts never changed since `createdAt`. */
  updatedAt?: string;
}

/** One pending login, from `/auth/authorize` to `/auth/callback`. */
export interface LoginTransaction {
  /** The OAuth `state`; also the record's key. */
  state: string;
  tenant: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  nonce: string;
  codeVerifier: string;
  /** Same-host path to land on after sign-in. */
  returnTo: string;
  /** SHA-256 (base64url) of the browser-binding cookie value. */
  bindingHash: string;
  /** Epoch seconds; also the DynamoDB TTL attribute. */
  expiresAt: number;
  /** The email typed at login, if any: names the person in a failure event before Okta does. */
  loginHint?: string;
}

/**
 * One signed-in browser: created by the callback, named by the token's `sid`, ended by
 * logout, Universal Logout, revocation, or DynamoDB TTL after `expiresAt`.
 */
export interface Session {
  tenant: string;
  /** The Impero account id (the token's `sub`). */
  accountId: string;
  email: string;
  /** 256 random bits, base64url; the token's `sid`. */
  sid: string;
  createdAt: string;
  /** Epoch seconds: the token's `exp`; also the DynamoDB TTL attribute. */
  expiresAt: number;
  /** The sign-in's ID token, kept only for tenants that sign out at Okta (its `id_token_hint`). */
  idToken?: string;
  /**
   * The display names of the tenant's SCIM groups the account belongs to, sorted, as
   * `GET /auth/session` shows them; kept up to date by SCIM group writes. Absent: none.
   */
  groupNames?: string[];
  /** The account's `groupsVersion` these names are of (absent on sessions made before versions: oldest). */
  groupsVersion?: number;
}
