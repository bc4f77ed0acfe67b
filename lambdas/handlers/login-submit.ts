/** POST /auth/login — the login form: email discovery, then 303 to /auth/authorize. */
import { discoverLogin } from '../core/discovery.js';
import { isAuthError } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { contentSecurityPolicy } from '../core/html.js';
import { loginFormTargets, loginPage } from '../core/pages.js';
import { activeTenant } from '../core/tenant.js';
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
    const tenant = site.kind === 'tenant' ? await activeTenant(rt.directory, site.subdomain) : undefined;
    const page = loginPage({ tenantName: tenant?.name, email: email?.slice(0, 254), error: error.publicMessage, returnTo: safe === DEFAULT_RETURN_TO ? undefined : safe });
    return html(error.status, page, [], contentSecurityPolicy(loginFormTargets(rt.config, site, tenant)));
  }
});
