/**
 * Edge protection's lock on the origin, through the real handler modules: with
 * ORIGIN_SECRETS set, a request without the header CloudFront adds is refused (403) on
 * every route, the fallback included; the current and the previous secret both pass.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event } from '../../lambdas/http/request.js';
import type { Handler } from '../../lambdas/http/serve.js';
import { findRoute } from '../../lambdas/dev/http-adapter.js';
import { loadConfig } from '../../lambdas/core/config.js';
import { restoreEnv } from '../fixtures/env.js';

const CURRENT = 'c'.repeat(20) + '0123456789abcdefghij';
const PREVIOUS = 'p'.repeat(20) + '0123456789abcdefghij';
const saved = { ...process.env };
afterEach(() => {
  restoreEnv(saved);
  vi.resetModules();
  vi.restoreAllMocks();
});

async function handlers(env: Record<string, string>) {
  vi.resetModules();
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  Object.assign(process.env, { LOG_FORMAT: 'pretty', BASE_DOMAIN: 'impero.com' }, env);
  const load = async (fn: string) => ((await import(`../../lambdas/functions/${fn}.ts`)) as { handler: Handler }).handler;
  return { logout: await load('session'), notFound: await load('fallback') };
}

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;
const event = (method: string, path: string, headers: Record<string, string> = {}): Event =>
  ({
    version: '2.0',
    routeKey: findRoute(method, path) ? `${method} ${path}` : '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'acme.impero.com', 'sec-fetch-site': 'same-origin', ...headers },
    requestContext: { requestId: 'req-edge', http: { method, path } },
  }) as unknown as Event;

describe('with edge protection on (ORIGIN_SECRETS set)', () => {
  it('refuses a request without the origin secret, on a route and on the fallback, and says nothing of the secret', async () => {
    const h = await handlers({ ORIGIN_SECRETS: `${CURRENT},${PREVIOUS}` });
    const answers = [await h.logout(event('POST', '/auth/logout'), context), await h.notFound(event('GET', '/nowhere'), context)];
    for (const res of answers) {
      expect(res.statusCode).toBe(403);
      expect(res.cookies ?? []).toEqual([]);
      expect(res.headers).not.toHaveProperty('location');
      expect(res.body).toContain('Impero cannot be opened this way');
      expect(res.body).not.toContain(CURRENT.slice(0, 8));
      expect(res.headers['strict-transport-security']).toBeDefined();
    }
  });

  it('refuses a wrong secret, and one that only starts like the right one', async () => {
    const h = await handlers({ ORIGIN_SECRETS: CURRENT });
    for (const sent of ['wrong', CURRENT.slice(0, -1), `${CURRENT}x`, '']) {
      expect((await h.logout(event('POST', '/auth/logout', { 'x-origin-verify': sent }), context)).statusCode).toBe(403);
    }
  });

  it('serves requests that carry the current or the previous secret', async () => {
    const h = await handlers({ ORIGIN_SECRETS: `${CURRENT},${PREVIOUS}` });
    for (const sent of [CURRENT, PREVIOUS]) {
      expect((await h.logout(event('POST', '/auth/logout', { 'x-origin-verify': sent }), context)).statusCode).toBe(303);
      expect((await h.notFound(event('GET', '/nowhere', { 'x-origin-verify': sent }), context)).statusCode).toBe(404);
    }
  });
});

describe('without edge protection', () => {
  it('serves requests without the header', async () => {
    const h = await handlers({});
    expect((await h.logout(event('POST', '/auth/logout'), context)).statusCode).toBe(303);
  });
});

describe('ORIGIN_SECRETS', () => {
  it('refuses short or odd values without repeating them', () => {
    expect(() => loadConfig({ ORIGIN_SECRETS: 'short' })).toThrow(/ORIGIN_SECRETS must hold values of 32–128 characters/);
    const tooShort = 'x'.repeat(31);
    expect(() => loadConfig({ ORIGIN_SECRETS: `${CURRENT},${tooShort}` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(tooShort) }),
    );
    expect(loadConfig({ ORIGIN_SECRETS: ` ${CURRENT} , ${PREVIOUS} ` }).originSecrets).toEqual([CURRENT, PREVIOUS]);
    expect(loadConfig({}).originSecrets).toEqual([]);
  });
});
