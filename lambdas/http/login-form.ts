/** The login page as both login routes answer with it: the form, and its own CSP. */
import type { Deps } from '../core/deps.js';
import type { AuthError } from '../core/errors.js';
import type { Lang } from '../core/language.js';
import { errorText } from '../core/messages/catalogue.js';
import type { Site } from '../core/host.js';
import { contentSecurityPolicy } from '../core/html.js';
import { loginFormTargets, loginPage } from '../core/pages.js';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../core/return-to.js';
import { activeTenant } from '../core/tenant.js';
import { html, type Result } from './respond.js';

export interface LoginFormInput {
  lang: Lang;
  returnTo?: string;
  email?: string;
  /** What was wrong with the email: shown in the page's language, tied to the field. */
  error?: AuthError;
}

export type LoginFormDeps = Pick<Deps, 'config' | 'directory'>;

export async function loginForm(deps: LoginFormDeps, site: Site, status: number, input: LoginFormInput): Promise<Result> {
  const tenant = site.kind === 'tenant' ? await activeTenant(deps.directory, site.subdomain) : undefined;
  const returnTo = safeReturnTo(input.returnTo);
  const body = loginPage(input.lang, {
    tenantName: tenant?.name,
    email: input.email?.slice(0, 254),
    error: input.error && errorText(input.lang, input.error).message,
    returnTo: returnTo === DEFAULT_RETURN_TO ? undefined : returnTo,
  });
  return html(status, body, { lang: input.lang, csp: contentSecurityPolicy(loginFormTargets(deps.config, site, tenant)) });
}
