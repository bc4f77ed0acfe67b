/** The CLI's option parsers: canonical values out, usage errors (exit 2) naming the option. */
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../lambdas/support/context.js';
import { clientIdWarning, parseClientId, parseDomains, parseEmail, parseName, parseOktaOrg, parseSubdomain } from '../../lambdas/support/validate.js';

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
    expect(usageError(() => parseDomains(['acme.com', 'localhost'])).message).toBe('--domain "localhost" is not an email domain such as example.com');
  });

  it('canonicalises emails and names', () => {
    expect(parseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(parseName('  Ada Lovelace  ')).toBe('Ada Lovelace');
    expect(usageError(() => parseEmail('ada@')).message).toBe('--email: "ada@" is not an email address');
    expect(usageError(() => parseName('line\nbreak')).message).toBe('--name contains control characters');
  });
});
