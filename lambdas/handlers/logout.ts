/** POST /auth/logout — clears the session cookie and returns to the login page. */
import { clearCookie, SESSION_COOKIE } from '../core/cookies.js';
import { badRequest } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { route } from '../http/route.js';
import { header } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, rt) => {
  const site = resolveSite(rt.config, event.headers.host);
  // Only Impero's own pages may sign a user out: no forced logout from other sites. Browsers
  // say where a request comes from in Sec-Fetch-Site; older ones only in Origin, which our
  // `Referrer-Policy: no-referrer` turns into "null" on our own form posts.
  const fetchSite = header(event, 'sec-fetch-site');
  const origin = header(event, 'origin');
  const foreign = fetchSite !== undefined ? fetchSite !== 'same-origin' : origin !== undefined && origin !== 'null' && origin !== site.origin;
  if (foreign) {
    throw badRequest('Sign out from an Impero page.');
  }
  rt.log.info('signed out');
  return redirect(303, `${site.origin}/auth/login`, [clearCookie(SESSION_COOKIE)]);
});
