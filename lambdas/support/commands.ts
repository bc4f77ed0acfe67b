/**
 * The command tree: names, arguments, options and help text exactly as the public interface
 * lists them. Each action validates its input first (usage errors, nothing opened), then
 * runs against the target through `run`.
 */
import { Command } from 'commander';
import { usage, type CliContext } from './context.js';
import { accountAdd, accountImport, accountList, accountRemove, accountSetActive, readAccountsFile } from './account-commands.js';
import { tenantList, tenantShow, tenantVerify } from './tenant-read.js';
import { sessionList, sessionRevoke } from './session-commands.js';
import { tenantAdd, tenantRemove, tenantSetStatus, tenantUpdate } from './tenant-write.js';
import type { ClientAuthRequest } from './client-auth.js';
import { addInsightCommands } from './insight-commands.js';
import { tenantInvite } from './tenant-invite.js';
import { addScimCommands } from './scim-commands.js';
import {
  checkClientSecret,
  collect,
  parseClientAuth,
  parseClientId,
  parseDomains,
  parseEmail,
  parseName,
  parseNewSubdomain,
  parseOktaOrg,
  parseSignOut,
  parseSubdomain,
} from './validate.js';

/** Runs a validated command against the target; `cmd` carries the global --local/--json. */
export type Runner = (cmd: Command, work: (ctx: CliContext) => Promise<void>) => Promise<void>;
/** What a validation step may print (bad CSV rows) before the target is opened. */
export type Printer = (cmd: Command) => Pick<CliContext, 'stdout' | 'json'>;

type Opts = Record<string, string | string[] | boolean | undefined>;
const str = (o: Opts, k: string) => o[k] as string | undefined;

const CLIENT_AUTH_HELP = 'token endpoint authentication: none, client_secret_basic, client_secret_post or private_key_jwt';
const SECRET_HELP = "read the app's client secret from the first line of standard input (never give it as an argument)";

/** The client authentication asked for; the secret is read from stdin only inside `run`, once the rest is valid. */
async function clientAuthRequest(ctx: CliContext, o: Opts): Promise<ClientAuthRequest> {
  const method = o.clientAuth === undefined ? undefined : parseClientAuth(str(o, 'clientAuth')!);
  const secret = o.clientSecretStdin ? checkClientSecret(await ctx.readSecret()) : undefined;
  return { method, secret };
}

