/** GET /auth/.well-known/client-jwks.json — public keys of Impero's private_key_jwt client assertions. */
import type { Deps } from '../core/deps.js';
import { route } from '../http/route.js';
import { json } from '../http/respond.js';

// The same document on every host: customers' Okta orgs fetch it from the tenant host or the bare one.
export const handler = route('json', async (_event, deps: Pick<Deps, 'clientAssertionSigner'>) =>
  json(200, { keys: await deps.clientAssertionSigner.publicJwks() }, { 'cache-control': 'public, max-age=300' }),
);
