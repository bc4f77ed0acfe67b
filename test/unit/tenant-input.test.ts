import { describe, expect, it } from 'vitest';
import { isClientId, isSubdomain, looksLikeOktaClientId, normaliseOktaOrg } from '../../lambdas/core/tenant-input.js';

describe('normaliseOktaOrg', () => {
  it.each([
    ['dev-company.okta.com', 'https://dev-company.okta.com'],
    ['https://dev-company.okta.com', 'https://dev-company.okta.com'],
    ['https://Dev-Company.okta.com/', 'https://dev-company.okta.com'],
    ['  dev-company.okta.com  ', 'https://dev-company.okta.com'],
    ['http://127.0.0.1:4001', 'http://127.0.0.1:4001'],
    ['http://localhost:4001/', 'http://localhost:4001'],
    ['http://[::1]:4001', 'http://[::1]:4001'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseOktaOrg(input)).toBe(expected);
  });

  it.each([
    ['https://dev-company.okta.com/oauth2/default', /without a path/],
    ['http://dev-company.okta.com', /must use https/],
    ['ftp://dev-company.okta.com', /must use https/],
    ['https://user:pw@dev-company.okta.com', /credentials/],
    ['https://dev-company.okta.com/?x=1', /query/],
    ['', /empty/],
    ['dev company', /not a host name/],
    ['intranet', /full host name/],
  ])('rejects %s', (input, message) => {
    expect(() => normaliseOktaOrg(input)).toThrow(message);
  });
});

describe('subdomains and client ids', () => {
  it('accepts DNS labels only', () => {
    expect(isSubdomain('acme')).toBe(true);
    expect(isSubdomain('a-1')).toBe(true);
    expect(isSubdomain('a'.repeat(63))).toBe(true);
    for (const bad of ['', '-acme', 'acme-', 'Acme', 'ac_me', 'a.b', 'a'.repeat(64)]) expect(isSubdomain(bad)).toBe(false);
  });
  it('knows the shape of Okta client ids but stores any printable id', () => {
    expect(looksLikeOktaClientId('0oanj4wqsNXtFMUuQ5d6')).toBe(true);
    expect(looksLikeOktaClientId('my-client')).toBe(false);
    expect(isClientId('my-client')).toBe(true);
    expect(isClientId('has space')).toBe(false);
    expect(isClientId('')).toBe(false);
  });
});
