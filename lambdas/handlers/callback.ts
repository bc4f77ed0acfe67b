/** GET /auth/callback — Okta's redirect back: code grant, account, session cookie; one event either way. */
import { BINDING_COOKIE, readCookie } from '../core/cookies.js';
import { resolveSite } from '../core/host.js';
import { completeLogin, type CompleteDeps } from '../core/login-complete.js';
import { route } from '../http/route.js';
import { cookiesOf, param, queryOf } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, deps: CompleteDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  const outcome = await completeLogin(deps, site, () => {
    const query = queryOf(event);
    for (const name of ['code', 'state', 'iss', 'error', 'error_description']) param(query, name);
    return { query, bindingCookie: readCookie(cookiesOf(event), BINDING_COOKIE) };
  });
  return redirect(303, outcome.redirectTo, outcome.cookies);
});