export function addCommands(program: Command, run: Runner, printer: Printer): void {
  const tenant = program.command('tenant').description('register and manage tenants (customers with an Okta org)');

  tenant
    .command('add')
    .description("register a tenant; verifies the Okta org first and prints what the customer's Okta admin needs")
    .requiredOption('--subdomain <s>', 'first label of https://<s>.impero.com (a-z, 0-9, -)')
    .requiredOption('--okta-org <host-or-url>', 'the Okta org, e.g. dev-company.okta.com')
    .requiredOption('--client-id <id>', "Client ID of the Impero app in the customer's Okta org")
    .option('--name <display name>', 'name shown on the login pages (default: the subdomain)')
    .option('--domain <email domain>', 'email domain whose users sign in here (repeatable)', collect)
    .option('--no-verify', 'skip the live self-test of the Okta org')
    .option('--client-auth <method>', `${CLIENT_AUTH_HELP} (default: client_secret_basic with --client-secret-stdin, else none)`)
    .option('--client-secret-stdin', SECRET_HELP)
    .option('--jit', 'create an account at first sign-in for verified users of the --domain list')
    .option('--no-jit', 'refuse users without an account (the default)')
    .option('--custom-domain-org', 'accept an --okta-org outside okta.com, oktapreview.com and okta-emea.com (an Okta custom domain)')
    .option('--sign-out <impero|okta>', 'what Sign out ends: the Impero session (default) or the Okta session too')
    .action(async (o: Opts, cmd: Command) => {
      if (o.clientAuth !== undefined) parseClientAuth(str(o, 'clientAuth')!);
      const input = {
        signOut: o.signOut === undefined ? undefined : parseSignOut(str(o, 'signOut')!),
        subdomain: parseNewSubdomain(str(o, 'subdomain')!),
        issuer: parseOktaOrg(str(o, 'oktaOrg')!, o.customDomainOrg === true),
        clientId: parseClientId(str(o, 'clientId')!),
        name: o.name === undefined ? undefined : parseName(str(o, 'name')!),
        domains: parseDomains((o.domain as string[] | undefined) ?? []),
        verify: o.verify !== false,
        jit: o.jit === true,
      };
      await run(cmd, async (ctx) => tenantAdd(ctx, { ...input, auth: await clientAuthRequest(ctx, o) }));
    });

  tenant
    .command('invite')
    .description("register a pending tenant (no Okta org yet) and print a one-time setup link for the customer's Okta admin")
    .requiredOption('--subdomain <s>', 'first label of https://<s>.impero.com (a-z, 0-9, -)')
    .option('--name <display name>', 'name shown on the pages (default: the subdomain)')
    .option('--domain <email domain>', 'email domain whose users sign in here (repeatable)', collect)
    .option('--jit', 'create an account at first sign-in for verified users of the --domain list')
    .option('--sign-out <impero|okta>', 'what Sign out ends: the Impero session (default) or the Okta session too')
    .action(async (o: Opts, cmd: Command) => {
      const input = {
        subdomain: parseNewSubdomain(str(o, 'subdomain')!),
        name: o.name === undefined ? undefined : parseName(str(o, 'name')!),
        domains: parseDomains((o.domain as string[] | undefined) ?? []),
        jit: o.jit === true,
        signOut: o.signOut === undefined ? undefined : parseSignOut(str(o, 'signOut')!),
      };
      await run(cmd, (ctx) => tenantInvite(ctx, input));
    });

  tenant
    .command('update <s>')
    .description('change a tenant; fails if someone else changed it since it was read')
    .option('--okta-org <host-or-url>', 'new Okta org')
    .option('--client-id <id>', 'new client id')
    .option('--name <display name>', 'new display name')
    .option('--domain <email domain>', 'replaces the list of email domains (repeatable)', collect)
    .option('--clear-domains', 'remove all email domains')
    .option('--client-auth <method>', `${CLIENT_AUTH_HELP}; none and private_key_jwt remove a stored secret`)
    .option('--client-secret-stdin', `${SECRET_HELP}; replaces the stored one`)
    .option('--jit', 'turn on account creation at first sign-in')
    .option('--no-jit', 'turn it off')
    .option('--custom-domain-org', 'accept an --okta-org outside okta.com, oktapreview.com and okta-emea.com')
    .option('--no-verify', 'skip the self-test of a changed client authentication')
    .option('--sign-out <impero|okta>', 'what Sign out ends: the Impero session, or the Okta session too')
    .action(async (s: string, o: Opts, cmd: Command) => {
      if (o.domain && o.clearDomains) throw usage('give either --domain or --clear-domains, not both');
      if (o.clientAuth !== undefined) parseClientAuth(str(o, 'clientAuth')!);
      const changes = {
        signOut: o.signOut === undefined ? undefined : parseSignOut(str(o, 'signOut')!),
        issuer: o.oktaOrg === undefined ? undefined : parseOktaOrg(str(o, 'oktaOrg')!, o.customDomainOrg === true),
        clientId: o.clientId === undefined ? undefined : parseClientId(str(o, 'clientId')!),
        name: o.name === undefined ? undefined : parseName(str(o, 'name')!),
        domains: o.clearDomains ? [] : o.domain === undefined ? undefined : parseDomains(o.domain as string[]),
        jit: o.jit as boolean | undefined,
      };
      const subdomain = parseSubdomain(s);
      if (Object.values(changes).every((v) => v === undefined) && o.clientAuth === undefined && !o.clientSecretStdin) {
        throw usage(
          'nothing to change: give --okta-org, --client-id, --name, --domain, --clear-domains, --client-auth, --client-secret-stdin, --jit/--no-jit or --sign-out',
        );
      }
      await run(cmd, async (ctx) =>
        tenantUpdate(ctx, { subdomain, changes, auth: await clientAuthRequest(ctx, o), verify: o.verify !== false }),
      );
    });

  tenant
    .command('show <s>')
    .description('show a tenant and its Okta configuration sheet')
    .action(async (s: string, _o: Opts, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      await run(cmd, (ctx) => tenantShow(ctx, subdomain));
    });

  tenant
    .command('list')
    .description('list all tenants')
    .action(async (_o: Opts, cmd: Command) => run(cmd, (ctx) => tenantList(ctx)));

  tenant
    .command('verify <s>')
    .description("live self-test against the tenant's Okta org")
    .action(async (s: string, _o: Opts, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      await run(cmd, (ctx) => tenantVerify(ctx, subdomain));
    });

  for (const [name, status, what] of [
    ['disable', 'disabled', 'stop sign-ins'],
    ['enable', 'active', 'allow sign-ins again'],
  ] as const) {
    tenant
      .command(`${name} <s>`)
      .description(`${what} for a tenant`)
      .action(async (s: string, _o: Opts, cmd: Command) => {
        const subdomain = parseSubdomain(s);
        await run(cmd, (ctx) => tenantSetStatus(ctx, subdomain, status));
      });
  }

  tenant
    .command('remove <s>')
    .description('delete a tenant, its domain claims and all its accounts, ending their sessions')
    .option('--yes', 'confirm the deletion')
    .action(async (s: string, o: Opts, cmd: Command) => {
      const subdomain = parseSubdomain(s);
      if (!o.yes) throw usage(`tenant remove deletes "${subdomain}", its domain claims and all its accounts; add --yes to confirm`);
      await run(cmd, (ctx) => tenantRemove(ctx, subdomain));
    });

  addAccountCommands(program, run, printer);
  addSessionCommands(program, run);
  addInsightCommands(program, tenant, run);
  addScimCommands(program, run);
}

