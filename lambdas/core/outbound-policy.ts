/**
 * Where Impero's own requests to an identity provider may go. A tenant's discovery document
 * is written by whoever controls the org host, so its endpoints must not steer the Lambdas to
 * their own machine (the Lambda runtime API is on 127.0.0.1), to instance metadata
 * (169.254.169.254) or into a private network:
 * - every endpoint is on the issuer's host or on one of Okta's domains;
 * - https, and no address that is loopback, link-local, private, unspecified, multicast or
 *   otherwise not public — as a literal in any spelling (WHATWG URL parsing turns
 *   `2130706433`, `0x7f.1`, `0177.0.0.1` into `127.0.0.1` and `[::ffff:127.0.0.1]` into
 *   `[::ffff:7f00:1]`), and, in adapters/guarded-fetch.ts, as what a name resolves to. An
 *   IPv4-mapped or NAT64 (`64:ff9b::/96`) address is judged as the IPv4 address it carries;
 *   6to4 (`2002::/16`), Teredo (`2001::/32`) and the 6to4 relay (`192.88.99.0/24`) are refused.
 * `allowLoopback` (local development and tests only) lets loopback through, over plain http too.
 */
import { BlockList, isIP } from 'node:net';
import { isLoopbackHost, isOktaDomainHost } from './tenant-input.js';

export interface OutboundOptions {
  /** Loopback addresses and plain-http loopback URLs are acceptable (local development). Default false. */
  allowLoopback?: boolean;
}

const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'private (shared address space)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'reserved'],
  ['192.0.2.0', 24, 'ipv4', 'reserved (documentation)'],
  ['192.88.99.0', 24, 'ipv4', 'reserved (6to4 relay)'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'reserved (benchmarking)'],
  ['198.51.100.0', 24, 'ipv4', 'reserved (documentation)'],
  ['203.0.113.0', 24, 'ipv4', 'reserved (documentation)'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  // IPv4-compatible (deprecated) addresses embed an IPv4 address; none is a public endpoint.
  ['::', 96, 'ipv6', 'reserved (IPv4-compatible)'],
  ['::ffff:0:0:0', 96, 'ipv6', 'reserved (IPv4-translated)'],
  ['64:ff9b:1::', 48, 'ipv6', 'private (local NAT64)'],
  ['100::', 64, 'ipv6', 'reserved (discard)'],
  // Tunnels to an IPv4 address (Teredo, 6to4): deprecated, no identity provider is reached through them.
  ['2001::', 32, 'ipv6', 'reserved (Teredo)'],
  ['2002::', 16, 'ipv6', 'reserved (6to4)'],
  ['2001:db8::', 32, 'ipv6', 'reserved (documentation)'],
  ['fc00::', 7, 'ipv6', 'private (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'private (site-local)'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const lists = RANGES.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, kind };
});

/** IPv4-mapped IPv6 (`::ffff:a.b.c.d`, `::ffff:7f00:1`) is judged as the IPv4 address it carries. */
function mappedIpv4(ip: string): string | undefined {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (!m) return undefined;
  if (m[1]) return m[1];
  const [hi, lo] = [parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted quad as two groups). */
function ipv6Groups(ip: string): number[] {
  let text = ip;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return groups.map((g) => parseInt(g, 16));
}

/**
 * NAT64's well-known prefix (`64:ff9b::/96`, RFC 6052) carries the IPv4 address it reaches in
 * its last 32 bits (a DNS64 resolver answers such addresses for IPv4-only names): judged as it.
 */
function nat64Ipv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  if (g[0] !== 0x64 || g[1] !== 0xff9b || g.slice(2, 6).some((x) => x !== 0)) return undefined;
  return `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
}

/** What kind of non-public address `ip` is (`loopback`, `link-local`, `private`…), or undefined for a public one or a non-address. */
export function nonPublicAddress(ip: string): string | undefined {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return undefined;
  const v4 = family === 4 ? bare : (mappedIpv4(bare) ?? nat64Ipv4(bare));
  const [address, type] = v4 ? [v4, 'ipv4' as const] : [bare, 'ipv6' as const];
  return lists.find(({ list }) => list.check(address, type))?.kind;
}

/** Whether a host (a URL's `hostname`, or an address) may be connected to under these options. */
export function hostProblem(hostname: string, options: OutboundOptions = {}): string | undefined {
  const kind = nonPublicAddress(hostname);
  if (kind === 'loopback' && options.allowLoopback) return undefined;
  if (options.allowLoopback && isLoopbackHost(hostname)) return undefined;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return 'is loopback';
  return kind ? `is a ${kind} address` : undefined;
}

/**
 * Why `endpoint` (from the discovery document of `issuer`) may not be used, or undefined when
 * it may: not a URL, not https (http only on loopback, when allowed), not on the issuer's host
 * or an Okta domain, or a non-public address.
 */
export function endpointProblem(endpoint: unknown, issuer: string, options: OutboundOptions = {}): string | undefined {
  if (typeof endpoint !== 'string' || !URL.canParse(endpoint)) return 'is missing or not a URL';
  const url = new URL(endpoint);
  const local = options.allowLoopback === true && (isLoopbackHost(url.hostname) || nonPublicAddress(url.hostname) === 'loopback');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return 'is not https';
  if (url.username || url.password) return 'carries credentials';
  const problem = hostProblem(url.hostname, options);
  if (problem) return `${url.hostname} ${problem}`;
  if (!local && url.host !== new URL(issuer).host && !isOktaDomainHost(url.hostname))
    return `${url.hostname} is neither the issuer's host nor an Okta domain`;
  return undefined;
}

/** The discovery fields Impero calls or sends browsers to. */
const ENDPOINT_FIELDS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'end_session_endpoint'] as const;
/** Of those, the ones a login cannot do without. */
const REQUIRED_ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;

/** Every problem with a discovery document's endpoints: required ones must be usable, optional ones usable when present. */
export function discoveryEndpointProblems(
  meta: Record<string, unknown>,
  issuer: string,
  options: OutboundOptions = {},
): { field: string; problem: string }[] {
  return ENDPOINT_FIELDS.flatMap((field) => {
    const value = meta[field];
    if (value === undefined && !(REQUIRED_ENDPOINTS as readonly string[]).includes(field)) return [];
    const problem = endpointProblem(value, issuer, options);
    return problem ? [{ field, problem }] : [];
  });
}
