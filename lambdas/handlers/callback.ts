/** GET /auth/callback — Okta's redirect back: code grant, account, session cookie; one event either way. */
import { BINDING_COOKIE, readCookie } from '../core/cookies.js';
import { resolveSite } from '../core/host.js';
import { completeLogin, type CompleteDeps } from '../core/login-complete.js';
import { recordSignIn, type SignInPerson } from '../core/sign-in-events.js';
import { route } from '../http/route.js';
import { cookiesOf, param, queryOf } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, rt: CompleteDeps) => {
  const site = resolveSite(rt.config, event.headers.host);
  const person: SignInPerson = {};
  return recordSignIn(rt, site, person, async () => {
    const query = queryOf(event);
    for (const name of ['code', 'state', 'iss', 'error', 'error_description']) param(query, name);
    const outcome = await completeLogin(rt, site, { query, bindingCookie: readCookie(cookiesOf(event), BINDING_COOKIE) }, person);
    return redirect(303, outcome.redirectTo, outcome.cookies);
  });
});
