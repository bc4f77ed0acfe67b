/** The pages users see: the login form and error pages, in the request's language. Server-rendered, no JavaScript. */
import { tenantOrigin, type Config } from './config.js';
import { escapeHtml, page } from './html.js';
import { fill, type Lang } from './language.js';
import { textsFor } from './messages/catalogue.js';
import type { Site } from './host.js';
import type { Tenant } from './model.js';

export interface LoginPageInput {
  /** Tenant display name on a tenant host; absent on the bare login host. */
  tenantName?: string;
  email?: string;
  returnTo?: string;
  /** A message about the email, in the page's language, shown above the form and tied to the field. */
  error?: string;
}

export function loginPage(lang: Lang, input: LoginPageInput): string {
  const t = textsFor(lang).login;
  // Plain text: `page` escapes the title, the <h1> is escaped here (once each).
  const heading = input.tenantName ? fill(t.titleForTenant, { tenant: input.tenantName }) : t.title;
  const error = input.error ? `<p class="error" role="alert" id="email-error">${escapeHtml(input.error)}</p>` : '';
  const returnTo = input.returnTo ? `<input type="hidden" name="return_to" value="${escapeHtml(input.returnTo)}">` : '';
  const described = input.error ? ' aria-describedby="email-error" aria-invalid="true"' : '';
  return page(
    lang,
    heading,
    `<h1>${escapeHtml(heading)}</h1>
${error}
<form method="post" action="/auth/login">
<label for="email">${escapeHtml(t.emailLabel)}</label>
<input type="email" id="email" name="email" autocomplete="username" required autofocus maxlength="254" value="${escapeHtml(input.email ?? '')}"${described}>
${returnTo}
<button type="submit">${escapeHtml(t.next)}</button>
</form>
<p class="meta">${escapeHtml(t.note)}</p>`,
  );
}

export interface ErrorPageInput {
  /** Heading and message in the page's language (see `errorText`). */
  title: string;
  message: string;
  correlationId: string;
}

export function errorPage(lang: Lang, input: ErrorPageInput): string {
  const t = textsFor(lang).errorPage;
  return page(
    lang,
    input.title,
    `<h1>${escapeHtml(input.title)}</h1>
<p role="alert">${escapeHtml(input.message)}</p>
<p><a class="button" href="/auth/login">${escapeHtml(t.back)}</a></p>
<p class="meta">${escapeHtml(t.reference)} <code>${escapeHtml(input.correlationId)}</code></p>`,
  );
}

/**
 * Where the login form's submission may end up, for its CSP: on a tenant host, the tenant's
 * Okta org; on the bare host the org is not known until the email is typed, so any tenant
 * host and any https origin (plus loopback http when running locally).
 */
export function loginFormTargets(config: Config, site: Site, tenant?: Tenant): string[] {
  if (site.kind === 'tenant') return tenant ? [new URL(tenant.issuer).origin] : [];
  const local = config.scheme === 'http' ? ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*'] : [];
  return [tenantOrigin(config, '*'), 'https:', ...local];
}
