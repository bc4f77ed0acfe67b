/**
 * The self-test's HTTP: one fetch with a timeout, no redirects followed, JSON read if present,
 * and only to addresses the outbound policy allows (adapters/guarded-fetch.ts).
 */
import { guardedFetch } from './guarded-fetch.js';
import { reasonText } from '../core/messages/self-test-en.js';

export interface FetchDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /**
   * Whether loopback hosts and plain-http loopback endpoints are acceptable (local development
   * and tests). Default false: a customer-supplied discovery document must not steer Impero's
   * requests to 127.0.0.1 (Lambda's runtime API lives there), link-local or private addresses.
   */
  allowLoopback?: boolean;
}

/** `deps.fetch`, refusing non-public destinations (loopback too, unless `allowLoopback`). */
export const guardedFetchOf = (deps: FetchDeps): typeof fetch => guardedFetch(deps.fetch, { allowLoopback: deps.allowLoopback ?? false });

export interface JsonResponse {
  status: number;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
  /** Where a redirect points, for the report. */
  location?: string;
}

/** Answers larger than this are not an OpenID document or key set. */
const MAX_BODY_BYTES = 1_000_000;

export async function fetchJson(url: string, init: RequestInit, deps: FetchDeps): Promise<JsonResponse> {
  const res = await guardedFetchOf(deps)(url, {
    ...init,
    // A redirect from an org URL means it is the wrong URL; say so instead of following it.
    redirect: 'manual',
    headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
    signal: AbortSignal.timeout(deps.timeoutMs),
  });
  const text = await readCapped(res, MAX_BODY_BYTES);
  let body: unknown;
  if (text !== undefined) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: res.status, body, location: res.headers.get('location') ?? undefined };
}

/** The body as text, or undefined once it passes `max` bytes: reading stops there and the connection is let go. */
async function readCapped(res: Response, max: number): Promise<string | undefined> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A fetch failure in words support can act on (the catalogue's): refused, timed out, unknown host, TLS. */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return reasonText('timeout', { seconds: String(Math.round(timeoutMs / 100) / 10) });
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return reasonText('refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return reasonText('dns');
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return reasonText('closed');
  if (code && /CERT|SSL|TLS/i.test(code)) return reasonText('tls', { code });
  return e?.cause?.message ?? e?.message ?? String(error);
}
