/**
 * What each route's Lambda may do, and nothing more. Typed by `HandlerName`: a route added
 * to `lambdas/routes.ts` without an entry here does not compile. The actions follow the
 * DynamoDB adapters (`lambdas/adapters/dynamo-*.ts`) call by call.
 */
import type { HandlerName } from '../lambdas/routes.js';

export type TableAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:Query';
/** `kms:Sign` applies to the current session key; `kms:GetPublicKey` to it and to previous keys. */
export type KeyAction = 'kms:Sign' | 'kms:GetPublicKey';
export type SecretsKeyAction = 'kms:Decrypt' | 'kms:Encrypt';

export interface HandlerAccess {
  directory: readonly TableAction[];
  login: readonly TableAction[];
  /** The sessions table; absent means no access. */
  sessions?: readonly TableAction[];
  /** The events table; handlers only ever add events (the support CLI reads them). Absent: no access. */
  events?: readonly TableAction[];
  sessionKey: readonly KeyAction[];
  /** The symmetric key that seals client secrets. Omitted: none. */
  secretsKey?: readonly SecretsKeyAction[];
  /** The client-assertion key (private_key_jwt), as `sessionKey` for the session key. Omitted: none. */
  clientAssertionKey?: readonly KeyAction[];
  /** Whether the route calls the tenant's Okta org (which sets its timeout, below). */
  callsIdentityProvider: boolean;
}

export const handlerAccess: Record<HandlerName, HandlerAccess> = {
  // Tenant lookup by host for the page title.
  'login-page': { directory: ['dynamodb:GetItem'], login: [], sessionKey: [], callsIdentityProvider: false },
  // Email domain claim, then the tenant.
  'login-submit': { directory: ['dynamodb:GetItem'], login: [], sessionKey: [], callsIdentityProvider: false },
  discover: { directory: ['dynamodb:GetItem'], login: [], sessionKey: [], callsIdentityProvider: false },
  // Reads the tenant, writes a new login transaction, fetches Okta's discovery document.
  authorize: { directory: ['dynamodb:GetItem'], login: ['dynamodb:PutItem'], sessionKey: [], callsIdentityProvider: true },
  // Consumes the transaction (conditional delete); reads tenant, subject link and account;
  // links the subject (conditional put + conditional update, delete to compensate); signs;
  // creates the server-side session (conditional put); records the outcome.
  callback: {
    directory: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    login: ['dynamodb:DeleteItem'],
    sessions: ['dynamodb:PutItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: ['kms:Sign'],
    // Opens the tenant's client secret, or signs a client assertion, to redeem the code.
    secretsKey: ['kms:Decrypt'],
    clientAssertionKey: ['kms:Sign'],
    callsIdentityProvider: true,
  },
  jwks: { directory: [], login: [], sessionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  'client-jwks': { directory: [], login: [], sessionKey: [], clientAssertionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  // Verifies the token (public keys), deletes its session; for sign-out at Okta reads the
  // tenant and the org's discovery document (end_session_endpoint); records sign_out.
  logout: {
    directory: ['dynamodb:GetItem'],
    login: [],
    sessions: ['dynamodb:DeleteItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: ['kms:GetPublicKey'],
    callsIdentityProvider: true,
  },
  // Verifies the token (public keys), then one consistent read of its session.
  session: { directory: [], login: [], sessions: ['dynamodb:GetItem'], sessionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  // Reads tenant and account; records the token id (conditional put); queries and deletes the
  // account's sessions; fetches the org's JWKS; records universal_logout. Ending sessions
  // needs no signing key at all.
  'universal-logout': {
    directory: ['dynamodb:GetItem'],
    login: [],
    sessions: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: [],
    callsIdentityProvider: true,
  },
  // Reads the invited tenant to check its setup link.
  'setup-page': { directory: ['dynamodb:GetItem'], login: [], sessionKey: [], callsIdentityProvider: false },
  // The only web route that writes tenants and seals secrets: counts a failed attempt or
  // activates the tenant (conditional update of the tenant item) with its client secret
  // sealed; runs the self-test against the org; records it.
  'setup-submit': {
    directory: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    login: [],
    events: ['dynamodb:PutItem'],
    sessionKey: [],
    secretsKey: ['kms:Encrypt'],
    callsIdentityProvider: true,
  },
  // The fallback answers 404/405 from the route table alone.
  'not-found': { directory: [], login: [], sessionKey: [], callsIdentityProvider: false },
};
