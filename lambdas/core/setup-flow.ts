/**
 * An invited tenant's setup (the use case behind `GET/POST /auth/setup`): the link must be
 * live; the submitted Okta values are checked, the attempt is counted, the very self-test the
 * support CLI runs is run (authenticating as the login will: with the client secret, if one
 * was given), and only when every step passes is the secret sealed and the tenant activated,
 * spending the link in one version-checked write. A failed self-test counts against the link;
 * a wrong, spent or expired link changes nothing.
 */
import { credentialsFor, defaultClientAuth } from './client-auth.js';
import { configSheet, type ConfigSheet } from './config-sheet.js';
import type { Deps } from './deps.js';
import { AuthError, ErrorCode } from './errors.js';
import { unknownTenant, type Site } from './host.js';
import type { SetupLink, Tenant } from './model.js';
import { ConflictError } from './ports.js';
import { selfTestTarget, type SelfTestStep } from './self-test.js';
import { checkSetupLink } from './setup-link.js';
import type { SetupField, SetupProblem } from './setup-pages.js';
import { isClientId, isClientSecret, isLoopbackHost, isOktaOrgHost, normaliseOktaOrg } from './tenant-input.js';

/** What the setup function wires: it reads and activates tenants, runs the self-test, seals secrets, records the outcome. */
export type SetupDeps = Pick<Deps, 'config' | 'directory' | 'selfTest' | 'secrets' | 'events' | 'clock' | 'log'>;

/** What the Okta admin typed (trimmed, except the secret); an empty secret means none. */
export interface SetupForm {
  oktaOrg: string;
  clientId: string;
  clientSecret: string;
}

/** The setup page for a live link: whose it is and what to enter in Okta. */
export interface SetupSheet {
  tenantName: string;
  sheet: ConfigSheet;
}

/** A submission's outcome: the form again (with a problem, or the failed checks), or done. */
export type SetupOutcome =
  | (SetupSheet & { done: false; status: 200 | 400; error?: { field: SetupField; problem: SetupProblem }; checks?: SelfTestStep[] })
  | { done: true; tenantName: string; loginUrl: string; checks: SelfTestStep[] };

type TenantSite = Extract<Site, { kind: 'tenant' }>;
type Live = { site: TenantSite; tenant: Tenant; link: SetupLink };

async function liveLink(deps: Pick<Deps, 'directory' | 'clock'>, site: Site, token: string | undefined): Promise<Live> {
  if (site.kind !== 'tenant') throw unknownTenant();
  const tenant = await deps.directory.getTenant(site.subdomain);
  if (!tenant) throw unknownTenant();
  return { site, tenant, link: checkSetupLink(tenant, token, deps.clock.now()) };
}

const sheetOf = (live: Live): SetupSheet => ({ tenantName: live.tenant.name, sheet: configSheet(live.tenant, live.site.origin) });

export async function openSetup(deps: Pick<Deps, 'directory' | 'clock'>, site: Site, token: string | undefined): Promise<SetupSheet> {
  return sheetOf(await liveLink(deps, site, token));
}

type Checked = { issuer: string } | { problem: { field: SetupField; problem: SetupProblem } };

function checkForm(form: SetupForm, local: boolean): Checked {
  let issuer: string;
  try {
    issuer = normaliseOktaOrg(form.oktaOrg);
  } catch {
    return { problem: { field: 'okta_org', problem: 'orgInvalid' } };
  }
  // Only Okta's own domains here (and loopback when running locally): a custom domain is
  // accepted by support on purpose (`--custom-domain-org`), never from a web form.
  if ((!local && isLoopbackHost(new URL(issuer).hostname)) || !isOktaOrgHost(issuer))
    return { problem: { field: 'okta_org', problem: 'orgNotOkta' } };
  if (!isClientId(form.clientId)) return { problem: { field: 'client_id', problem: 'clientIdInvalid' } };
  if (form.clientSecret !== '' && !isClientSecret(form.clientSecret))
    return { problem: { field: 'client_secret', problem: 'secretInvalid' } };
  return { issuer };
}

export async function submitSetup(deps: SetupDeps, site: Site, token: string | undefined, form: SetupForm): Promise<SetupOutcome> {
  const live = await liveLink(deps, site, token);
  const checked = checkForm(form, deps.config.scheme === 'http');
  if ('problem' in checked) return { ...sheetOf(live), done: false, status: 400, error: checked.problem };
  const { issuer } = checked;
  const { clientId, clientSecret } = form;

  const hasSecret = clientSecret !== '';
  const credentials = credentialsFor(defaultClientAuth(hasSecret), hasSecret ? { secret: clientSecret } : {});
  const now = deps.clock.now();
  const { subdomain } = live.tenant;
  // The attempt is counted before the self-test runs, in one version-checked write: of several
  // submissions sent at once only one runs its test, so a link allows no more tests than its limit.
  const reserved = await settle(() =>
    deps.directory.updateTenant(
      subdomain,
      live.tenant.version,
      { setup: { ...live.link, failedAttempts: live.link.failedAttempts + 1 } },
      now,
    ),
  );
  const report = await deps.selfTest.run(selfTestTarget(live.site.origin, { issuer, clientId }, credentials));
  if (!report.ok) {
    deps.events.record({ tenant: subdomain, type: 'tenant_setup', errorCode: 'self_test_failed' });
    deps.log.info('setup self-test failed', {
      tenant: subdomain,
      failed: report.steps
        .filter((s) => s.status === 'fail')
        .map((s) => s.id)
        .join(','),
    });
    return { ...sheetOf(live), done: false, status: 200, checks: report.steps };
  }
  // Sealed with the tenant as its context, like `tenant add --client-secret-stdin` does; never stored in plaintext.
  const sealed = credentials.method === 'none' ? null : await deps.secrets.encrypt(clientSecret, subdomain);
  const activated = await settle(() =>
    deps.directory.updateTenant(
      subdomain,
      reserved.version,
      {
        issuer,
        clientId,
        clientAuth: credentials.method,
        clientSecretCiphertext: sealed,
        status: 'active',
        setup: { ...live.link, spentAt: now.toISOString() },
      },
      now,
    ),
  );
  deps.events.record({ tenant: subdomain, type: 'tenant_setup' });
  deps.log.info('tenant set up through its setup link', { tenant: subdomain });
  return { done: true, tenantName: activated.name, loginUrl: configSheet(activated, live.site.origin).loginUrl, checks: report.steps };
}

/** A version conflict means another submission with this link won the race: this one changes nothing. */
async function settle<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    throw new AuthError(ErrorCode.SETUP_LINK_INVALID, { messageKey: 'setup_link_raced' }, { cause: e });
  }
}
