/** The login page as both login routes answer with it: the form, and its own CSP. */
import type { Deps } from '../core/deps.js';
import type { Site } from '../core/host.js';
import { contentSecurityPolicy } from '../core/html.js';
import { loginFormTargets, loginPage } from '../core/pages.js';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../core/return-to.js';
import { activeTenant } from '../core/tenant.js';
import { html, type Result } from './respond.js';

export async function loginForm(deps: Deps, site: Site, status: number, input: { returnTo?: string; email?: string; error?: string }): Promise<Result> {
  const tenant = site.kind === 'tenant' ? await activeTenant(deps.directory, site.subdomain) : undefined;
  const returnTo = safeReturnTo(input.returnTo);
  const body = loginPage({
    tenantName: tenant?.name,
    email: input.email?.slice(0, 254),
    error: input.error,
    returnTo: returnTo === DEFAULT_RETURN_TO ? undefined : returnTo,
  });
  return html(status, body, [], contentSecurityPolicy(loginFormTargets(deps.config, site, tenant)));
}
