/** HTML escaping, the shared page frame and the headers every HTML response carries. */
import { createHash } from 'node:crypto';
import type { Lang } from './language.js';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
body{margin:0;min-height:100vh;display:grid;place-items:center}
main{box-sizing:border-box;background:#fff;max-width:26rem;width:calc(100% - 2rem);margin:1rem 0;padding:clamp(1rem,5vw,2rem);border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15);overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
ol{padding-left:1.5rem}
p{line-height:1.5}
label{display:block;font-weight:600;margin-bottom:.35rem}
input{box-sizing:border-box;width:100%;font-size:1rem;padding:.6rem;border:1px solid #59636e;border-radius:4px}
button,.button{display:inline-block;margin-top:1rem;font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#0b57d0;color:#fff;cursor:pointer;text-decoration:none}
:focus-visible{outline:3px solid #e37400;outline-offset:2px}
.error{color:#a50e0e;background:#fce8e6;padding:.75rem;border-radius:4px}
.meta{color:#4d5761;font-size:.85rem}
main.wide{max-width:56rem}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em;-webkit-user-select:all;user-select:all}
.sheet dt{font-weight:600;margin-top:.75rem}
.sheet dd{margin:.25rem 0 0}
.sheet code{display:block;padding:.35rem .5rem;background:#f4f6f8;border:1px solid #c9d1d9;border-radius:4px}
.checks{list-style:none;padding:0}.checks li{margin:.5rem 0}.pass b{color:#0d652d}.fail b{color:#a50e0e}
`.trim();

const styleHash = createHash('sha256').update(STYLE).digest('base64');

/**
 * CSP: nothing but our one inline stylesheet; forms post to ourselves; never framed.
 * `formTargets` widens `form-action` for the login form only: Chromium applies form-action
 * to every hop of the redirect chain that follows a submission, and the login form's chain
 * ends at the tenant's Okta org.
 */
export const contentSecurityPolicy = (formTargets: readonly string[] = []): string =>
  `default-src 'none'; style-src 'sha256-${styleHash}'; form-action ${["'self'", ...formTargets].join(' ')}; frame-ancestors 'none'; base-uri 'none'`;

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const HTML_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

/** What an HTML response says about its language: which one, and that it depends on `Accept-Language`. */
export const languageHeaders = (lang: Lang): Record<string, string> => ({ 'content-language': lang, vary: 'Accept-Language' });

/**
 * A whole page in `lang`; `title` is plain text, `body` is HTML. `wide` gives pages that show
 * values to copy (the setup pages' config sheet) a column wide enough to keep a long URL on
 * one line on a desktop screen; narrow screens still get the full width and no more.
 */
export function page(lang: Lang, title: string, body: string, options: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Impero</title>
<style>${STYLE}</style>
</head>
<body>
<main${options.wide ? ' class="wide"' : ''}>
${body}
</main>
</body>
</html>
`;
}
