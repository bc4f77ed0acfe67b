/** POST /auth/login — the login form: email discovery, then 303 to /auth/authorize. */
import { discoverLogin, type DiscoveryDeps } from '../core/discovery.js';
import { ErrorCode, isAuthError } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { loginForm, type LoginFormDeps } from '../http/login-form.js';
import { route } from '../http/route.js';
import { formBody, languageOf, param } from '../http/request.js';
import { redirect } from '../http/respond.js';

export const handler = route('html', async (event, deps: DiscoveryDeps & LoginFormDeps) => {
  const site = resolveSite(deps.config, event.headers.host);
  const form = formBody(event);
  const email = param(form, 'email', 320);
  const returnTo = param(form, 'return_to', 1024);
  try {
    return redirect(303, await discoverLogin(deps, site, { email, returnTo }));
  } catch (error) {
    // Input the user can fix is answered on the form itself, with what they typed.
    const fixable =
      isAuthError(error) && error.status < 500 && error.code !== ErrorCode.UNKNOWN_TENANT && error.code !== ErrorCode.TENANT_DISABLED;
    if (!fixable) throw error;
    return loginForm(deps, site, error.status, { lang: languageOf(event), email, returnTo, error });
  }
});
