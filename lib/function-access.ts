/**
 * What each function may do, and nothing more. Typed by `FunctionName`: a function added to
 * `lambdas/routes.ts` without an entry here does not compile. The actions follow the
 * DynamoDB adapters (`lambdas/adapters/dynamo-*.ts`) call by call, for all of its routes.
 */
import type { FunctionName } from '../lambdas/routes.js';

type TableAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:Query';
/** `kms:Sign` applies to the current session key; `kms:GetPublicKey` to it and to previous keys. */
type KeyAction = 'kms:Sign' | 'kms:GetPublicKey';
type SecretsKeyAction = 'kms:Decrypt' | 'kms:Encrypt';

export interface FunctionAccess {
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
  /** Whether a route of the function calls the tenant's Okta org (which sets its timeout, below). */
  callsIdentityProvider: boolean;
}

export const functionAccess: Record<FunctionName, FunctionAccess> = {
  // The login page and discovery read tenants and domain claims; authorize also writes a new
  // login transaction (conditional put, read back when its condition fails: a retried write)
  // and fetches Okta's discovery document.
  login: { directory: ['dynamodb:GetItem'], login: ['dynamodb:GetItem', 'dynamodb:PutItem'], sessionKey: [], callsIdentityProvider: true },
  // Consumes the transaction (conditional update that stamps it, then delete); reads tenant,
  // subject link and account; links the subject (conditional put + conditional update, delete
  // to compensate); signs; creates the server-side session (conditional put, read back when its
  // condition fails: a retried write), and ends it again if tenant or account changed
  // meanwhile (delete); records the outcome.
  callback: {
    directory: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    login: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    sessions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: ['kms:Sign'],
    // Opens the tenant's client secret, or signs a client assertion, to redeem the code.
    secretsKey: ['kms:Decrypt'],
    clientAssertionKey: ['kms:Sign'],
    callsIdentityProvider: true,
  },
  // The session check verifies the token (public keys) and reads its session; logout deletes
  // it and, for sign-out at Okta, reads the tenant and the org's discovery document; Universal
  // Logout reads tenant and account, records the token id (conditional put), queries and
  // deletes the account's sessions, and fetches the org's JWKS; both record their event; the
  // JWKS documents publish the public halves of both keys. Nothing here signs or decrypts.
  session: {
    directory: ['dynamodb:GetItem'],
    login: [],
    sessions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: ['kms:GetPublicKey'],
    clientAssertionKey: ['kms:GetPublicKey'],
    callsIdentityProvider: true,
  },
  // Reads the invited tenant to check its setup link; the only web function that writes
  // tenants and seals secrets: counts a failed attempt or activates the tenant (conditional
  // update of the tenant item) with its client secret sealed; runs the self-test against the
  // org; records it.
  setup: {
    directory: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    login: [],
    events: ['dynamodb:PutItem'],
    sessionKey: [],
    secretsKey: ['kms:Encrypt'],
    callsIdentityProvider: true,
  },
  // SCIM: reads the tenant (its token hashes) and reads and writes the tenant's accounts,
  // groups, memberships and id pointers (conditional puts, updates and deletes, queries for
  // listings); ends a deactivated or deleted account's sessions (query + delete), sets the
  // group names its live sessions carry (query + conditional update), and remembers where a
  // listing's page ended in the sessions table, whose TTL sweeps it (get + put); records events.
  // No key at all: SCIM tokens are compared as hashes, nothing is signed or decrypted.
  scim: {
    directory: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
    login: [],
    sessions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    events: ['dynamodb:PutItem'],
    sessionKey: [],
    callsIdentityProvider: false,
  },
  // Answers 404/405 from the route table alone.
  fallback: { directory: [], login: [], sessionKey: [], callsIdentityProvider: false },
};
