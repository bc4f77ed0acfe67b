/** Syntax rules for what support types when registering a tenant. */

const SUBDOMAIN = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isSubdomain = (s: string): boolean => SUBDOMAIN.test(s);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/**
 * Normalises an Okta org as support receives it (`dev-company.okta.com` or
 * `https://dev-company.okta.com/`) to its issuer URL. Throws a TypeError that says what is
 * wrong: a path (custom authorization servers such as `/oauth2/default` are not used),
 * query, credentials, or plain http on anything but a loopback host.
 */
export function normaliseOktaOrg(input: string): string {
  const raw = input.trim();
  if (raw === '') throw new TypeError('Okta org is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TypeError(`Okta org "${raw}" is not a host name or URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`Okta org must use https, not ${url.protocol}`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError('Okta org must use https (plain http is allowed only for localhost, 127.0.0.1 and [::1])');
  }
  if (url.username || url.password) throw new TypeError('Okta org must not contain credentials');
  if (url.search || url.hash) throw new TypeError('Okta org must not contain a query or fragment');
  if (url.pathname !== '/') {
    throw new TypeError(`Okta org must be the org URL alone, without a path such as "${url.pathname}" (custom authorization servers are not supported)`);
  }
  if (!url.hostname.includes('.') && !isLoopbackHost(url.hostname)) throw new TypeError(`Okta org "${raw}" is not a full host name`);
  return url.origin;
}

/** Okta client ids look like `0oanj4wqsNXtFMUuQ5d6`: 20 characters starting with `0oa`. */
export const looksLikeOktaClientId = (id: string): boolean => /^0oa[A-Za-z0-9]{17}$/.test(id);

/** Any client id we can store: printable ASCII, no spaces, bounded. */
export const isClientId = (id: string): boolean => /^[\x21-\x7e]{1,128}$/.test(id);

/** Okta's own org domains. Anything else is an Okta custom domain, or not Okta at all. */
const OKTA_DOMAINS = ['okta.com', 'oktapreview.com', 'okta-emea.com'];

/**
 * Whether a normalised org issuer is on one of Okta's domains (or loopback, for development).
 * A tenant's org receives its users' emails as `login_hint`, so an arbitrary host would be a
 * page reached from Impero's own domain; custom domains are accepted only when support says so.
 */
export function isOktaOrgHost(issuer: string): boolean {
  const { hostname } = new URL(issuer);
  return isLoopbackHost(hostname) || OKTA_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));
}
