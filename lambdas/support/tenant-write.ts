/**
 * `tenant add|update|enable|disable|remove`. Input is validated before this runs (see
 * commands.ts and validate.ts); here every precondition is checked again against the store, and the
 * store's conditional writes settle races between two support agents.
 */
import { endTenantSessions } from '../core/revocation.js';
import type { Tenant } from '../core/model.js';
import type { ClientCredentials, TenantChanges } from '../core/ports.js';
import { isOktaOrgHost } from '../core/tenant-input.js';
import { credentials, methodForAdd, planUpdate, type ClientAuthRequest } from './client-auth.js';
import { cliEvents } from './cli-events.js';
import { CliError, type CliContext } from './context.js';
import { configSheet, emit, formatConfigSheet, formatSelfTest, formatTenant, formatWarnings, publicTenant } from './output.js';
import type { SelfTestReport } from '../core/self-test.js';
import { requireTenant, selfTest, selfTestFailure } from './tenant-read.js';
import { clientIdWarning } from './validate.js';

export interface TenantAddInput {
  subdomain: string;
  name?: string;
  issuer: string;
  clientId: string;
  domains: string[];
  verify: boolean;
  auth: ClientAuthRequest;
  jit: boolean;
  signOut?: Tenant['signOut'];
}

/** Fails on the first domain another tenant already claims. */
export async function requireUnclaimed(ctx: CliContext, subdomain: string, domains: readonly string[]): Promise<void> {
  for (const domain of domains) {
    const owner = await ctx.directory.tenantForDomain(domain);
    if (owner && owner !== subdomain) throw new CliError(`email domain "${domain}" is already claimed by tenant "${owner}"`);
  }
}

export async function tenantAdd(ctx: CliContext, input: TenantAddInput): Promise<void> {
  const warnings = [clientIdWarning(input.clientId)].filter((w): w is string => w !== undefined);
  if (await ctx.directory.getTenant(input.subdomain)) throw new CliError(`tenant "${input.subdomain}" already exists`);
  await requireUnclaimed(ctx, input.subdomain, input.domains);

  const clientAuth = methodForAdd(input.auth);
  const verification = input.verify
    ? await verifyOrStop(ctx, input.subdomain, input.issuer, input.clientId, credentials(ctx, clientAuth, input.auth.secret), warnings)
    : null;

  const clientSecretCiphertext =
    input.auth.secret === undefined ? undefined : await ctx.secrets.encrypt(input.auth.secret, input.subdomain);
  const tenant = await ctx.directory.createTenant(
    {
      subdomain: input.subdomain,
      name: input.name ?? input.subdomain,
      issuer: input.issuer,
      clientId: input.clientId,
      domains: input.domains,
      clientAuth,
      clientSecretCiphertext,
      jit: input.jit,
      customDomainOrg: !isOktaOrgHost(input.issuer),
      signOut: input.signOut ?? 'impero',
    },
    ctx.now(),
  );
  const sheet = configSheet(tenant, ctx.tenantOrigin(tenant.subdomain));
  emit(ctx, { ok: true, tenant: publicTenant(tenant), configSheet: sheet, verification, warnings }, () =>
    [
      formatWarnings(warnings),
      verification ? formatSelfTest(verification) : 'Self-test skipped (--no-verify); run `tenant verify` once the app exists in Okta.\n',
      `\nAdded tenant ${tenant.subdomain}.\n`,
      formatConfigSheet(sheet),
    ].join(''),
  );
}

/** Runs the self-test; on a failure prints the report and stops before anything is written. */
async function verifyOrStop(
  ctx: CliContext,
  subdomain: string,
  issuer: string,
  clientId: string,
  creds: ClientCredentials,
  warnings: string[],
) {
  const verification = await selfTest(ctx, subdomain, issuer, clientId, creds);
  if (!verification.ok) {
    emit(
      ctx,
      { ok: false, verification, warnings },
      () => formatWarnings(warnings) + formatSelfTest(verification) + 'Nothing was written.\n',
    );
    throw selfTestFailure(verification);
  }
  return verification;
}

export interface TenantUpdateInput {
  subdomain: string;
  changes: Pick<TenantChanges, 'name' | 'issuer' | 'clientId' | 'domains' | 'jit' | 'signOut'>;
  auth: ClientAuthRequest;
  /** Self-test a change of client authentication before writing it. Default true. */
  verify: boolean;
}

/** The fields of `changes` that differ from `tenant`; empty when nothing would change. */
function realChanges(tenant: Tenant, changes: TenantChanges): TenantChanges {
  const out: TenantChanges = {};
  if (changes.name !== undefined && changes.name !== tenant.name) out.name = changes.name;
  if (changes.issuer !== undefined && changes.issuer !== tenant.issuer) out.issuer = changes.issuer;
  if (changes.clientId !== undefined && changes.clientId !== tenant.clientId) out.clientId = changes.clientId;
  if (changes.status !== undefined && changes.status !== tenant.status) out.status = changes.status;
  if (changes.signOut !== undefined && changes.signOut !== tenant.signOut) out.signOut = changes.signOut;
  if (changes.domains !== undefined && changes.domains.join(',') !== tenant.domains.join(',')) out.domains = changes.domains;
  for (const key of ['clientAuth', 'jit', 'customDomainOrg'] as const) {
    if (changes[key] !== undefined && changes[key] !== tenant[key]) Object.assign(out, { [key]: changes[key] });
  }
  if (changes.clientSecretCiphertext !== undefined) out.clientSecretCiphertext = changes.clientSecretCiphertext;
  return out;
}

