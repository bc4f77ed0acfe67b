/**
 * The callback's events: one `sign_in` or `sign_in_failed` for every answer it gives on a
 * tenant host, whatever step failed, so support sees every cause by its error code.
 */
import { ErrorCode, isAuthError } from './errors.js';
import type { Events } from './events.js';
import type { Site } from './host.js';
import type { TenantStore } from './ports.js';

/** Who is signing in, as far as the flow knows yet (the email typed at login, then Okta's). */
export interface SignInPerson {
  email?: string;
  /** Set once the flow has read the tenant: a failure after that needs no second read to file it. */
  tenantFound?: boolean;
}

/**
 * Runs the callback's work and records its outcome; the outcome itself passes through
 * unchanged. A failure is filed only under a tenant that exists: a callback can fail before
 * the tenant is read, and strangers must not fill partitions for made-up subdomains.
 */
export async function recordSignIn<T>(deps: { events: Events; directory: TenantStore }, site: Site, person: SignInPerson, work: () => Promise<T>): Promise<T> {
  // The bare host has no tenant to file the event under.
  if (site.kind !== 'tenant') return work();
  const tenant = site.subdomain;
  try {
    const result = await work();
    deps.events.record({ tenant, type: 'sign_in', email: person.email });
    return result;
  } catch (error) {
    const errorCode = isAuthError(error) ? error.code : ErrorCode.INTERNAL;
    // A disabled tenant exists too: activeTenant read it to say so.
    const known = person.tenantFound || errorCode === ErrorCode.TENANT_DISABLED;
    if (errorCode !== ErrorCode.UNKNOWN_TENANT && (known || (await exists(deps.directory, tenant)))) {
      deps.events.record({ tenant, type: 'sign_in_failed', email: person.email, errorCode });
    }
    throw error;
  }
}

async function exists(directory: TenantStore, tenant: string): Promise<boolean> {
  try {
    return (await directory.getTenant(tenant)) !== undefined;
  } catch {
    return false; // the original error is what the user gets; this one only costs an event
  }
}
