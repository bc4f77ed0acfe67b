/** POST /auth/logout — ends the server-side session, clears the cookie, returns to the login page (or Okta's logout). */
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { badRequest } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { logout, type LogoutDeps } from '../core/logout.js';
import { route } from '../http/route.js';
import { cookiesOf, formBody, header, param } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, rt: LogoutDeps) => {
  const site = resolveSite(rt.config, event.headers.host);
  // Only Impero's own pages may sign a user out. Browsers say where a request comes from in
  // Sec-Fetch-Site; without it, the Origin must be this tenant's: `Origin: null` (sandboxed
  // frames, no-referrer pages) and no header at all are refused.
  const fetchSite = header(event, 'sec-fetch-site');
  const sameOrigin = fetchSite !== undefined ? fetchSite === 'same-origin' : header(event, 'origin') === site.origin;
  if (!sameOrigin) throw badRequest('Sign out from an Impero page.', 'foreign_sign_out');
  const csrf = event.body ? param(formBody(event), 'csrf', 128) : undefined;
  const outcome = await logout(rt, site, { token: readCookie(cookiesOf(event), SESSION_COOKIE), csrf });
  return redirect(303, outcome.redirectTo, outcome.cookies);
});
