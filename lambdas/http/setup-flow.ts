/**
 * `GET/POST /auth/setup`: the invited tenant's setup link. The page shows the config sheet
 * and a form; a submission runs the very self-test the support CLI runs (authenticating as
 * the login will: with the client secret, if one was given) and activates the tenant
 * (spending the link, in one version-checked write) only when every step passes.
 * A failed self-test counts against the link; a wrong, spent or expired link, or a form
 * without this browser's anti-forgery value, changes nothing.
 */
import { runSelfTest } from '../adapters/self-test.js';
import { clientJwksUrl, configSheet } from '../core/config-sheet.js';
import { clearCookie, readCookie, setCookie } from '../core/cookies.js';
import type { Deps } from '../core/deps.js';
import { AuthError, ErrorCode } from '../core/errors.js';
import { unknownTenant, type Site } from '../core/host.js';
import type { Lang } from '../core/language.js';
import type { SetupLink, Tenant } from '../core/model.js';
import { ConflictError, type ClientCredentials } from '../core/ports.js';
import { isRandomToken, randomToken, sameSecret } from '../core/random-tokens.js';
import { checkSetupLink } from '../core/setup-link.js';
import { setupDonePage, setupPage, type SetupPageInput } from '../core/setup-pages.js';
import { isClientId, isClientSecret, isLoopbackHost, isOktaOrgHost, normaliseOktaOrg } from '../core/tenant-input.js';
import { cookiesOf, formBody, param, type Event } from './request.js';
import { fromOwnPage } from './same-origin.js';
import { html, type Result } from './respond.js';

/** Anti-forgery cookie: its value must come back in the form (SameSite=Lax keeps it off cross-site posts). */
export const SETUP_COOKIE = '__Host-impero_setup';
const FORM_LIFETIME_SECONDS = 3600;

type TenantSite = Extract<Site, { kind: 'tenant' }>;

type Live = { site: TenantSite; tenant: Tenant; link: SetupLink };

/** What the setup function wires: it reads and activates tenants, seals secrets, records the outcome. */
export type SetupDeps = Pick<Deps, 'config' | 'directory' | 'secrets' | 'events' | 'clock' | 'log'>;

async function liveLink(deps: Pick<Deps, 'directory' | 'clock'>, site: Site, token: string | undefined): Promise<Live> {
  if (site.kind !== 'tenant') throw unknownTenant();
  const tenant = await deps.directory.getTenant(site.subdomain);
  if (!tenant) throw unknownTenant();
  return { site, tenant, link: checkSetupLink(tenant, token, deps.clock.now()) };
}

function render(lang: Lang, live: Live, token: string, csrf: string, status: number, extra: Partial<SetupPageInput> = {}, cookies: string[] = []): Result {
  const body = setupPage(lang, { tenantName: live.tenant.name, sheet: configSheet(live.tenant, live.site.origin), token, csrf, ...extra });
  return html(status, body, { lang, cookies });
}

export async function showSetup(deps: Pick<SetupDeps, 'config' | 'directory' | 'clock'>, site: Site, token: string | undefined, lang: Lang): Promise<Result> {
  const live = await liveLink(deps, site, token);
  const csrf = randomToken();
  return render(lang, live, token!, csrf, 200, {}, [setCookie(SETUP_COOKIE, csrf, FORM_LIFETIME_SECONDS)]);
}

const formExpired = () =>
  new AuthError(ErrorCode.FORM_EXPIRED, 'This form could not be accepted. Open the setup link from the email again and resubmit.', { messageKey: 'setup_form_expired' });

/**
 * The post must come from our own page: the one same-origin rule sign-out uses too. The link's
 * own 256-bit token travels in the form, so another site cannot forge a post without the link.
 * Our page's form also carries `csrf`, which must then equal this browser's form cookie;
 * INTERFACE.md's form fields do not include it, so a post without it is judged by the rest.
 */
function requireOwnForm(event: Event, site: Site, csrf: string | undefined): void {
  if (!fromOwnPage(event, site.origin)) throw formExpired();
  if (csrf === undefined) return;
  const cookie = readCookie(cookiesOf(event), SETUP_COOKIE);
  if (!isRandomToken(cookie) || !isRandomToken(csrf) || !sameSecret(cookie, csrf)) throw formExpired();
}

