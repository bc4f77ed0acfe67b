/**
 * The self-serve setup page for a customer's Okta admin: what to create in Okta (the config
 * sheet), the form for the org URL and Client ID, and the self-test's result step by step,
 * in the request's language. Server-rendered, no JavaScript; every remote string is made
 * printable and escaped.
 */
import type { ConfigSheet } from './config-sheet.js';
import { escapeHtml, page } from './html.js';
import { fill, type Lang } from './language.js';
import { textsFor } from './messages/catalogue.js';
import { printable } from './printable.js';

type Texts = ReturnType<typeof textsFor>['setup'];
type HintKey = keyof Texts['hints'];
type FindingKey = keyof Texts['seen'];

/**
 * One self-test step as the page shows it (the self-test's own step shape: a finding the
 * catalogue has no words for does not type-check where the steps are passed in).
 */
export interface SetupCheck {
  id: keyof Texts['steps'];
  status: 'pass' | 'fail' | 'skip';
  finding: { key: FindingKey; params?: Record<string, string> };
}

/** The form's fields; a problem with one is shown above the form and tied to its field. */
export type SetupField = 'okta_org' | 'client_id' | 'client_secret';
export type SetupProblem = 'orgInvalid' | 'orgNotOkta' | 'clientIdInvalid' | 'secretInvalid';

export interface SetupPageInput {
  tenantName: string;
  sheet: ConfigSheet;
  token: string;
  csrf: string;
  /** What was typed last time (never the client secret). */
  values?: { oktaOrg?: string; clientId?: string };
  error?: { field: SetupField; problem: SetupProblem };
  /** The self-test's steps after a submission that did not pass. */
  checks?: SetupCheck[];
}

/** Okta's console labels, named as the (English-only) console names them, in every language. */
const OKTA = {
  path: 'Applications → Applications → Create App Integration',
  method: 'OIDC - OpenID Connect',
  type: 'Web Application',
  grant: 'Authorization Code',
  assignments: 'Assignments',
  general: 'General',
  clientId: 'Client ID',
  secret: 'client secret',
  secretAuth: 'Client secret',
};

/** The hint for each failed finding; passes and skips have none. */
const HINTS: Partial<Record<FindingKey, HintKey>> = {
  discovery_status: 'org',
  discovery_redirect: 'org',
  discovery_not_json: 'org',
  discovery_unreachable: 'org',
  issuer_other: 'issuer_other',
  issuer_missing: 'issuer_missing',
  endpoints_missing: 'endpoints',
  jwks_status: 'jwks',
  jwks_no_rsa: 'jwks',
  jwks_unreachable: 'jwks',
  pkce_missing: 'pkce',
  client_rejected_none: 'client_rejected_none',
  client_rejected_secret: 'client_rejected_secret',
  client_rejected_key: 'client_rejected_key',
  client_grant: 'client_grant',
  client_unexpected: 'client_id',
  client_unreachable: 'client_unreachable',
  redirect_refused: 'redirect',
  redirect_elsewhere: 'redirect',
  redirect_state: 'org',
  redirect_unreachable: 'redirect_unreachable',
};

const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;

/** A catalogue text with its values filled in: values (remote strings among them) printable and escaped. */
const say = (template: string, params: Record<string, string> = {}): string =>
  fill(escapeHtml(template), Object.fromEntries(Object.entries(params).map(([k, v]) => [k, escapeHtml(printable(v))])));

/** Okta console labels in bold, for `fill` over escaped text. */
const bold = (labels: Partial<typeof OKTA>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, `<b>${escapeHtml(v)}</b>`]));

export function checkList(lang: Lang, checks: SetupCheck[]): string {
  const t = textsFor(lang).setup;
  const items = checks.map((c) => {
    const hintKey = c.status === 'fail' ? HINTS[c.finding.key] : undefined;
    const hint = hintKey ? `<br>${escapeHtml(t.howToFix)} ${say(t.hints[hintKey], c.finding.params)}` : '';
    const seen = say(t.seen[c.finding.key], c.finding.params);
    return `<li class="${c.status}"><b>${MARK[c.status]} ${escapeHtml(t.steps[c.id])}</b><br><span class="meta">${seen}</span>${hint}</li>`;
  });
  return `<ul class="checks">\n${items.join('\n')}\n</ul>`;
}

