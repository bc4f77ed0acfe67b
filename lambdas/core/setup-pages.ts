/**
 * The self-serve setup page for a customer's Okta admin: what to create in Okta (the config
 * sheet), the form for the org URL and Client ID, and the self-test's result step by step.
 * Server-rendered, no JavaScript; every remote string is made printable and escaped.
 */
import type { ConfigSheet } from './config-sheet.js';
import { escapeHtml, page } from './html.js';
import { printable } from './printable.js';

/** One self-test step as the page shows it (the self-test's own step shape). */
export interface SetupCheck {
  id: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  hint?: string;
}

export interface SetupPageInput {
  tenantName: string;
  sheet: ConfigSheet;
  token: string;
  csrf: string;
  /** What was typed last time (never the client secret). */
  values?: { oktaOrg?: string; clientId?: string };
  /** A problem with what was typed, shown above the form. */
  error?: string;
  /** The self-test's steps after a submission that did not pass. */
  checks?: SetupCheck[];
}

const LABELS: Record<string, string> = {
  discovery: 'Okta org found',
  issuer: 'Org address matches what Okta announces',
  endpoints: 'Okta sign-in endpoints usable',
  jwks: 'Okta signing keys published',
  pkce: 'PKCE supported',
  client: 'Client ID accepted by Okta',
};
const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;
const text = (s: string): string => escapeHtml(printable(s));

export function checkList(checks: SetupCheck[]): string {
  const items = checks.map((c) => {
    const hint = c.hint ? `<br>How to fix: ${text(c.hint)}` : '';
    return `<li class="${c.status}"><b>${MARK[c.status]} ${escapeHtml(LABELS[c.id] ?? c.id)}</b><br><span class="meta">${text(c.detail)}</span>${hint}</li>`;
  });
  return `<ul class="checks">\n${items.join('\n')}\n</ul>`;
}

function sheetList(sheet: ConfigSheet): string {
  const row = (label: string, value: string, note = '') => `<dt>${label}</dt><dd><code>${escapeHtml(value)}</code>${note}</dd>`;
  return `<dl class="sheet">
${row('Sign-in redirect URI', sheet.signInRedirectUri)}
${row('Sign-out redirect URI', sheet.signOutRedirectUri)}
${row('Initiate login URI', sheet.initiateLoginUri, ' <span class="meta">(Login initiated by: Either Okta or App)</span>')}
${row('Universal Logout endpoint', sheet.universalLogoutEndpoint, ' <span class="meta">(optional: lets Okta end Impero sessions)</span>')}
${row('subdomain', sheet.subdomain)}
</dl>`;
}

export function setupPage(input: SetupPageInput): string {
  const name = escapeHtml(input.tenantName);
  const failed = input.checks ? input.checks.filter((c) => c.status === 'fail').length : 0;
  const result = input.checks
    ? `<section aria-labelledby="result"><h2 id="result">Test result: ${failed} check${failed === 1 ? '' : 's'} failed</h2>
<p role="alert">Nothing was switched on. Fix the steps marked ✗ and test again.</p>
${checkList(input.checks)}</section>`
    : '';
  const error = input.error ? `<p class="error" role="alert" id="setup-error">${text(input.error)}</p>` : '';
  const v = input.values ?? {};
  return page(
    `Set up Okta sign-in for ${input.tenantName}`,
    `<h1>Set up Okta sign-in for ${name}</h1>
<p>This page is for ${name}’s Okta administrator. Create the Impero app in Okta as below, then enter its values at the end: Impero tests them against your Okta org and switches sign-in on when every check passes.</p>
<h2>1. Create the app in Okta</h2>
<ol>
<li>In the Okta Admin Console: <b>Applications → Applications → Create App Integration</b>, sign-in method <b>OIDC - OpenID Connect</b>, application type <b>Web Application</b>.</li>
<li>Grant type: <b>Authorization Code</b>. Enter these values:
${sheetList(input.sheet)}</li>
<li>Under <b>Assignments</b>, assign the people or groups who use Impero, and save.</li>
<li>From the app’s <b>General</b> tab, copy the <b>Client ID</b> and the <b>client secret</b> (client authentication: Client secret). An app without a secret (PKCE only) works too: leave the secret empty.</li>
</ol>
<h2>2. Test and switch on</h2>
${result}
${error}
<form method="post" action="/auth/setup">
<label for="okta_org">Okta org URL</label>
<input id="okta_org" name="okta_org" required maxlength="200" placeholder="dev-company.okta.com" autocomplete="off" value="${escapeHtml(v.oktaOrg ?? '')}"${input.error ? ' aria-describedby="setup-error"' : ''}>
<label for="client_id">Client ID</label>
<input id="client_id" name="client_id" required maxlength="128" autocomplete="off" value="${escapeHtml(v.clientId ?? '')}">
<label for="client_secret">Client secret (if your app has one)</label>
<input id="client_secret" name="client_secret" type="password" maxlength="512" autocomplete="off">
<input type="hidden" name="token" value="${escapeHtml(input.token)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<button type="submit">Test and switch on</button>
</form>
<p class="meta">Your users will sign in at <code>${escapeHtml(input.sheet.loginUrl)}</code>.</p>`,
  );
}

export function setupDonePage(input: { tenantName: string; loginUrl: string; checks: SetupCheck[] }): string {
  const name = escapeHtml(input.tenantName);
  return page(
    `Okta sign-in for ${input.tenantName} is on`,
    `<h1>Okta sign-in for ${name} is on</h1>
<p role="status">Every check passed and sign-in is switched on. This setup link has been used up.</p>
${checkList(input.checks)}
<p>Your users sign in at <code>${escapeHtml(input.loginUrl)}</code>, or from the Impero tile in Okta.</p>
<p><a class="button" href="/auth/login">Go to sign-in</a></p>`,
  );
}
