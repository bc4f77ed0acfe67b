/** GET /auth/session — whether the cookie's session is live: 200 with who it is, or 401. */
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { resolveSite } from '../core/host.js';
import { checkSession, type SessionCheckDeps } from '../core/session-check.js';
import { route } from '../http/route.js';
import { cookiesOf } from '../http/request.js';
import { json } from '../http/respond.js';

export const handler = route('json', async (event, deps: SessionCheckDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  return json(200, await checkSession(deps, site, readCookie(cookiesOf(event), SESSION_COOKIE)));
});
