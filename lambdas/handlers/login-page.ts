/** GET /auth/login — the login page: email and Next. */
import { resolveSite } from '../core/host.js';
import { contentSecurityPolicy } from '../core/html.js';
import { loginFormTargets, loginPage } from '../core/pages.js';
import { safeReturnTo, DEFAULT_RETURN_TO } from '../core/return-to.js';
import { activeTenant } from '../core/tenant.js';
import { route } from '../http/route.js';
import { param, queryOf } from '../http/request.js';
import { html } from '../http/respond.js';

export const handler = route('html', async (event, rt) => {
  const site = resolveSite(rt.config, event.headers.host);
  const tenant = site.kind === 'tenant' ? await activeTenant(rt.directory, site.subdomain) : undefined;
  const returnTo = safeReturnTo(param(queryOf(event), 'return_to'));
  const body = loginPage({ tenantName: tenant?.name, returnTo: returnTo === DEFAULT_RETURN_TO ? undefined : returnTo });
  return html(200, body, [], contentSecurityPolicy(loginFormTargets(rt.config, site, tenant)));
});
