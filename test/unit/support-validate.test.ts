/** The CLI's option parsers: canonical values out, usage errors (exit 2) naming the option. */
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../lambdas/support/context.js';
import {
  clientIdWarning,
  parseClientId,
  parseDomains,
  parseEmail,
  parseName,
  parseNewSubdomain,
  parseOktaOrg,
  parseSubdomain,
} from '../../lambdas/support/validate.js';

function usageError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(EXIT.USAGE);
    return e as CliError;
  }
  throw new Error('expected a usage error');
}

describe('option parsers', () => {
  it('keeps valid subdomains and refuses the rest', () => {
    expect(parseSubdomain('acme-2')).toBe('acme-2');
    expect(parseSubdomain('a'.repeat(63))).toBe('a'.repeat(63));
    expect(usageError(() => parseSubdomain('Acme', '--subdomain')).message).toMatch(/^--subdomain "Acme" is not valid/);
  });

  it('normalises Okta orgs to their issuer', () => {
    expect(parseOktaOrg('Dev-Company.okta.com')).toBe('https://dev-company.okta.com');
    expect(parseOktaOrg(' https://dev-company.okta.com/ ')).toBe('https://dev-company.okta.com');
    expect(parseOktaOrg('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(usageError(() => parseOktaOrg('http://dev-company.okta.com')).message).toMatch(/^--okta-org: Okta org must use https/);
  });

  it('trims client ids and warns (only) about unusual shapes', () => {
    expect(parseClientId(' 0oanj4wqsNXtFMUuQ5d6 ')).toBe('0oanj4wqsNXtFMUuQ5d6');
    expect(clientIdWarning('0oanj4wqsNXtFMUuQ5d6')).toBeUndefined();
    expect(clientIdWarning('0oanj4wqsNXtFMUuQ5d')).toMatch(/does not look like an Okta client id/);
    expect(clientIdWarning('client-abc')).toMatch(/0oa followed by 17/);
    usageError(() => parseClientId('a b'));
  });

  it('lowercases and de-duplicates domains', () => {
    expect(parseDomains(['Acme.com', 'acme.com ', 'ACME.co.uk'])).toEqual(['acme.com', 'acme.co.uk']);
    expect(usageError(() => parseDomains(['acme.com', 'localhost'])).message).toBe(
      '--domain "localhost" is not an email domain such as example.com',
    );
  });

  it('canonicalises emails and names', () => {
    expect(parseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(parseName('  Ada Lovelace  ')).toBe('Ada Lovelace');
    expect(usageError(() => parseEmail('ada@')).message).toBe('--email: "ada@" is not an email address');
    expect(usageError(() => parseName('line\nbreak')).message).toBe(
      '--name contains control or invisible formatting characters (\\x0a); use visible characters and spaces only',
    );
  });

  it.each([
    ['a right-to-left override', 'Acme\u202Egnp.exe', '\\u202e'],
    ['a bidi isolate', 'Acme \u2066Bank\u2069', '\\u2066'],
    ['a zero-width space', 'Ac\u200Bme', '\\u200b'],
    ['a zero-width joiner', 'Ac\u200Dme', '\\u200d'],
    ['a C1 control (CSI)', 'Acme\u009B2J', '\\x9b'],
    ['an escape sequence', 'Acme\u001B[2J', '\\x1b'],
    ['a byte-order mark inside', 'Ac\uFEFFme', '\\ufeff'],
  ])('refuses a display name with %s, naming the character', (_what, name, shown) => {
    const message = usageError(() => parseName(name)).message;
    expect(message).toContain(`--name contains control or invisible formatting characters (${shown})`);
  });

  it('keeps names people have: accents, scripts, ampersands, emoji', () => {
    for (const name of ['AT&T', 'Ørsted A/S', 'Société Générale', 'Müller & Söhne', '株式会社 Impero', 'שלום בע"מ', 'Acme 🚀'])
      expect(parseName(name)).toBe(name);
  });

  it.each(['www', 'api', 'admin', 'auth', 'login', 'app', 'status', 'support', 'mail', 'static', 'cdn'])(
    'refuses the reserved subdomain %s for a new tenant, but can still name an existing one',
    (s) => {
      expect(usageError(() => parseNewSubdomain(s)).message).toBe(
        `--subdomain "${s}" is not valid: it is reserved for Impero (see "Reserved subdomains" in the README)`,
      );
      expect(parseSubdomain(s)).toBe(s);
    },
  );

  it.each(['xn--bcher-kva', 'xn--80ak6aa92e', 'ab--cd'])('refuses the punycode-shaped label %s for a new tenant', (s) => {
    expect(usageError(() => parseNewSubdomain(s)).message).toMatch(/reserved for internationalised \(punycode, xn--\) names/);
  });

  it('accepts ordinary new subdomains', () => {
    for (const s of ['acme', 'acme-2', 'a', 'acme--corp', 'wwwx', 'api2']) expect(parseNewSubdomain(s)).toBe(s);
  });
});