function sheetList(t: Texts, sheet: ConfigSheet): string {
  const row = (label: string, value: string, note = '') => `<dt>${label}</dt><dd><code>${escapeHtml(value)}</code>${note}</dd>`;
  const initiate = fill(escapeHtml(t.initiateNote), { field: 'Login initiated by', value: 'Either Okta or App' });
  return `<dl class="sheet">
${row('Sign-in redirect URI', sheet.signInRedirectUri)}
${row('Sign-out redirect URI', sheet.signOutRedirectUri)}
${row('Initiate login URI', sheet.initiateLoginUri, ` <span class="meta">${initiate}</span>`)}
${row('Universal Logout endpoint', sheet.universalLogoutEndpoint, ` <span class="meta">${escapeHtml(t.universalLogoutNote)}</span>`)}
${row('subdomain', sheet.subdomain)}
</dl>`;
}

function resultSection(lang: Lang, t: Texts, checks: SetupCheck[]): string {
  const failed = checks.filter((c) => c.status === 'fail').length;
  const heading = fill(new Intl.PluralRules(lang).select(failed) === 'one' ? t.resultOne : t.resultOther, { count: String(failed) });
  return `<section aria-labelledby="result"><h2 id="result">${escapeHtml(heading)}</h2>
<p role="alert">${escapeHtml(t.nothingOn)}</p>
${checkList(lang, checks)}</section>`;
}

export function setupPage(lang: Lang, input: SetupPageInput): string {
  const t = textsFor(lang).setup;
  const tenant = { tenant: input.tenantName };
  const title = fill(t.title, tenant);
  const error = input.error ? `<p class="error" role="alert" id="setup-error">${escapeHtml(t[input.error.problem])}</p>` : '';
  const describe = (field: SetupField) => (input.error?.field === field ? ' aria-describedby="setup-error" aria-invalid="true"' : '');
  const v = input.values ?? {};
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${say(t.intro, tenant)}</p>
<h2>${escapeHtml(t.createHeading)}</h2>
<ol>
<li>${fill(escapeHtml(t.createApp), bold({ path: OKTA.path, method: OKTA.method, type: OKTA.type }))}</li>
<li>${fill(escapeHtml(t.enterValues), bold({ grant: OKTA.grant }))}
${sheetList(t, input.sheet)}</li>
<li>${fill(escapeHtml(t.assign), bold({ assignments: OKTA.assignments }))}</li>
<li>${fill(escapeHtml(t.copy), bold({ general: OKTA.general, clientId: OKTA.clientId, secret: OKTA.secret, secretAuth: OKTA.secretAuth }))}</li>
</ol>
<h2>${escapeHtml(t.testHeading)}</h2>
${input.checks ? resultSection(lang, t, input.checks) : ''}
${error}
<form method="post" action="/auth/setup">
<label for="okta_org">${escapeHtml(t.orgLabel)}</label>
<input id="okta_org" name="okta_org" required maxlength="200" placeholder="dev-company.okta.com" autocomplete="off" value="${escapeHtml(v.oktaOrg ?? '')}"${describe('okta_org')}>
<label for="client_id">${escapeHtml(t.clientIdLabel)}</label>
<input id="client_id" name="client_id" required maxlength="128" autocomplete="off" value="${escapeHtml(v.clientId ?? '')}"${describe('client_id')}>
<label for="client_secret">${escapeHtml(t.secretLabel)}</label>
<input id="client_secret" name="client_secret" type="password" maxlength="512" autocomplete="off"${describe('client_secret')}>
<input type="hidden" name="token" value="${escapeHtml(input.token)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
<p class="meta">${fill(escapeHtml(t.usersWillSignIn), { url: `<code>${escapeHtml(input.sheet.loginUrl)}</code>` })}</p>`,
    { wide: true },
  );
}

export function setupDonePage(lang: Lang, input: { tenantName: string; loginUrl: string; checks: SetupCheck[] }): string {
  const t = textsFor(lang).setup;
  const title = fill(t.doneTitle, { tenant: input.tenantName });
  return page(
    lang,
    title,
    `<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(t.donePassed)}</p>
${checkList(lang, input.checks)}
<p>${fill(escapeHtml(t.doneUsers), { url: `<code>${escapeHtml(input.loginUrl)}</code>` })}</p>
<p><a class="button" href="/auth/login">${escapeHtml(t.toSignIn)}</a></p>`,
    { wide: true },
  );
}
