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
  // creates the server-side session (conditional put).
  callback: {
    directory: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    login: ['dynamodb:DeleteItem'],
    sessions: ['dynamodb:PutItem'],
    sessionKey: ['kms:Sign'],
    // Opens the tenant's client secret, or signs a client assertion, to redeem the code.
    secretsKey: ['kms:Decrypt'],
    clientAssertionKey: ['kms:Sign'],
    callsIdentityProvider: true,
  },
  jwks: { directory: [], login: [], sessionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  'client-jwks': { directory: [], login: [], sessionKey: [], clientAssertionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  // Verifies the token (public keys), deletes its session; for sign-out at Okta reads the
  // tenant and the org's discovery document (end_session_endpoint).
  logout: { directory: ['dynamodb:GetItem'], login: [], sessions: ['dynamodb:DeleteItem'], sessionKey: ['kms:GetPublicKey'], callsIdentityProvider: true },
  // Verifies the token (public keys), then one consistent read of its session.
  session: { directory: [], login: [], sessions: ['dynamodb:GetItem'], sessionKey: ['kms:GetPublicKey'], callsIdentityProvider: false },
  // Reads tenant and account; records the token id (conditional put); queries and deletes the
  // account's sessions; fetches the org's JWKS. Ending sessions needs no signing key at all.
  'universal-logout': {
    directory: ['dynamodb:GetItem'],
    login: [],
    sessions: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    sessionKey: [],
    callsIdentityProvider: true,
  },
  // The fallback answers 404/405 from the route table alone.
  'not-found': { directory: [], login: [], sessionKey: [], callsIdentityProvider: false },
};
