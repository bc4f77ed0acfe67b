/**
 * Where Impero's requests to an identity provider may go: every spelling of a loopback,
 * link-local, private or unspecified address is refused, literal or resolved; discovery
 * endpoints stay on the issuer's host or Okta's domains; loopback only when a local run opts in.
 */
import { describe, expect, it } from 'vitest';
import { checkDestination, guardedFetch, OutboundRefused } from '../../lambdas/adapters/guarded-fetch.js';
import { discoveryEndpointProblems, endpointProblem, nonPublicAddress } from '../../lambdas/core/outbound-policy.js';

const ISSUER = 'https://acme.okta.com';

describe('nonPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['fc00::1', 'private (unique local)'],
    ['fd12:3456::1', 'private (unique local)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'private (shared address space)'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::7f00:1', 'reserved (IPv4-compatible)'],
    ['::ffff:0:7f00:1', 'reserved (IPv4-translated)'],
    // NAT64 (64:ff9b::/96) is judged as the IPv4 address it carries; 6to4, Teredo and the 6to4 relay are refused.
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b:0:0:0:0:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.8', 'private'],
    ['64:ff9b::', 'unspecified'],
    ['64:ff9b:1::8.8.8.8', 'private (local NAT64)'],
    ['2002:7f00:1::1', 'reserved (6to4)'],
    ['2002:808:808::1', 'reserved (6to4)'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved (Teredo)'],
    ['192.88.99.1', 'reserved (6to4 relay)'],
  ])('%s is %s', (ip, kind) => {
    expect(nonPublicAddress(ip)).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '64:ff9b::8.8.8.8',
    '2001:4860:4860::8888',
    '192.88.100.1',
    'acme.okta.com',
  ])('%s is public (or not an address)', (ip) => {
    expect(nonPublicAddress(ip)).toBeUndefined();
  });
});

describe('endpointProblem (AWS: allowLoopback off)', () => {
  it.each([
    'https://127.0.0.2/keys',
    'https://2130706433/keys',
    'https://0x7f.1/keys',
    'https://0x7f000001/keys',
    'https://0177.0.0.1/keys',
    'https://127.1/keys',
    'https://[::1]/keys',
    'https://[::ffff:127.0.0.1]/keys',
    'https://[64:ff9b::127.0.0.1]/keys',
    'https://[64:ff9b::a9fe:a9fe]/keys',
    'https://[0:0:0:0:0:ffff:7f00:1]/keys',
    'https://169.254.169.254/latest/meta-data/',
    'https://169.254.169.254./keys',
    'https://2852039166/keys',
    'https://[fe80::1]/keys',
    'https://[fd00::1]/keys',
    'https://10.0.0.1/keys',
    'https://172.16.0.1/keys',
    'https://192.168.0.1/keys',
    'https://0.0.0.0/keys',
    'https://0/keys',
    'https://[::]/keys',
    'https://localhost/keys',
    'https://acme.localhost/keys',
  ])('refuses %s', (url) => {
    expect(endpointProblem(url, ISSUER)).toMatch(/loopback|link-local|private|unspecified/);
  });

  it('accepts the issuer host and Okta domains only, over https only', () => {
    expect(endpointProblem('https://acme.okta.com/oauth2/v1/keys', ISSUER)).toBeUndefined();
    expect(endpointProblem('https://acme.oktapreview.com/oauth2/v1/logout', ISSUER)).toBeUndefined();
    expect(endpointProblem('https://acme.okta-emea.com/oauth2/v1/token', ISSUER)).toBeUndefined();
    expect(endpointProblem('https://login.acme.com/oauth2/v1/keys', 'https://login.acme.com')).toBeUndefined();
    expect(endpointProblem('https://evil.example/keys', ISSUER)).toMatch(/neither the issuer's host nor an Okta domain/);
    expect(endpointProblem('https://okta.com.evil.example/keys', ISSUER)).toMatch(/neither/);
    expect(endpointProblem('https://login.acme.com:8443/keys', 'https://login.acme.com')).toMatch(/neither/);
    expect(endpointProblem('http://acme.okta.com/keys', ISSUER)).toBe('is not https');
    expect(endpointProblem('https://user:pw@acme.okta.com/keys', ISSUER)).toBe('carries credentials');
    expect(endpointProblem(undefined, ISSUER)).toBe('is missing or not a URL');
    expect(endpointProblem('not a url', ISSUER)).toBe('is missing or not a URL');
  });

  it('lets a local run (allowLoopback) use loopback, over http too, and nothing else private', () => {
    const local = { allowLoopback: true };
    expect(endpointProblem('http://127.0.0.1:4000/keys', 'http://127.0.0.1:4000', local)).toBeUndefined();
    expect(endpointProblem('http://localhost:4000/keys', 'http://127.0.0.1:4000', local)).toBeUndefined();
    expect(endpointProblem('https://169.254.169.254/keys', 'http://127.0.0.1:4000', local)).toMatch(/link-local/);
    expect(endpointProblem('https://10.0.0.1/keys', 'http://127.0.0.1:4000', local)).toMatch(/private/);
    expect(endpointProblem('http://acme.okta.com/keys', ISSUER, local)).toBe('is not https');
  });

  it('checks every endpoint Impero calls or sends browsers to; optional ones only when present', () => {
    const good = { authorization_endpoint: `${ISSUER}/a`, token_endpoint: `${ISSUER}/t`, jwks_uri: `${ISSUER}/k` };
    expect(discoveryEndpointProblems(good, ISSUER)).toEqual([]);
    expect(
      discoveryEndpointProblems(
        { ...good, userinfo_endpoint: 'https://10.0.0.1/u', end_session_endpoint: 'https://evil.example/l' },
        ISSUER,
      ).map((p) => p.field),
    ).toEqual(['userinfo_endpoint', 'end_session_endpoint']);
    expect(discoveryEndpointProblems({ ...good, jwks_uri: undefined }, ISSUER).map((p) => p.field)).toEqual(['jwks_uri']);
  });
});

describe('checkDestination (names resolved before connecting)', () => {
  it('refuses a name that resolves to loopback, unless a local run allows it', async () => {
    await expect(checkDestination('https://localhost/keys')).rejects.toThrow(OutboundRefused);
    await expect(checkDestination('https://127.0.0.1.localhost/keys')).rejects.toThrow(OutboundRefused);
    await expect(checkDestination('http://localhost:1/keys', { allowLoopback: true })).resolves.toBeUndefined();
  });

  it('refuses literal addresses in any spelling without a lookup, and lets guardedFetch send nothing', async () => {
    let sent = 0;
    const fetch = guardedFetch(async (_url: string) => (sent++, new Response('{}')));
    for (const url of ['https://2130706433/', 'https://0x7f.1/', 'https://[::ffff:7f00:1]/', 'https://169.254.169.254/']) {
      await expect(fetch(url)).rejects.toThrow(/is a (loopback|link-local) address/);
    }
    expect(sent).toBe(0);
    await expect(
      guardedFetch(async (_url: string) => (sent++, new Response('{}')), { allowLoopback: true })('http://127.0.0.1:1/'),
    ).resolves.toBeInstanceOf(Response);
    expect(sent).toBe(1);
  });
});
