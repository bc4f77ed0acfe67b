/** Loading the tenant a request is for, and refusing the ones that cannot sign in. */
import { credentialsFor, usesSecret } from './client-auth.js';
import { AuthError, ErrorCode } from './errors.js';
import { unknownTenant } from './host.js';
import type { Deps } from './deps.js';
import type { Tenant } from './model.js';
import type { ClientCredentials, TenantStore } from './ports.js';

export async function activeTenant(store: TenantStore, subdomain: string): Promise<Tenant> {
  const tenant = await store.getTenant(subdomain);
  if (!tenant) throw unknownTenant();
  if (tenant.status === 'pending') {
    throw new AuthError(ErrorCode.TENANT_DISABLED, { messageKey: 'tenant_pending', params: { tenant: tenant.name } });
  }
  if (tenant.status !== 'active') {
    throw new AuthError(ErrorCode.TENANT_DISABLED, { messageKey: 'tenant_switched_off', params: { tenant: tenant.name } });
  }
  if (!tenant.issuer || !tenant.clientId) {
    throw new AuthError(ErrorCode.TENANT_DISABLED, { messageKey: 'tenant_not_set_up', params: { tenant: tenant.name } });
  }
  return tenant;
}

/**
 * How the login authenticates to the tenant's token endpoint. Opens the client secret (the
 * only place a login does); a tenant whose secret is missing or will not open gets an error
 * page that names no detail, and the cause goes to the log.
 */
export async function clientCredentials(deps: Pick<Deps, 'secrets' | 'clientAssertionSigner'>, tenant: Tenant): Promise<ClientCredentials> {
  if (tenant.clientAuth === 'private_key_jwt') return credentialsFor(tenant.clientAuth, { signer: deps.clientAssertionSigner });
  if (!usesSecret(tenant.clientAuth)) return credentialsFor(tenant.clientAuth, {});
  if (!tenant.clientSecretCiphertext)
    throw new AuthError(ErrorCode.INTERNAL, 'Sign-in failed.', {
      cause: new Error(`tenant ${tenant.subdomain} has ${tenant.clientAuth} but no client secret`),
    });
  let secret: string;
  try {
    secret = await deps.secrets.decrypt(tenant.clientSecretCiphertext, tenant.subdomain);
  } catch (error) {
    throw new AuthError(ErrorCode.INTERNAL, 'Sign-in failed.', {
      cause: new Error(`the client secret of tenant ${tenant.subdomain} could not be opened`, { cause: error }),
    });
  }
  return credentialsFor(tenant.clientAuth, { secret });
}
