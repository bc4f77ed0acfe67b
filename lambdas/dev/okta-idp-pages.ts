/**
 * HTML of the development IdP: the sign-in form, its error pages and the sign-out pages.
 * Plain, accessible markup; styles and the one script are allowed by hash in the CSP, so
 * nothing inline runs that this file did not write.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../core/html.js';

const CSS = `body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#1d1d21;margin:0}
main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}.note{color:#555;font-size:.85rem}
label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;font-size:1rem;border:1px solid #888;border-radius:4px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:4px;background:#1662dd;color:#fff;cursor:pointer}
.error{color:#a4000f;background:#fdecee;padding:.6rem;border-radius:4px}`;

const LOGOUT_SCRIPT = `document.getElementById('op.logoutForm').submit();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** No `form-action`: Chromium applies it to the redirect back to the app after the POST. */
export const IDP_CSP = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(LOGOUT_SCRIPT)}; frame-ancestors 'none'; base-uri 'none'`;


function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main>
${body}
<p class="note">Development identity provider (Okta-shaped). Not a real Okta org.</p>
</main></body>
</html>`;
}

export interface LoginFormView {
  /** Where the form posts: the interaction URL. */
  action: string;
  clientId: string;
  email?: string;
  error?: string;
}

/**
 * The sign-in form. Field names `email` and `password`; the submit button is
 * `button#sign-in` (name `sign-in`, text "Sign in").
 */
export function loginPage(view: LoginFormView): string {
  const focusPassword = view.email ? ' autofocus' : '';
  const focusEmail = view.email ? '' : ' autofocus';
  const error = view.error ? `<p class="error" role="alert" id="error">${escapeHtml(view.error)}</p>\n` : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p>Signing in to <strong id="client">${escapeHtml(view.clientId)}</strong></p>
${error}<form method="post" action="${escapeHtml(view.action)}">
<label for="email">Email</label>
<input id="email" type="email" name="email" autocomplete="username" required value="${escapeHtml(view.email ?? '')}"${focusEmail}>
<label for="password">Password</label>
<input id="password" type="password" name="password" autocomplete="current-password" required${focusPassword}>
<button type="submit" id="sign-in" name="sign-in">Sign in</button>
</form>`,
  );
}

export function errorPage(title: string, message: string, detail?: string): string {
  const more = detail ? `<p><code>${escapeHtml(detail)}</code></p>` : '';
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>${more}`);
}

/**
 * The RP-initiated logout page submits itself, so signing out needs no confirmation.
 * `form` is oidc-provider's hidden form carrying its anti-forgery token.
 */
export function logoutPage(form: string): string {
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    'Signing out',
    `<h1>Signing out…</h1>
${confirmed}
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>${LOGOUT_SCRIPT}</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1>\n<p>You are signed out of the development identity provider.</p>');
}

/** The development-only page that sends Okta's Universal Logout for one user. */
export function universalLogoutPage(view: { action: string; clients: string[]; result?: string }): string {
  const options = view.clients.map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)}</option>`).join('');
  const result = view.result ? `<p role="status" id="result">${escapeHtml(view.result)}</p>\n` : '';
  return page(
    'Universal Logout',
    `<h1>Universal Logout</h1>
<p>Ends every Impero session of a user, as an Okta admin's "Log out of all apps" does.</p>
${result}<form method="post" action="${escapeHtml(view.action)}">
<label for="client_id">App (client id)</label>
<select id="client_id" name="client_id">${options}</select>
<label for="email">User's email</label>
<input id="email" type="email" name="email" required>
<button type="submit">Send Universal Logout</button>
</form>`,
  );
}
