/** `tenant show`, `tenant list` and `tenant verify`: they read, and never write. */
import type { Tenant } from '../core/model.js';
import { CliError, type CliContext } from './context.js';
import { configSheet, emit, formatConfigSheet, formatSelfTest, formatTenant, formatTenantList } from './output.js';
import { runSelfTest, type SelfTestReport } from './self-test.js';

export async function requireTenant(ctx: CliContext, subdomain: string): Promise<Tenant> {
  const tenant = await ctx.store.getTenant(subdomain);
  if (!tenant) throw new CliError(`tenant "${subdomain}" does not exist`);
  return tenant;
}

export async function tenantShow(ctx: CliContext, subdomain: string): Promise<void> {
  const tenant = await requireTenant(ctx, subdomain);
  const sheet = configSheet(tenant, ctx.tenantOrigin(tenant.subdomain));
  emit(ctx, { tenant, configSheet: sheet }, () => formatTenant(tenant) + formatConfigSheet(sheet));
}

export async function tenantList(ctx: CliContext): Promise<void> {
  const tenants = await ctx.store.listTenants();
  emit(ctx, tenants, () => formatTenantList(tenants));
}

/** Runs the self-test for an org and client id as a tenant would use them. */
export function selfTest(ctx: CliContext, subdomain: string, issuer: string, clientId: string): Promise<SelfTestReport> {
  const redirectUri = `${ctx.tenantOrigin(subdomain)}/auth/callback`;
  return runSelfTest({ issuer, clientId, redirectUri }, { fetch: ctx.fetch, timeoutMs: ctx.verifyTimeoutMs });
}

export const selfTestFailure = (report: SelfTestReport): CliError => {
  const failed = report.steps.filter((s) => s.status === 'fail').map((s) => s.id);
  return new CliError(`self-test of ${report.issuer} failed (${failed.join(', ')}); see the report above`);
};

export async function tenantVerify(ctx: CliContext, subdomain: string): Promise<void> {
  const tenant = await requireTenant(ctx, subdomain);
  const report = await selfTest(ctx, tenant.subdomain, tenant.issuer, tenant.clientId);
  emit(ctx, report, () => formatSelfTest(report));
  if (!report.ok) throw selfTestFailure(report);
}
