/** POST /auth/discover — email discovery for Impero's own SPA: JSON in, JSON out. */
import { discoverLogin, type DiscoveryDeps } from '../core/discovery.js';
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { jsonBody } from '../http/request.js';
import { json } from '../http/respond.js';

export const handler = route('json', async (event, deps: DiscoveryDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  const body = jsonBody(event);
  return json(200, { redirect: await discoverLogin(deps, site, { email: body.email, returnTo: body.return_to }) });
});
