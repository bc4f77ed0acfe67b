/**
 * Strict-Transport-Security on every response of an https deployment — redirect, JSON,
 * page, error, fallback, even a 500 — and on none over http on localhost. The real handler
 * modules, loaded fresh for each configuration (the runtime reads it once per process).
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event } from '../../lambdas/http/request.js';
import type { Handler } from '../../lambdas/http/serve.js';
import { findRoute } from '../../lambdas/dev/http-adapter.js';
import { restoreEnv } from '../fixtures/env.js';

const HSTS = 'max-age=31536000; includeSubDomains';
const saved = { ...process.env };
afterEach(() => {
  restoreEnv(saved);
  vi.resetModules();
});

async function handlers(env: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, { LOG_FORMAT: 'pretty', LOG_LEVEL: 'ERROR' }, env);
  delete process.env.SESSION_KMS_KEY_ID;
  delete process.env.SESSION_KEY_FILE;
  const load = async (fn: string) => ((await import(`../../lambdas/functions/${fn}.ts`)) as { handler: Handler }).handler;
  const session = await load('session');
  return { logout: session, discover: await load('login'), notFound: await load('fallback'), jwks: session };
}

function event(method: string, path: string, host: string, extra: Partial<Event> = {}): Event {
  return {
    version: '2.0',
    routeKey: findRoute(method, path) ? `${method} ${path}` : '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host, 'sec-fetch-site': 'same-origin', ...(extra.headers ?? {}) },
    requestContext: { requestId: 'req-hsts', http: { method, path } },
    ...extra,
  } as unknown as Event;
}

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;
const silence = () => vi.spyOn(process.stdout, 'write').mockImplementation(() => true);

describe('on an https deployment', () => {
  it('is on redirects, JSON errors, pages, the fallback and a 500', async () => {
    silence();
    const h = await handlers({ BASE_DOMAIN: 'impero.com' });
    const host = 'acme.impero.com';
    const answers = [
      await h.logout(event('POST', '/auth/logout', host), context),
      await h.discover(
        event('POST', '/auth/discover', host, { headers: { host, 'content-type': 'application/json' }, body: '{' }),
        context,
      ),
      await h.notFound(event('GET', '/nowhere', host), context),
      await h.notFound(event('DELETE', '/auth/login', host), context),
      // No signing key configured: the JWKS route fails with a 500 of our own.
      await h.jwks(event('GET', '/auth/.well-known/jwks.json', host), context),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([303, 400, 404, 405, 500]);
    for (const a of answers) expect(a.headers['strict-transport-security']).toBe(HSTS);
  });
});

describe('on http://*.localhost', () => {
  it('is never sent', async () => {
    silence();
    const h = await handlers({ BASE_DOMAIN: 'localhost', PUBLIC_PORT: '3000' });
    const host = 'acme.localhost:3000';
    const answers = [
      await h.logout(event('POST', '/auth/logout', host), context),
      await h.discover(
        event('POST', '/auth/discover', host, { headers: { host, 'content-type': 'application/json' }, body: '{' }),
        context,
      ),
      await h.notFound(event('GET', '/nowhere', host), context),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([303, 400, 404]);
    for (const a of answers) expect(a.headers).not.toHaveProperty('strict-transport-security');
  });
});
