/** Loading the tenant a request is for, and refusing the ones that cannot sign in. */
import { AuthError, ErrorCode } from './errors.js';
import { unknownTenant } from './host.js';
import type { Tenant } from './model.js';
import type { TenantStore } from './ports.js';

export async function activeTenant(store: TenantStore, subdomain: string): Promise<Tenant> {
  const tenant = await store.getTenant(subdomain);
  if (!tenant) throw unknownTenant();
  if (tenant.status !== 'active') {
    throw new AuthError(ErrorCode.TENANT_DISABLED, `Single sign-on for ${tenant.name} is switched off. Contact your Impero administrator.`);
  }
  if (!tenant.issuer || !tenant.clientId) {
    throw new AuthError(ErrorCode.TENANT_DISABLED, `Single sign-on for ${tenant.name} is not set up yet. Contact your Impero administrator.`);
  }
  return tenant;
}