function addSessionCommands(program: Command, run: Runner): void {
  const session = program.command('session').description("a tenant's server-side sessions (signed-in browsers)");
  session
    .command('list')
    .description('list live sessions of a tenant, or of one account')
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .option('--email <e>', 'only this account')
    .action(async (o: Opts, cmd: Command) => {
      const input = {
        tenant: parseSubdomain(str(o, 'tenant')!, '--tenant'),
        email: o.email === undefined ? undefined : parseEmail(str(o, 'email')!),
      };
      await run(cmd, (ctx) => sessionList(ctx, input));
    });
  session
    .command('revoke')
    .description('end every session of an account at once')
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .requiredOption('--email <e>', 'email address of the account')
    .action(async (o: Opts, cmd: Command) => {
      const input = { tenant: parseSubdomain(str(o, 'tenant')!, '--tenant'), email: parseEmail(str(o, 'email')!) };
      await run(cmd, (ctx) => sessionRevoke(ctx, input));
    });
}

function addAccountCommands(program: Command, run: Runner, printer: Printer): void {
  const account = program.command('account').description("manage a tenant's Impero accounts");
  const tenantOf = (o: Opts) => parseSubdomain(str(o, 'tenant')!, '--tenant');

  account
    .command('add')
    .description('add an account')
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .requiredOption('--email <e>', 'email address (stored trimmed and lowercased)')
    .option('--name <n>', 'display name')
    .action(async (o: Opts, cmd: Command) => {
      const input = {
        tenant: tenantOf(o),
        email: parseEmail(str(o, 'email')!),
        name: o.name === undefined ? undefined : parseName(str(o, 'name')!),
      };
      await run(cmd, (ctx) => accountAdd(ctx, input));
    });

  account
    .command('remove')
    .description('remove an account and its Okta link, ending its sessions')
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .requiredOption('--email <e>', 'email address')
    .action(async (o: Opts, cmd: Command) => {
      const input = { tenant: tenantOf(o), email: parseEmail(str(o, 'email')!) };
      await run(cmd, (ctx) => accountRemove(ctx, input));
    });

  for (const [name, active, what] of [
    ['deactivate', false, 'keep an account (and its Okta link) but stop its sign-ins, ending its sessions'],
    ['activate', true, 'let a deactivated account sign in again'],
  ] as const) {
    account
      .command(name)
      .description(what)
      .requiredOption('--tenant <s>', 'tenant subdomain')
      .requiredOption('--email <e>', 'email address')
      .action(async (o: Opts, cmd: Command) => {
        const input = { tenant: tenantOf(o), email: parseEmail(str(o, 'email')!) };
        await run(cmd, (ctx) => accountSetActive(ctx, input, active));
      });
  }

  account
    .command('list')
    .description("list a tenant's accounts")
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .action(async (o: Opts, cmd: Command) => {
      const tenant = tenantOf(o);
      await run(cmd, (ctx) => accountList(ctx, tenant));
    });

  account
    .command('import <file.csv>')
    .description('add accounts from a CSV file with the header email,name; idempotent')
    .requiredOption('--tenant <s>', 'tenant subdomain')
    .action(async (file: string, o: Opts, cmd: Command) => {
      const tenant = tenantOf(o);
      const accounts = await readAccountsFile(printer(cmd), file);
      await run(cmd, (ctx) => accountImport(ctx, tenant, file, accounts));
    });
}
