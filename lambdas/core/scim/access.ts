/**
 * Who may call the SCIM API: the tenant whose host the request came to, with a bearer token
 * of that same tenant (a token is checked only against its host's tenant record, so another
 * tenant's token never matches). Unknown host or tenant → 404; missing, wrong, revoked or
 * another tenant's token → 401; a valid token of a disabled tenant → 403 (the token is right,
 * the tenant is switched off: rotating the token would not help, talking to Impero would).
 */
import type { Site } from '../host.js';
import type { Tenant } from '../model.js';
import type { TenantStore } from '../ports.js';
import { ScimError, scimError } from './errors.js';
import { bearerToken, verifyScimToken } from './token.js';

export const noSuchTenant = (): ScimError => scimError.notFound('There is no Impero tenant at this address.');
const tenantDisabled = (): ScimError => new ScimError(403, 'This tenant is disabled at Impero; ask Impero support to enable it.');

export async function authenticateScim(
  tenants: Pick<TenantStore, 'getTenant'>,
  site: Site,
  authorization: string | undefined,
  now: Date,
): Promise<Tenant> {
  if (site.kind !== 'tenant') throw noSuchTenant();
  const tenant = await tenants.getTenant(site.subdomain);
  if (!tenant) throw noSuchTenant();
  if (!verifyScimToken(tenant.scim, bearerToken(authorization), now)) throw scimError.unauthorized();
  if (tenant.status === 'disabled') throw tenantDisabled();
  return tenant;
}
