/** Email discovery: which tenant's sign-in an email belongs to, and where to go next. */
import type { Deps } from './deps.js';
import { canonicalEmail, emailDomain, isEmail, MAX_EMAIL_LENGTH } from './email.js';
import { AuthError, badRequest, ErrorCode } from './errors.js';
import type { Site } from './host.js';
import { safeReturnTo, DEFAULT_RETURN_TO } from './return-to.js';
import { activeTenant } from './tenant.js';
import { tenantOrigin } from './config.js';

export function parseEmail(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') throw badRequest({ messageKey: 'email_missing' });
  if (input.length > MAX_EMAIL_LENGTH + 16) throw badRequest({ messageKey: 'email_too_long' });
  const email = canonicalEmail(input);
  if (!isEmail(email)) throw badRequest({ messageKey: 'email_invalid' });
  return email;
}

/**
 * Returns the absolute `/auth/authorize` URL for this email. On a tenant host that is the
 * tenant itself; on the bare host the email's domain picks the tenant. Whether the email has
 * an account is deliberately not looked at here: that is decided after Okta vouches for it.
 */
export type DiscoveryDeps = Pick<Deps, 'config' | 'directory'>;

export async function discoverLogin(deps: DiscoveryDeps, site: Site, input: { email: unknown; returnTo?: unknown }): Promise<string> {
  const email = parseEmail(input.email);
  let subdomain: string;
  if (site.kind === 'tenant') {
    subdomain = site.subdomain;
  } else {
    const claimed = await deps.directory.tenantForDomain(emailDomain(email));
    if (!claimed) {
      throw new AuthError(
        ErrorCode.NO_SSO_FOR_EMAIL,
        `We could not find single sign-on for that email. Check the address, or open your company’s Impero address (${tenantOrigin(deps.config, '<your company>')}).`,
      );
    }
    subdomain = claimed;
  }
  await activeTenant(deps.directory, subdomain);
  const url = new URL('/auth/authorize', tenantOrigin(deps.config, subdomain));
  url.searchParams.set('login_hint', email);
  const returnTo = safeReturnTo(input.returnTo);
  if (returnTo !== DEFAULT_RETURN_TO) url.searchParams.set('return_to', returnTo);
  return url.toString();
}
