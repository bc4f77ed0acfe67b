/**
 * `scim token <s>` and `scim revoke <s>`: the tenant's SCIM bearer token for its Okta
 * provisioning. The token is printed once and never stored (only its SHA-256, in the tenant
 * record); a new token leaves the previous one working for 24 hours and ends any older one;
 * revoking ends them all. Each is one conditional tenant write, safe to retry: when the answer
 * of our own write is lost, the tenant read back shows it, and that is success, not a conflict.
 */
import type { Command } from 'commander';
import type { Tenant } from '../core/model.js';
import { issueScimToken, type ScimTokenRecord } from '../core/scim/token.js';
import type { CliContext } from './context.js';
import type { Runner } from './commands.js';
import { emit } from './output.js';
import { requireTenant } from './tenant-read.js';
import { parseSubdomain } from './validate.js';

/** What the customer's Okta admin enters in the Impero app's Provisioning tab. */
const OKTA_PROVISIONING = {
  uniqueIdentifierField: 'userName',
  supportedActions: ['Import New Users and Profile Updates', 'Push New Users', 'Push Profile Updates', 'Push Groups'],
  authenticationMode: 'HTTP Header',
} as const;

export const scimBaseUrl = (origin: string): string => `${origin}/scim/v2`;

/** Writes `scim` (null: none) if the tenant is still at the version read; our own write, found on a read back, counts as done. */
async function writeScim(ctx: CliContext, current: Tenant, scim: ScimTokenRecord | null, landed: (t: Tenant) => boolean): Promise<Tenant> {
  try {
    return await ctx.directory.updateTenant(current.subdomain, current.version, { scim }, ctx.now());
  } catch (error) {
    const latest = await ctx.directory.getTenant(current.subdomain).catch(() => undefined);
    if (latest && landed(latest)) return latest;
    throw error;
  }
}

async function scimToken(ctx: CliContext, subdomain: string): Promise<void> {
  const current = await requireTenant(ctx, subdomain);
  const { token, record } = issueScimToken(current.scim, ctx.now());
  await writeScim(ctx, current, record, (t) => t.scim?.hash === record.hash);
  const baseUrl = scimBaseUrl(ctx.tenantOrigin(subdomain));
  emit(ctx, { tenant: subdomain, baseUrl, token }, () =>
    [
      `New SCIM token for tenant ${subdomain}. It is shown this once; Impero keeps only its hash.`,
      `  ${token}`,
      ...(record.previousValidUntil
        ? [`The previous token keeps working until ${record.previousValidUntil}; any older one has stopped.`]
        : []),
      '',
      `For the customer's Okta admin (Impero app → Provisioning → Integration → Configure API Integration):`,
      `  SCIM connector base URL            ${baseUrl}`,
      `  Unique identifier field for users  ${OKTA_PROVISIONING.uniqueIdentifierField}`,
      `  Supported provisioning actions     ${OKTA_PROVISIONING.supportedActions.join(', ')}`,
      `  Authentication Mode                ${OKTA_PROVISIONING.authenticationMode}`,
      `  Authorization (Bearer)             the token above`,
      `Then Test Connector Configuration, and under To App enable Create Users, Update User Attributes and Deactivate Users.`,
      '',
    ].join('\n'),
  );
}

async function scimRevoke(ctx: CliContext, subdomain: string): Promise<void> {
  const current = await requireTenant(ctx, subdomain);
  const wasOn = current.scim !== undefined;
  if (wasOn) await writeScim(ctx, current, null, (t) => t.scim === undefined);
  emit(ctx, { tenant: subdomain, revoked: wasOn, scimEnabled: false }, () =>
    wasOn
      ? `Every SCIM token of tenant ${subdomain} has stopped working; provisioning from its Okta is off until \`scim token ${subdomain}\`.\n`
      : `Tenant ${subdomain} had no SCIM token; provisioning stays off.\n`,
  );
}

export function addScimCommands(program: Command, run: Runner): void {
  const scim = program.command('scim').description("SCIM provisioning from the tenant's Okta: its bearer token");
  scim
    .command('token <s>')
    .description('issue a new SCIM token (printed once); the previous one keeps working for 24 hours')
    .action(async (s: string, _o: unknown, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      await run(cmd, (ctx) => scimToken(ctx, subdomain));
    });
  scim
    .command('revoke <s>')
    .description('end every SCIM token of the tenant at once (provisioning stops)')
    .action(async (s: string, _o: unknown, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      await run(cmd, (ctx) => scimRevoke(ctx, subdomain));
    });
}
