/**
 * `tenant invite`: registers a pending tenant (no Okta org yet) and prints its one-time setup
 * link for the customer's Okta admin. Only the token's hash is stored, so the link is shown
 * this once. Inviting a pending tenant again replaces its link (the old one stops working).
 */
import { newSetupLink, SETUP_LINK_DAYS, setupUrl } from '../core/setup-link.js';
import { CliError, type CliContext } from './context.js';
import { emit } from './output.js';
import { requireUnclaimed } from './tenant-write.js';

export interface TenantInviteInput {
  subdomain: string;
  name?: string;
  domains: string[];
  /** JIT accounts once the tenant is live (`--jit`). */
  jit?: boolean;
  /** What Sign out ends once the tenant is live (`--sign-out`); default `impero`. */
  signOut?: 'impero' | 'okta';
}

export async function tenantInvite(ctx: CliContext, input: TenantInviteInput): Promise<void> {
  const now = ctx.now();
  const { token, link } = newSetupLink(now);
  const existing = await ctx.directory.getTenant(input.subdomain);
  let name: string;
  if (existing) {
    if (existing.status !== 'pending') {
      throw new CliError(
        `tenant "${input.subdomain}" already exists and is ${existing.status}; a setup link is only for a tenant that is not set up yet`,
      );
    }
    if (input.name !== undefined || input.domains.length > 0 || input.jit || input.signOut !== undefined) {
      throw new CliError(
        `tenant "${input.subdomain}" is already invited; run tenant invite --subdomain ${input.subdomain} alone for a new link, and tenant update to change its name or domains`,
      );
    }
    await ctx.directory.updateTenant(input.subdomain, existing.version, { setup: link }, now);
    name = existing.name;
  } else {
    await requireUnclaimed(ctx, input.subdomain, input.domains);
    const created = await ctx.directory.createTenant(
      {
        subdomain: input.subdomain,
        name: input.name ?? input.subdomain,
        issuer: '',
        clientId: '',
        domains: input.domains,
        jit: input.jit ?? false,
        signOut: input.signOut,
        status: 'pending',
        setup: link,
      },
      now,
    );
    name = created.name;
  }
  const url = setupUrl(ctx.tenantOrigin(input.subdomain), token);
  emit(
    ctx,
    { tenant: input.subdomain, status: 'pending', setupUrl: url, expiresAt: link.expiresAt, replacedEarlierLink: existing !== undefined },
    () =>
      [
        existing
          ? `New setup link for tenant ${input.subdomain}; the earlier link no longer works.\n`
          : `Invited tenant ${input.subdomain} (pending: no Okta org yet).\n`,
        `Send this link to ${name}'s Okta administrator. It works once, for ${SETUP_LINK_DAYS} days (until ${link.expiresAt}),\n`,
        `and is not stored anywhere, so it cannot be shown again:\n\n`,
        `  ${url}\n\n`,
        `Until it is used, the tenant's login page says sign-in is not set up yet. \`tenant health ${input.subdomain}\` shows when it is.\n`,
      ].join(''),
  );
}
