/** POST /auth/logout — ends the server-side session, clears the cookie, returns to the login page (or Okta's logout). */
import { readCookie, SESSION_COOKIE } from '../core/cookies.js';
import { badRequest } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { logout, type LogoutDeps } from '../core/logout.js';
import { route } from '../http/route.js';
import { cookiesOf, formBody, param } from '../http/request.js';
import { fromOwnPage } from '../http/same-origin.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, deps: LogoutDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  // Only Impero's own pages may sign a user out (the same rule as the setup form's).
  if (!fromOwnPage(event, site.origin)) throw badRequest({ messageKey: 'foreign_sign_out' });
  const csrf = event.body ? param(formBody(event), 'csrf', 128) : undefined;
  const outcome = await logout(deps, site, { token: readCookie(cookiesOf(event), SESSION_COOKIE), csrf });
  return redirect(303, outcome.redirectTo, outcome.cookies);
});
