/**
 * HTML of the development IdP: the sign-in form, its error pages, the sign-out pages and the
 * Universal Logout page (the Provisioning page is in `okta-idp-provisioning-page.ts`), in
 * the browser's language (texts in `dev-texts.ts`). Plain, accessible markup; styles and the
 * one script are allowed by hash in the CSP, so nothing inline runs that this file did not write.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../core/html.js';
import { fill, type Lang } from '../core/language.js';
import { devTexts } from './dev-texts.js';

const CSS = `body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#1d1d21;margin:0;padding:0 1rem}
main{max-width:22rem;margin:clamp(1rem,8vw,4rem) auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.5rem 0}.note{color:#555;font-size:.85rem}
label{display:block;margin-top:1rem;font-weight:600}
input,select{width:100%;box-sizing:border-box;padding:.6rem;margin-top:.3rem;font-size:1rem;border:1px solid #888;border-radius:4px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;border:0;border-radius:4px;background:#1662dd;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #1d1d21;outline-offset:2px}code{overflow-wrap:anywhere}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}fieldset button{margin-top:.5rem}
main.wide{max-width:40rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}ol{padding-left:1.2rem}summary{cursor:pointer}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;background:#f4f4f5;padding:.5rem;margin:.3rem 0}
.error{color:#a4000f;background:#fdecee;padding:.6rem;border-radius:4px}`;

const LOGOUT_SCRIPT = `document.getElementById('op.logoutForm').submit();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** No `form-action`: Chromium applies it to the redirect back to the app after the POST. */
export const IDP_CSP = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(LOGOUT_SCRIPT)}; frame-ancestors 'none'; base-uri 'none'`;

/** A whole IdP page: the body in `<main>` (`wide`: room for code), then the note that this is not a real Okta. */
export function page(lang: Lang, title: string, body: string, wide = false): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main${wide ? ' class="wide"' : ''}>
${body}
<p class="note">${escapeHtml(devTexts[lang].idp.note)}</p>
</main></body>
</html>`;
}

export interface LoginFormView {
  lang: Lang;
  /** Where the form posts: the interaction URL. */
  action: string;
  clientId: string;
  email?: string;
  /** Set when the last attempt failed: the form says so, tied to both fields. */
  failed?: boolean;
}

/**
 * The sign-in form. Field names `email` and `password`; the submit button is
 * `button#sign-in` (name `sign-in`, text "Sign in" in English).
 */
export function loginPage(view: LoginFormView): string {
  const t = devTexts[view.lang].idp;
  const focusPassword = view.email ? ' autofocus' : '';
  const focusEmail = view.email ? '' : ' autofocus';
  const error = view.failed ? `<p class="error" role="alert" id="error">${escapeHtml(t.wrongPassword)}</p>\n` : '';
  const described = view.failed ? ' aria-describedby="error" aria-invalid="true"' : '';
  const client = `<strong id="client">${escapeHtml(view.clientId)}</strong>`;
  return page(
    view.lang,
    t.signInTitle,
    `<h1>${escapeHtml(t.signInTitle)}</h1>
<p>${fill(escapeHtml(t.signingInTo), { client })}</p>
${error}<form method="post" action="${escapeHtml(view.action)}">
<label for="email">${escapeHtml(t.email)}</label>
<input id="email" type="email" name="email" autocomplete="username" required value="${escapeHtml(view.email ?? '')}"${described}${focusEmail}>
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" type="password" name="password" autocomplete="current-password" required${described}${focusPassword}>
<button type="submit" id="sign-in" name="sign-in">${escapeHtml(t.signIn)}</button>
</form>`,
  );
}

export type IdpErrorKind = 'expired' | 'notAllowed' | 'error';

/** An error page of the IdP; `detail` (oidc-provider's error, for developers) is shown as code. */
export function errorPage(lang: Lang, kind: IdpErrorKind, detail?: string): string {
  const t = devTexts[lang].idp;
  const texts: Record<IdpErrorKind, [string, string]> = {
    expired: [t.expiredTitle, t.expired],
    notAllowed: [t.notAllowedTitle, t.notAllowed],
    error: [t.errorTitle, t.error],
  };
  const [title, message] = texts[kind];
  const more = detail ? `<p class="note">${escapeHtml(t.detail)} <code>${escapeHtml(detail)}</code></p>` : '';
  return page(lang, title, `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>${more}`);
}

/**
 * The RP-initiated logout page submits itself, so signing out needs no confirmation.
 * `form` is oidc-provider's hidden form carrying its anti-forgery token.
 */
export function logoutPage(lang: Lang, form: string): string {
  const t = devTexts[lang].idp;
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    lang,
    t.signingOutTitle,
    `<h1>${escapeHtml(t.signingOutTitle)}</h1>
${confirmed}
<noscript><button type="submit" form="op.logoutForm">${escapeHtml(t.signOut)}</button></noscript>
<script>${LOGOUT_SCRIPT}</script>`,
  );
}

export function signedOutPage(lang: Lang): string {
  const t = devTexts[lang].idp;
  return page(lang, t.signedOutTitle, `<h1>${escapeHtml(t.signedOutTitle)}</h1>\n<p>${escapeHtml(t.signedOut)}</p>`);
}

/** A page of the IdP, rendered once the language is known. */
export type IdpPage = (lang: Lang) => string;

/** The headers of every IdP page: its CSP, and the language it was written in. */
export const idpPageHeaders = (lang: Lang): Record<string, string> => ({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': IDP_CSP,
  'content-language': lang,
  vary: 'Accept-Language',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** What the last Universal Logout attempt came to; remote text (an error) stays as it came, escaped. */
export type UniversalLogoutResult =
  { kind: 'invalid' } | { kind: 'sent'; email: string; endpoint: string; status: number } | { kind: 'unreachable'; reason: string };

/** The development-only page that sends Okta's Universal Logout for one user. */
export function universalLogoutPage(lang: Lang, view: { action: string; clients: string[]; result?: UniversalLogoutResult }): string {
  const t = devTexts[lang].universalLogout;
  const options = view.clients.map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)}</option>`).join('');
  const result = view.result ? `<p role="status" id="result">${escapeHtml(resultText(lang, view.result))}</p>\n` : '';
  return page(
    lang,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${result}<form method="post" action="${escapeHtml(view.action)}">
<label for="client_id">${escapeHtml(t.app)}</label>
<select id="client_id" name="client_id">${options}</select>
<label for="email">${escapeHtml(t.email)}</label>
<input id="email" type="email" name="email" required>
<button type="submit">${escapeHtml(t.send)}</button>
</form>`,
  );
}

function resultText(lang: Lang, result: UniversalLogoutResult): string {
  const t = devTexts[lang].universalLogout;
  if (result.kind === 'invalid') return t.invalid;
  if (result.kind === 'unreachable') return fill(t.unreachable, { reason: result.reason });
  return fill(result.status === 204 ? t.sentEnded : t.sent, {
    email: result.email,
    endpoint: result.endpoint,
    status: String(result.status),
  });
}
