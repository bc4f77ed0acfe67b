/**
 * What `--client-auth` and `--client-secret-stdin` mean for a tenant: the method that results,
 * the sealed secret to store (or to drop), and the credentials the self-test must use so that
 * it authenticates exactly as the login will. The plaintext secret lives only in memory here.
 */
import type { ClientAuthMethod, Tenant } from '../core/model.js';
import type { ClientCredentials, TenantChanges } from '../core/ports.js';
import { CliError, usage, type CliContext } from './context.js';
import { credentialsFor, defaultClientAuth, usesSecret } from '../core/client-auth.js';

/** What support asked for; both undefined means "leave client authentication as it is". */
export interface ClientAuthRequest {
  method?: ClientAuthMethod;
  /** Read from stdin, already checked; never printed. */
  secret?: string;
}

/** On `tenant add`: the named method, else the default for whether a secret is given. */
export function methodForAdd(request: ClientAuthRequest): ClientAuthMethod {
  const method = request.method ?? defaultClientAuth(request.secret !== undefined);
  checkPairing(method, request.secret !== undefined);
  return method;
}

/** A secret without a method that uses one, or the reverse, is a usage error. */
function checkPairing(method: ClientAuthMethod, hasSecret: boolean): void {
  if (hasSecret && !usesSecret(method)) throw usage(`--client-secret-stdin does not go with --client-auth ${method}`);
}

export function credentials(ctx: CliContext, method: ClientAuthMethod, secret?: string): ClientCredentials {
  return credentialsFor(method, method === 'private_key_jwt' ? { signer: ctx.clientAssertionSigner } : { secret });
}

/** The credentials a stored tenant signs in with (opening its secret, as the callback would). */
export async function storedCredentials(ctx: CliContext, tenant: Tenant): Promise<ClientCredentials> {
  if (!usesSecret(tenant.clientAuth)) return credentials(ctx, tenant.clientAuth);
  if (!tenant.clientSecretCiphertext)
    throw new CliError(
      `tenant "${tenant.subdomain}" uses ${tenant.clientAuth} but has no client secret; set one with tenant update ${tenant.subdomain} --client-secret-stdin`,
    );
  return credentials(ctx, tenant.clientAuth, await openSecret(ctx, tenant.subdomain, tenant.clientSecretCiphertext));
}

async function openSecret(ctx: CliContext, subdomain: string, ciphertext: string): Promise<string> {
  try {
    return await ctx.secrets.decrypt(ciphertext, subdomain);
  } catch (e) {
    throw new CliError(
      `the client secret of tenant "${subdomain}" could not be opened with this target's secrets key (${(e as Error).name})`,
    );
  }
}

export interface ClientAuthPlan {
  changes: Pick<TenantChanges, 'clientAuth' | 'clientSecretCiphertext'>;
  /** Set when client authentication changes: the credentials the self-test must succeed with. */
  verifyWith?: ClientCredentials;
}

/** On `tenant update`: a secret alone keeps a secret method (or makes it basic); `none` and `private_key_jwt` drop the secret. */
export async function planUpdate(ctx: CliContext, tenant: Tenant, request: ClientAuthRequest): Promise<ClientAuthPlan> {
  if (request.method === undefined && request.secret === undefined) return { changes: {} };
  const method = request.method ?? (usesSecret(tenant.clientAuth) ? tenant.clientAuth : defaultClientAuth(true));
  checkPairing(method, request.secret !== undefined);
  if (!usesSecret(method)) {
    return {
      changes: { clientAuth: method, ...(tenant.clientSecretCiphertext ? { clientSecretCiphertext: null } : {}) },
      verifyWith: method === tenant.clientAuth ? undefined : credentials(ctx, method),
    };
  }
  if (request.secret === undefined) {
    if (!tenant.clientSecretCiphertext) throw new CliError(`--client-auth ${method} needs a client secret: add --client-secret-stdin`);
    if (method === tenant.clientAuth) return { changes: {} };
    const secret = await openSecret(ctx, tenant.subdomain, tenant.clientSecretCiphertext);
    return { changes: { clientAuth: method }, verifyWith: credentials(ctx, method, secret) };
  }
  return {
    changes: { clientAuth: method, clientSecretCiphertext: await ctx.secrets.encrypt(request.secret, tenant.subdomain) },
    verifyWith: credentials(ctx, method, request.secret),
  };
}
