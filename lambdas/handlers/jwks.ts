/** GET /auth/.well-known/jwks.json — public keys that verify session tokens. */
import type { Deps } from '../core/deps.js';
import { route } from '../http/route.js';
import { json } from '../http/respond.js';

export const handler = route('json', async (_event, deps: Pick<Deps, 'signer'>) =>
  json(200, { keys: await deps.signer.publicJwks() }, { 'cache-control': 'public, max-age=300' }),
);