/**
 * Reads the tenant, then writes only if nobody changed it since (the version read here).
 * `plan` may compute further changes from the tenant read, and run the self-test.
 */
async function applyChanges(
  ctx: CliContext,
  subdomain: string,
  wanted: TenantChanges,
  plan?: (current: Tenant, changes: TenantChanges) => Promise<TenantChanges>,
): Promise<{ tenant: Tenant; changed: boolean }> {
  const current = await requireTenant(ctx, subdomain);
  let changes = realChanges(current, wanted);
  if (plan) changes = realChanges(current, { ...changes, ...(await plan(current, changes)) });
  if (Object.keys(changes).length === 0) return { tenant: current, changed: false };
  if (changes.domains) await requireUnclaimed(ctx, subdomain, changes.domains);
  return { tenant: await ctx.directory.updateTenant(subdomain, current.version, changes, ctx.now()), changed: true };
}

export async function tenantUpdate(ctx: CliContext, input: TenantUpdateInput): Promise<void> {
  const warnings =
    input.changes.clientId === undefined ? [] : [clientIdWarning(input.changes.clientId)].filter((w): w is string => w !== undefined);
  let verification: SelfTestReport | null = null;
  const wanted: TenantChanges = {
    ...input.changes,
    ...(input.changes.issuer ? { customDomainOrg: !isOktaOrgHost(input.changes.issuer) } : {}),
  };
  const { tenant, changed } = await applyChanges(ctx, input.subdomain, wanted, async (current, changes) => {
    const auth = await planUpdate(ctx, current, input.auth);
    if (auth.verifyWith && input.verify) {
      verification = await verifyOrStop(
        ctx,
        current.subdomain,
        changes.issuer ?? current.issuer,
        changes.clientId ?? current.clientId,
        auth.verifyWith,
        warnings,
      );
    }
    return auth.changes;
  });
  const report = verification as SelfTestReport | null;
  const reverify = changed && !report && (input.changes.issuer !== undefined || input.changes.clientId !== undefined);
  emit(ctx, { tenant: publicTenant(tenant), changed, verification: report, warnings }, () =>
    [
      formatWarnings(warnings),
      report ? formatSelfTest(report) : '',
      changed ? `Updated tenant ${tenant.subdomain} (version ${tenant.version}).\n` : `Tenant ${tenant.subdomain} unchanged.\n`,
      formatTenant(tenant),
      reverify ? `Run \`tenant verify ${tenant.subdomain}\` to check the new Okta settings.\n` : '',
    ].join(''),
  );
}

/**
 * Disabling also ends every session of the tenant, every time it runs, so that a disable
 * interrupted after the status change can simply be run again.
 */
export async function tenantSetStatus(ctx: CliContext, subdomain: string, status: Tenant['status']): Promise<void> {
  // A pending tenant (no Okta org yet) cannot be enabled; checked on the tenant read for the write.
  const requireOrg = async (current: Tenant): Promise<TenantChanges> => {
    if (!current.issuer || !current.clientId) {
      throw new CliError(
        `tenant "${subdomain}" has no Okta org yet: it is set up through its setup link, or with tenant update --okta-org … --client-id … first`,
      );
    }
    return {};
  };
  const { tenant, changed } = await applyChanges(ctx, subdomain, { status }, status === 'active' ? requireOrg : undefined);
  const verb = status === 'active' ? 'enabled' : 'disabled';
  const ended =
    status === 'disabled'
      ? await endTenantSessions(ctx.sessions, ctx.log, { tenant: subdomain, reason: 'tenant_disabled' }, cliEvents(ctx))
      : undefined;
  const sessions = ended === undefined ? '' : ` Ended ${ended} session(s).`;
  emit(
    ctx,
    { tenant: publicTenant(tenant), changed, ...(ended === undefined ? {} : { sessionsEnded: ended }) },
    () => (changed ? `Tenant ${subdomain} ${verb}.` : `Tenant ${subdomain} was already ${verb}.`) + `${sessions}\n`,
  );
}

/** Deletes the tenant; the caller has the deletion confirmed (`--yes`). */
export async function tenantRemove(ctx: CliContext, subdomain: string): Promise<void> {
  const tenant = await requireTenant(ctx, subdomain);
  const accounts = (await ctx.directory.listAccounts(subdomain)).length;
  // Sessions end before the tenant goes (a failed removal can be retried; sessions stay ended),
  // and once more after, for a sign-in that completed in between.
  let ended = await endTenantSessions(ctx.sessions, ctx.log, { tenant: subdomain, reason: 'tenant_removed' });
  await ctx.directory.removeTenant(subdomain);
  ended += await ctx.sessions.endTenant(subdomain);
  emit(
    ctx,
    { removed: subdomain, domains: tenant.domains, accounts, sessionsEnded: ended },
    () => `Removed tenant ${subdomain}, ${tenant.domains.length} domain claim(s), ${accounts} account(s) and ${ended} session(s).\n`,
  );
}
