/**
 * The fetch every request to an identity provider goes through: before connecting, the host
 * must not be — nor resolve to — a loopback, link-local, private or otherwise non-public
 * address (core/outbound-policy.ts). Literal addresses are judged as WHATWG URL parsing
 * normalises them, so no spelling of 127.0.0.1 passes.
 *
 * The name is resolved here and again by fetch when it connects; a DNS server that answers a
 * public address first and a private one a moment later (rebinding) is not caught. Closing
 * that needs the connection's own lookup (an undici Agent with `connect.lookup`), which
 * Node's built-in fetch does not expose.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { hostProblem, type OutboundOptions } from '../core/outbound-policy.js';

/** Resolves a name to its addresses, as `dns.lookup(name, { all: true })` does. */
export type Resolve = (hostname: string) => Promise<{ address: string }[]>;

export interface GuardOptions extends OutboundOptions {
  /** Default: the system resolver. Tests stand in for a name that is repointed between two requests. */
  resolve?: Resolve;
}

const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A request Impero refuses to send: the message names the host and why. */
export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

/** Resolves `url`'s host and throws OutboundRefused when it, or any address it resolves to, may not be called. */
export async function checkDestination(url: string | URL, options: GuardOptions = {}): Promise<void> {
  const { hostname } = new URL(url);
  const literal = hostProblem(hostname, options);
  if (literal) throw new OutboundRefused(`${hostname} ${literal}`);
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return;
  let addresses: { address: string }[];
  try {
    addresses = await (options.resolve ?? systemResolve)(bare);
  } catch (error) {
    // What fetch itself would have thrown for an unknown host.
    throw new TypeError('fetch failed', { cause: error });
  }
  for (const { address } of addresses) {
    const problem = hostProblem(address, options);
    if (problem) throw new OutboundRefused(`${hostname} resolves to ${address}, which ${problem}`);
  }
}

/** `fetch` with checkDestination before every request. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every fetch-shaped function, whose own signature is kept
export function guardedFetch<F extends (input: any, init?: RequestInit) => Promise<Response>>(fetch: F, options: GuardOptions = {}): F {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    await checkDestination(input instanceof Request ? input.url : input, options);
    return fetch(input, init);
  }) as F;
}
