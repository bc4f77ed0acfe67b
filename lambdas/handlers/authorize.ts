/** GET /auth/authorize — starts a login transaction and sends the browser to Okta. */
import { BINDING_COOKIE, readCookie } from '../core/cookies.js';
import { resolveSite } from '../core/host.js';
import { startLogin, type StartDeps } from '../core/login-start.js';
import { route } from '../http/route.js';
import { cookiesOf, param, queryOf } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, deps: StartDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  const query = queryOf(event);
  const outcome = await startLogin(deps, site, {
    loginHint: param(query, 'login_hint', 320),
    returnTo: param(query, 'return_to', 1024),
    iss: param(query, 'iss', 512),
    bindingCookie: readCookie(cookiesOf(event), BINDING_COOKIE),
  });
  return redirect(302, outcome.redirectTo, outcome.cookies);
});
