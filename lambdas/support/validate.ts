/**
 * Checks of everything support types, before any store is opened. Each parser returns the
 * canonical value or throws a usage error whose message names the option and the rule.
 */
import { canonicalEmail, isEmail, isEmailDomain } from '../core/email.js';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../core/model.js';
import { printable } from '../core/printable.js';
import {
  displayNameProblem,
  isClientId,
  isClientSecret,
  isOktaOrgHost,
  isSubdomain,
  looksLikeOktaClientId,
  normaliseOktaOrg,
  subdomainProblem,
} from '../core/tenant-input.js';
import { usage } from './context.js';

const SUBDOMAIN_RULE = '1–63 characters of a-z, 0-9 and -, not starting or ending with -';

/** A subdomain that names an existing tenant: syntax only, so tenants made before a rule changed stay reachable. */
export function parseSubdomain(value: string, option = 'subdomain'): string {
  if (!isSubdomain(value)) throw usage(`${option} "${printable(value)}" is not valid: use ${SUBDOMAIN_RULE}`);
  return value;
}

/** A subdomain for a new tenant: also not reserved, not punycode. */
export function parseNewSubdomain(value: string, option = '--subdomain'): string {
  const problem = subdomainProblem(value);
  if (problem) throw usage(`${option} "${printable(value)}" is not valid: ${problem}`);
  return value;
}

/** The org's issuer; a host outside Okta's domains only with `--custom-domain-org`. */
export function parseOktaOrg(value: string, customDomain = false): string {
  let issuer: string;
  try {
    issuer = normaliseOktaOrg(value);
  } catch (e) {
    throw usage(`--okta-org: ${(e as Error).message}`);
  }
  if (!customDomain && !isOktaOrgHost(issuer)) {
    throw usage(
      `--okta-org ${new URL(issuer).hostname} is not under okta.com, oktapreview.com or okta-emea.com; if it is the customer's Okta custom domain, add --custom-domain-org`,
    );
  }
  return issuer;
}

export function parseClientAuth(value: string): ClientAuthMethod {
  if (!CLIENT_AUTH_METHODS.includes(value as ClientAuthMethod))
    throw usage(`--client-auth must be one of ${CLIENT_AUTH_METHODS.join(', ')}, got "${value}"`);
  return value as ClientAuthMethod;
}

/** A client secret as read from stdin; the message never repeats it. */
export function checkClientSecret(secret: string): string {
  if (secret === '') throw usage('--client-secret-stdin: standard input held no secret (pipe it in, e.g. printf \'%s\\n\' "$SECRET" | …)');
  if (!isClientSecret(secret)) throw usage('--client-secret-stdin: the secret must be 1–512 printable characters without spaces');
  return secret;
}

export function parseClientId(value: string): string {
  const id = value.trim();
  if (!isClientId(id))
    throw usage(`--client-id "${value}" is not valid: use the app's Client ID (printable characters, no spaces, at most 128)`);
  return id;
}

/** A warning (never a block) for client ids that do not look like Okta's. */
export function clientIdWarning(id: string): string | undefined {
  return looksLikeOktaClientId(id)
    ? undefined
    : `client id "${id}" does not look like an Okta client id (0oa followed by 17 letters and digits); check it was copied whole`;
}

/** Display names: trimmed, then the core rule (`displayNameProblem`) that the setup page shares. */
export function parseName(value: string, where = '--name'): string {
  const name = value.trim();
  const problem = displayNameProblem(name);
  if (problem) throw usage(`${where} ${problem}`);
  return name;
}

/** Email domains, lowercased, each checked, duplicates dropped. */
export function parseDomains(values: readonly string[]): string[] {
  const domains = values.map((v) => canonicalEmail(v));
  for (const [i, d] of domains.entries()) {
    if (!isEmailDomain(d)) throw usage(`--domain "${values[i]}" is not an email domain such as example.com`);
  }
  return [...new Set(domains)];
}

/** Why `email` is not acceptable, or undefined if it is (given in canonical form). */
export function emailProblem(email: string): string | undefined {
  if (email === '') return 'email is empty';
  return isEmail(email) ? undefined : `"${email}" is not an email address`;
}

export function parseEmail(value: string): string {
  const email = canonicalEmail(value);
  const problem = emailProblem(email);
  if (problem) throw usage(`--email: ${problem}`);
  return email;
}

/** The repeatable `--domain` option's accumulator. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `--sign-out impero|okta`. */
export function parseSignOut(value: string): 'impero' | 'okta' {
  if (value === 'impero' || value === 'okta') return value;
  throw usage(`--sign-out: "${value}" is not valid; use impero or okta`);
}