export async function submitSetup(deps: SetupDeps, site: Site, event: Event, lang: Lang): Promise<Result> {
  const form = formBody(event);
  const [token, csrf] = [param(form, 'token', 64), param(form, 'csrf', 64)];
  const oktaOrg = (param(form, 'okta_org', 200) ?? '').trim();
  const clientId = (param(form, 'client_id', 128) ?? '').trim();
  const clientSecret = param(form, 'client_secret', 512) ?? '';
  requireOwnForm(event, site, csrf);
  const live = await liveLink(deps, site, token);
  // A post without our form's value (INTERFACE.md's fields only) gets a fresh pair with the form it is shown again.
  const formCsrf = csrf ?? randomToken();
  const formCookies = csrf === undefined ? [setCookie(SETUP_COOKIE, formCsrf, FORM_LIFETIME_SECONDS)] : [];
  const again = (status: number, extra: Partial<SetupPageInput>) =>
    render(lang, live, token!, formCsrf, status, { values: { oktaOrg, clientId }, ...extra }, formCookies);

  const local = deps.config.scheme === 'http';
  let issuer: string;
  try {
    issuer = normaliseOktaOrg(oktaOrg);
  } catch {
    return again(400, { error: { field: 'okta_org', problem: 'orgInvalid' } });
  }
  // Only Okta's own domains here (and loopback when running locally): a custom domain is
  // accepted by support on purpose (`--custom-domain-org`), never from a web form.
  if ((!local && isLoopbackHost(new URL(issuer).hostname)) || !isOktaOrgHost(issuer)) {
    return again(400, { error: { field: 'okta_org', problem: 'orgNotOkta' } });
  }
  if (!isClientId(clientId)) return again(400, { error: { field: 'client_id', problem: 'clientIdInvalid' } });
  if (clientSecret !== '' && !isClientSecret(clientSecret)) {
    return again(400, { error: { field: 'client_secret', problem: 'secretInvalid' } });
  }

  // A secret means a Web app authenticating with client_secret_basic (Okta's default); none, PKCE only.
  const credentials: ClientCredentials = clientSecret === '' ? { method: 'none' } : { method: 'client_secret_basic', secret: clientSecret };
  const now = deps.clock.now();
  const { subdomain } = live.tenant;
  // The attempt is counted before the self-test runs, in one version-checked write: of several
  // submissions sent at once only one runs its test, so a link allows no more tests than its limit.
  const reserved = await settle(() => deps.directory.updateTenant(subdomain, live.tenant.version, { setup: { ...live.link, failedAttempts: live.link.failedAttempts + 1 } }, now));
  const report = await runSelfTest(
    { issuer, clientId, redirectUri: `${live.site.origin}/auth/callback`, credentials, clientJwksUrl: clientJwksUrl(live.site.origin) },
    { fetch: globalThis.fetch, timeoutMs: deps.config.idpTimeoutSeconds * 1000, allowLoopback: local },
  );
  if (!report.ok) {
    deps.events.record({ tenant: subdomain, type: 'tenant_setup', errorCode: 'self_test_failed' });
    deps.log.info('setup self-test failed', { tenant: subdomain, failed: report.steps.filter((s) => s.status === 'fail').map((s) => s.id).join(',') });
    return again(200, { checks: report.steps });
  }
  // Sealed with the tenant as its context, like `tenant add --client-secret-stdin` does; never stored in plaintext.
  const sealed = credentials.method === 'none' ? null : await deps.secrets.encrypt(credentials.secret, subdomain);
  const activated = await settle(() =>
    deps.directory.updateTenant(
      subdomain,
      reserved.version,
      { issuer, clientId, clientAuth: credentials.method, clientSecretCiphertext: sealed, status: 'active', setup: { ...live.link, spentAt: now.toISOString() } },
      now,
    ),
  );
  deps.events.record({ tenant: subdomain, type: 'tenant_setup' });
  deps.log.info('tenant set up through its setup link', { tenant: subdomain });
  const done = setupDonePage(lang, { tenantName: activated.name, loginUrl: configSheet(activated, live.site.origin).loginUrl, checks: report.steps });
  return html(200, done, { lang, cookies: [clearCookie(SETUP_COOKIE)] });
}

/** A version conflict means another submission with this link won the race: this one changes nothing. */
async function settle<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof ConflictError)) throw e;
    throw new AuthError(ErrorCode.SETUP_LINK_INVALID, 'This setup link was used in another window at the same moment. Open the link again to see where setup stands.', {
      cause: e,
      messageKey: 'setup_link_raced',
    });
  }
}
