/**
 * Checks of everything support types, before any store is opened. Each parser returns the
 * canonical value or throws a usage error whose message names the option and the rule.
 */
import { canonicalEmail, isEmail, isEmailDomain } from '../core/email.js';
import { printable } from '../core/printable.js';
import { displayNameProblem, isClientId, isSubdomain, looksLikeOktaClientId, normaliseOktaOrg, subdomainProblem } from '../core/tenant-input.js';
import { usage } from './context.js';

export const SUBDOMAIN_RULE = '1–63 characters of a-z, 0-9 and -, not starting or ending with -';

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

export function parseOktaOrg(value: string): string {
  try {
    return normaliseOktaOrg(value);
  } catch (e) {
    throw usage(`--okta-org: ${(e as Error).message}`);
  }
}

export function parseClientId(value: string): string {
  const id = value.trim();
  if (!isClientId(id)) throw usage(`--client-id "${value}" is not valid: use the app's Client ID (printable characters, no spaces, at most 128)`);
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
