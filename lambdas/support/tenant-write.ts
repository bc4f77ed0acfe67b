/**
 * `tenant add|update|enable|disable|remove`. Input is validated before this runs (see
 * commands.ts and validate.ts); here every precondition is checked again against the store, and the
 * store's conditional writes settle races between two support agents.
 */
import type { Tenant } from '../core/model.js';
import type { TenantChanges } from '../core/ports.js';
import { CliError, usage, type CliContext } from './context.js';
import { configSheet, emit, formatConfigSheet, formatSelfTest, formatTenant, formatWarnings } from './output.js';
import { requireTenant, selfTest, selfTestFailure } from './tenant-read.js';
import { clientIdWarning } from './validate.js';

export interface TenantAddInput {
  subdomain: string;
  name?: string;
  issuer: string;
  clientId: string;
  domains: string[];
  verify: boolean;
}

/** Fails on the first domain another tenant already claims. */
async function requireUnclaimed(ctx: CliContext, subdomain: string, domains: readonly string[]): Promise<void> {
  for (const domain of domains) {
    const owner = await ctx.store.tenantForDomain(domain);
    if (owner && owner !== subdomain) throw new CliError(`email domain "${domain}" is already claimed by tenant "${owner}"`);
  }
}

export async function tenantAdd(ctx: CliContext, input: TenantAddInput): Promise<void> {
  const warnings = [clientIdWarning(input.clientId)].filter((w): w is string => w !== undefined);
  if (await ctx.store.getTenant(input.subdomain)) throw new CliError(`tenant "${input.subdomain}" already exists`);
  await requireUnclaimed(ctx, input.subdomain, input.domains);

  const verification = input.verify ? await selfTest(ctx, input.subdomain, input.issuer, input.clientId) : null;
  if (verification && !verification.ok) {
    emit(ctx, { ok: false, verification, warnings }, () => formatWarnings(warnings) + formatSelfTest(verification) + 'Nothing was written.\n');
    throw selfTestFailure(verification);
  }

  const tenant = await ctx.store.createTenant(
    { subdomain: input.subdomain, name: input.name ?? input.subdomain, issuer: input.issuer, clientId: input.clientId, domains: input.domains },
    ctx.now(),
  );
  const sheet = configSheet(tenant, ctx.tenantOrigin(tenant.subdomain));
  emit(ctx, { ok: true, tenant, configSheet: sheet, verification, warnings }, () =>
    [
      formatWarnings(warnings),
      verification ? formatSelfTest(verification) : 'Self-test skipped (--no-verify); run `tenant verify` once the app exists in Okta.\n',
      `\nAdded tenant ${tenant.subdomain}.\n`,
      formatConfigSheet(sheet),
    ].join(''),
  );
}

export interface TenantUpdateInput {
  subdomain: string;
  changes: Pick<TenantChanges, 'name' | 'issuer' | 'clientId' | 'domains'>;
}

/** The fields of `changes` that differ from `tenant`; empty when nothing would change. */
function realChanges(tenant: Tenant, changes: TenantChanges): TenantChanges {
  const out: TenantChanges = {};
  if (changes.name !== undefined && changes.name !== tenant.name) out.name = changes.name;
  if (changes.issuer !== undefined && changes.issuer !== tenant.issuer) out.issuer = changes.issuer;
  if (changes.clientId !== undefined && changes.clientId !== tenant.clientId) out.clientId = changes.clientId;
  if (changes.status !== undefined && changes.status !== tenant.status) out.status = changes.status;
  if (changes.domains !== undefined && changes.domains.join(',') !== tenant.domains.join(',')) out.domains = changes.domains;
  return out;
}

/** Reads the tenant, then writes only if nobody changed it since (the version read here). */
async function applyChanges(ctx: CliContext, subdomain: string, wanted: TenantChanges): Promise<{ tenant: Tenant; changed: boolean }> {
  const current = await requireTenant(ctx, subdomain);
  const changes = realChanges(current, wanted);
  if (Object.keys(changes).length === 0) return { tenant: current, changed: false };
  if (changes.domains) await requireUnclaimed(ctx, subdomain, changes.domains);
  return { tenant: await ctx.store.updateTenant(subdomain, current.version, changes, ctx.now()), changed: true };
}

export async function tenantUpdate(ctx: CliContext, input: TenantUpdateInput): Promise<void> {
  const warnings = input.changes.clientId === undefined ? [] : [clientIdWarning(input.changes.clientId)].filter((w): w is string => w !== undefined);
  const { tenant, changed } = await applyChanges(ctx, input.subdomain, input.changes);
  const reverify = changed && (input.changes.issuer !== undefined || input.changes.clientId !== undefined);
  emit(ctx, { tenant, changed, warnings }, () =>
    [
      formatWarnings(warnings),
      changed ? `Updated tenant ${tenant.subdomain} (version ${tenant.version}).\n` : `Tenant ${tenant.subdomain} unchanged.\n`,
      formatTenant(tenant),
      reverify ? `Run \`tenant verify ${tenant.subdomain}\` to check the new Okta settings.\n` : '',
    ].join(''),
  );
}

export async function tenantSetStatus(ctx: CliContext, subdomain: string, status: Tenant['status']): Promise<void> {
  const { tenant, changed } = await applyChanges(ctx, subdomain, { status });
  const verb = status === 'active' ? 'enabled' : 'disabled';
  emit(ctx, { tenant, changed }, () => (changed ? `Tenant ${subdomain} ${verb}.\n` : `Tenant ${subdomain} was already ${verb}.\n`));
}

export async function tenantRemove(ctx: CliContext, subdomain: string, confirmed: boolean): Promise<void> {
  if (!confirmed) throw usage(`tenant remove deletes "${subdomain}", its domain claims and all its accounts; add --yes to confirm`);
  const tenant = await requireTenant(ctx, subdomain);
  const accounts = (await ctx.store.listAccounts(subdomain)).length;
  await ctx.store.removeTenant(subdomain);
  emit(ctx, { removed: subdomain, domains: tenant.domains, accounts }, () =>
    `Removed tenant ${subdomain}, ${tenant.domains.length} domain claim(s) and ${accounts} account(s).\n`,
  );
}
