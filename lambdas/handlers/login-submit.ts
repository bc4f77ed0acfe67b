/** POST /auth/login — the login form: email discovery, then 303 to /auth/authorize. */
import { discoverLogin } from '../core/discovery.js';
import { isAuthError } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { loginPage } from '../core/pages.js';
import { safeReturnTo, DEFAULT_RETURN_TO } from '../core/return-to.js';
import { route } from '../http/route.js';
import { formBody, param } from '../http/request.js';
import { html, redirect } from '../http/respond.js';

export const handler = route('html', async (event, rt) => {
  const site = resolveSite(rt.config, event.headers.host);
  const form = formBody(event);
  const email = param(form, 'email', 320);
  const returnTo = param(form, 'return_to', 1024);
  try {
    return redirect(303, await discoverLogin(rt, site, { email, returnTo }));
  } catch (error) {
    // Input the user can fix is answered on the form itself, with what they typed.
    if (!isAuthError(error) || error.status >= 500 || error.code === 'unknown_tenant' || error.code === 'tenant_disabled') throw error;
    const safe = safeReturnTo(returnTo);
    return html(error.status, loginPage({ email: email?.slice(0, 254), error: error.publicMessage, returnTo: safe === DEFAULT_RETURN_TO ? undefined : safe }));
  }
});
