import { describe, expect, it } from 'vitest';
import { isClientId, isOktaOrgHost, isSubdomain, looksLikeOktaClientId, normaliseOktaOrg } from '../../lambdas/core/tenant-input.js';
import { tenantFromItem } from '../../lambdas/adapters/dynamo-items.js';

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

describe('Okta org allow-list', () => {
  it('accepts Okta’s own domains and loopback, nothing else', () => {
    for (const ok of [
      'https://dev-1.okta.com',
      'https://a.b.oktapreview.com',
      'https://x.okta-emea.com',
      'http://127.0.0.1:9000',
      'http://localhost:1',
    ])
      expect(isOktaOrgHost(ok)).toBe(true);
    for (const no of [
      'https://okta.com',
      'https://login.acme.com',
      'https://evilokta.com',
      'https://okta.com.evil.example',
      'https://x.okta.com.evil.example',
    ]) {
      expect(isOktaOrgHost(no)).toBe(false);
    }
  });
});

describe('stored tenants from before client authentication', () => {
  it('read as public clients without a secret, JIT off, on an Okta domain', () => {
    const legacy = {
      pk: 'TENANT#old',
      sk: '#TENANT',
      subdomain: 'old',
      name: 'Old',
      issuer: 'https://old.okta.com',
      clientId: '0oa',
      domains: [],
      status: 'active',
      version: 3,
      createdAt: 'x',
      updatedAt: 'y',
    };
    const tenant = tenantFromItem(legacy);
    expect(tenant).toMatchObject({ clientAuth: 'none', jit: false, customDomainOrg: false });
    expect(tenant).not.toHaveProperty('clientSecretCiphertext');
    expect(tenantFromItem({ ...legacy, clientAuth: 'something-else' }).clientAuth).toBe('none');
  });
});
