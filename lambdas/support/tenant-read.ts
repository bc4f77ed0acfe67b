/** `tenant show`, `tenant list` and `tenant verify`: they read, and never write. */
import type { Tenant } from '../core/model.js';
import type { ClientCredentials } from '../core/ports.js';
import { storedCredentials } from './client-auth.js';
import { CliError, type CliContext } from './context.js';
import { runSelfTest } from '../adapters/self-test.js';
import { selfTestTarget, type SelfTestReport } from '../core/self-test.js';
import { configSheet, emit, formatConfigSheet, formatSelfTest, formatTenant, formatTenantList, publicTenant } from './output.js';

export async function requireTenant(ctx: CliContext, subdomain: string): Promise<Tenant> {
  const tenant = await ctx.directory.getTenant(subdomain);
  if (!tenant) throw new CliError(`tenant "${subdomain}" does not exist`);
  return tenant;
}

export async function tenantShow(ctx: CliContext, subdomain: string): Promise<void> {
  const tenant = await requireTenant(ctx, subdomain);
  const sheet = configSheet(tenant, ctx.tenantOrigin(tenant.subdomain));
  emit(ctx, { tenant: publicTenant(tenant), configSheet: sheet }, () => formatTenant(tenant) + formatConfigSheet(sheet));
}

export async function tenantList(ctx: CliContext): Promise<void> {
  const tenants = await ctx.directory.listTenants();
  emit(ctx, tenants.map(publicTenant), () => formatTenantList(tenants));
}

/** Runs the self-test for an org, client id and client authentication as a login would use them. */
export function selfTest(
  ctx: CliContext,
  subdomain: string,
  issuer: string,
  clientId: string,
  credentials: ClientCredentials,
): Promise<SelfTestReport> {
  return runSelfTest(selfTestTarget(ctx.tenantOrigin(subdomain), { issuer, clientId }, credentials), {
    fetch: ctx.fetch,
    timeoutMs: ctx.verifyTimeoutMs,
    allowLoopback: ctx.allowLoopback,
  });
}

export const selfTestFailure = (report: SelfTestReport): CliError => {
  const failed = report.steps.filter((s) => s.status === 'fail').map((s) => s.id);
  return new CliError(`self-test of ${report.issuer} failed (${failed.join(', ')}); see the report above`);
};

export async function tenantVerify(ctx: CliContext, subdomain: string): Promise<void> {
  const tenant = await requireTenant(ctx, subdomain);
  if (!tenant.issuer || !tenant.clientId)
    throw new CliError(`tenant "${subdomain}" has no Okta org yet (${tenant.status}): nothing to verify`);
  const report = await selfTest(ctx, tenant.subdomain, tenant.issuer, tenant.clientId, await storedCredentials(ctx, tenant));
  emit(ctx, report, () => formatSelfTest(report));
  if (!report.ok) throw selfTestFailure(report);
}
