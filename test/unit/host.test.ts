import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lambdas/core/config.js';
import { resolveSite } from '../../lambdas/core/host.js';

const prod = loadConfig({ BASE_DOMAIN: 'impero.com' });
const local = loadConfig({ PUBLIC_PORT: '3000' });

describe('resolveSite', () => {
  it('maps a tenant host to its subdomain and https origin', () => {
    expect(resolveSite(prod, 'Acme.Impero.com')).toEqual({ kind: 'tenant', subdomain: 'acme', origin: 'https://acme.impero.com' });
  });
  it('maps the bare domain to the bare login host', () => {
    expect(resolveSite(prod, 'impero.com')).toEqual({ kind: 'bare', origin: 'https://impero.com' });
  });
  it('uses http and the port locally', () => {
    expect(resolveSite(local, 'demo.localhost:3000')).toEqual({ kind: 'tenant', subdomain: 'demo', origin: 'http://demo.localhost:3000' });
  });
  it.each([
    undefined,
    '',
    'evil.com',
    'acme.impero.com.evil.com',
    'a.b.impero.com',
    '-x.impero.com',
    'acme.impero.com:8443',
    'acme.impero.com@evil.com',
    'xn--impero.com',
  ])('refuses %j as unknown', (host) => {
    expect(() => resolveSite(prod, host)).toThrow(expect.objectContaining({ code: 'unknown_tenant', status: 404 }));
  });
  it('refuses a local host on another port', () => {
    expect(() => resolveSite(local, 'demo.localhost:3001')).toThrow(/no Impero sign-in/);
  });
});

describe('loadConfig', () => {
  it('documents its defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      baseDomain: 'localhost',
      scheme: 'http',
      authStateTtlSeconds: 600,
      sessionTtlSeconds: 28800,
      directoryTable: 'impero-directory',
      loginTable: 'impero-login',
    });
  });
  it('names the malformed variable', () => {
    expect(() => loadConfig({ SESSION_TTL_SECONDS: 'forever' })).toThrow(/SESSION_TTL_SECONDS/);
    expect(() => loadConfig({ AUTH_STATE_TTL_SECONDS: '5' })).toThrow(/AUTH_STATE_TTL_SECONDS/);
    expect(() => loadConfig({ BASE_DOMAIN: 'https://impero.com' })).toThrow(/BASE_DOMAIN/);
    expect(() => loadConfig({ DYNAMODB_ENDPOINT: 'not a url' })).toThrow(/DYNAMODB_ENDPOINT/);
  });
});
