/** POST /auth/universal-logout — Okta's Universal Logout: ends every session of the named user. */
import { resolveSite } from '../core/host.js';
import { universalLogout, type UniversalLogoutDeps } from '../core/universal-logout.js';
import type { Deps } from '../core/deps.js';
import { route } from '../http/route.js';
import { header, jsonBody } from '../http/request.js';

export const handler = route('json', async (event, deps: UniversalLogoutDeps & Pick<Deps, 'config'>) => {
  const site = resolveSite(deps.config, event.headers.host);
  await universalLogout(deps, site, { authorization: header(event, 'authorization'), body: () => jsonBody(event) });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '' };
});
