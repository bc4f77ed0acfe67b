/** Rules for what support (or a customer's admin on the setup page) types to register a tenant. */
import { firstUnsafeCharacter } from './printable.js';

const SUBDOMAIN = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The syntax of a tenant host's first label; host resolution and lookups use this alone. */
export const isSubdomain = (s: string): boolean => SUBDOMAIN.test(s);

/**
 * Subdomains no tenant may take: Impero's own services and names people would trust as
 * Impero's (`admin`, `login`, `support`…), and mail and DNS conventions. The one list;
 * docs/support/commands.md ("Reserved subdomains") repeats it.
 */
const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  'www',
  'api',
  'admin',
  'auth',
  'login',
  'app',
  'status',
  'support',
  'mail',
  'static',
  'cdn',
  'sso',
  'id',
  'account',
  'accounts',
  'dashboard',
  'setup',
  'help',
  'docs',
  'blog',
  'security',
  'impero',
  'okta',
  'assets',
  'media',
  'smtp',
  'imap',
  'pop',
  'webmail',
  'mx',
  'ns',
  'ns1',
  'ns2',
  'autodiscover',
  'autoconfig',
  'mta-sts',
  'localhost',
  // Edge protection's default origin host (`edgeOriginDomain`): it points past CloudFront.
  'origin',
]);

/**
 * Why `s` cannot be a new tenant's subdomain, or undefined when it can: the syntax, the
 * reserved list, and labels with `--` in the third and fourth places (IDNA's reserved form;
 * `xn--` is punycode, which renders as look-alike Unicode in browsers).
 */
export function subdomainProblem(s: string): string | undefined {
  if (!isSubdomain(s)) return 'use 1–63 characters of a-z, 0-9 and -, not starting or ending with -';
  if (/^..--/.test(s)) return 'a label with "--" in the third and fourth places is reserved for internationalised (punycode, xn--) names';
  if (RESERVED_SUBDOMAINS.has(s)) return 'it is reserved for Impero (see "Reserved subdomains" in the README)';
  return undefined;
}

/** Longest display name (tenant or account), in UTF-16 code units. */
export const MAX_NAME_LENGTH = 100;

/**
 * Why a display name (already trimmed) cannot be shown to people, or undefined when it can:
 * empty, too long, or holding a control, bidi or zero-width character, which would let a
 * name render as something else on the login page (`U+202E` reverses what follows it).
 */
export function displayNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  const unsafe = firstUnsafeCharacter(name);
  if (unsafe) return `contains control or invisible formatting characters (${unsafe}); use visible characters and spaces only`;
  return undefined;
}

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
    throw new TypeError(
      `Okta org must be the org URL alone, without a path such as "${url.pathname}" (custom authorization servers are not supported)`,
    );
  }
  if (!url.hostname.includes('.') && !isLoopbackHost(url.hostname)) throw new TypeError(`Okta org "${raw}" is not a full host name`);
  return url.origin;
}

/** Okta client ids look like `0oanj4wqsNXtFMUuQ5d6`: 20 characters starting with `0oa`. */
export const looksLikeOktaClientId = (id: string): boolean => /^0oa[A-Za-z0-9]{17}$/.test(id);

/** Any client id we can store: printable ASCII, no spaces, bounded. */
export const isClientId = (id: string): boolean => /^[\x21-\x7e]{1,128}$/.test(id);

/** A client secret as Okta issues them: 1–512 printable ASCII characters, no spaces. */
export const isClientSecret = (secret: string): boolean => /^[\x21-\x7e]{1,512}$/.test(secret);

/** Okta's own org domains. Anything else is an Okta custom domain, or not Okta at all. */
const OKTA_DOMAINS = ['okta.com', 'oktapreview.com', 'okta-emea.com'];

/** Whether a host name is under one of Okta's own domains (the one list, for the org check and the endpoints check). */
export const isOktaDomainHost = (hostname: string): boolean => OKTA_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));

/**
 * Whether a normalised org issuer is on one of Okta's domains (or loopback, for development).
 * A tenant's org receives its users' emails as `login_hint`, so an arbitrary host would be a
 * page reached from Impero's own domain; custom domains are accepted only when support says so.
 */
export function isOktaOrgHost(issuer: string): boolean {
  const { hostname } = new URL(issuer);
  return isLoopbackHost(hostname) || isOktaDomainHost(hostname);
}
