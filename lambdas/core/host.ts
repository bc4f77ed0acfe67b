/** Which tenant a request is for, from its Host header and BASE_DOMAIN. */
import { bareOrigin, tenantOrigin, type Config } from './config.js';
import { AuthError, ErrorCode } from './errors.js';
import { isSubdomain } from './tenant-input.js';

export type Site = { kind: 'tenant'; subdomain: string; origin: string } | { kind: 'bare'; origin: string };

const UNKNOWN = 'There is no Impero sign-in at this address. Check the address, or ask your administrator for your company’s Impero link.';

/**
 * `acme.impero.com` → tenant `acme`; `impero.com` → the bare login host. The port, if any,
 * must be the configured public port. Anything else is an unknown host (404).
 */
export function resolveSite(config: Config, hostHeader: string | undefined): Site {
  const host = (hostHeader ?? '').trim().toLowerCase();
  const match = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) throw new AuthError(ErrorCode.UNKNOWN_TENANT, UNKNOWN);
  const [, name, port] = match;
  if ((port ? Number(port) : undefined) !== config.publicPort) throw new AuthError(ErrorCode.UNKNOWN_TENANT, UNKNOWN);
  if (name === config.baseDomain) return { kind: 'bare', origin: bareOrigin(config) };
  const suffix = `.${config.baseDomain}`;
  const subdomain = name!.endsWith(suffix) ? name!.slice(0, -suffix.length) : '';
  if (!isSubdomain(subdomain)) throw new AuthError(ErrorCode.UNKNOWN_TENANT, UNKNOWN);
  return { kind: 'tenant', subdomain, origin: tenantOrigin(config, subdomain) };
}

export const unknownTenant = (): AuthError => new AuthError(ErrorCode.UNKNOWN_TENANT, UNKNOWN);
