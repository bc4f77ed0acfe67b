/**
 * `GET/POST /auth/setup` over HTTP: the form's fields and its anti-forgery value in, the setup
 * page (or its done page) out. The use case itself is `core/setup-flow.ts`; a form that is not
 * from our own page in this browser is refused before it runs.
 */
import { clearCookie, readCookie, setCookie } from '../core/cookies.js';
import { AuthError, ErrorCode } from '../core/errors.js';
import type { Site } from '../core/host.js';
import type { Lang } from '../core/language.js';
import { isRandomToken, randomToken, sameSecret } from '../core/random-tokens.js';
import { openSetup, submitSetup, type SetupDeps } from '../core/setup-flow.js';
import { setupDonePage, setupPage } from '../core/setup-pages.js';
import { cookiesOf, formBody, param, type Event } from './request.js';
import { fromOwnPage } from './same-origin.js';
import { html, type Result } from './respond.js';

/** Anti-forgery cookie: its value must come back in the form (SameSite=Lax keeps it off cross-site posts). */
const SETUP_COOKIE = '__Host-impero_setup';
const FORM_LIFETIME_SECONDS = 3600;

export async function showSetup(
  deps: Pick<SetupDeps, 'directory' | 'clock'>,
  site: Site,
  token: string | undefined,
  lang: Lang,
): Promise<Result> {
  const view = await openSetup(deps, site, token);
  const csrf = randomToken();
  return html(200, setupPage(lang, { ...view, token: token!, csrf }), {
    lang,
    cookies: [setCookie(SETUP_COOKIE, csrf, FORM_LIFETIME_SECONDS)],
  });
}

const formExpired = () => new AuthError(ErrorCode.FORM_EXPIRED, { messageKey: 'setup_form_expired' });

/**
 * The post must come from our own page: the one same-origin rule sign-out uses too. The link's
 * own 256-bit token travels in the form, so another site cannot forge a post without the link.
 * Our page's form also carries `csrf`, which must then equal this browser's form cookie; the
 * public interface's form fields do not include it, so a post without it is judged by the rest.
 */
function requireOwnForm(event: Event, site: Site, csrf: string | undefined): void {
  if (!fromOwnPage(event, site.origin)) throw formExpired();
  if (csrf === undefined) return;
  const cookie = readCookie(cookiesOf(event), SETUP_COOKIE);
  if (!isRandomToken(cookie) || !isRandomToken(csrf) || !sameSecret(cookie, csrf)) throw formExpired();
}

export async function submitSetupForm(deps: SetupDeps, site: Site, event: Event, lang: Lang): Promise<Result> {
  const form = formBody(event);
  const [token, csrf] = [param(form, 'token', 64), param(form, 'csrf', 64)];
  const oktaOrg = (param(form, 'okta_org', 200) ?? '').trim();
  const clientId = (param(form, 'client_id', 128) ?? '').trim();
  const clientSecret = param(form, 'client_secret', 512) ?? '';
  requireOwnForm(event, site, csrf);
  const outcome = await submitSetup(deps, site, token, { oktaOrg, clientId, clientSecret });
  if (outcome.done) return html(200, setupDonePage(lang, outcome), { lang, cookies: [clearCookie(SETUP_COOKIE)] });
  // A post without our form's value (the interface's fields only) gets a fresh pair with the form it is shown again.
  const formCsrf = csrf ?? randomToken();
  const cookies = csrf === undefined ? [setCookie(SETUP_COOKIE, formCsrf, FORM_LIFETIME_SECONDS)] : [];
  const { tenantName, sheet, error, checks } = outcome;
  return html(
    outcome.status,
    setupPage(lang, { tenantName, sheet, error, checks, token: token!, csrf: formCsrf, values: { oktaOrg, clientId } }),
    { lang, cookies },
  );
}
