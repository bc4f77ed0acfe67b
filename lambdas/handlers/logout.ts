/** POST /auth/logout — clears the session cookie and returns to the login page. */
import { clearCookie, SESSION_COOKIE } from '../core/cookies.js';
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, rt) => {
  const site = resolveSite(rt.config, event.headers.host);
  rt.log.info('signed out');
  return redirect(303, `${site.origin}/auth/login`, [clearCookie(SESSION_COOKIE)]);
});
