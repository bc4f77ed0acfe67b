/**
 * A function's handler: dispatch on API Gateway's routeKey to the route's handler, each with
 * its own answer format; the wiring built once, on the first request; a key the function does
 * not serve answered as "nothing here", never by another route.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../lambdas/core/config.js';
import { badRequest } from '../../lambdas/core/errors.js';
import { processLog } from '../../lambdas/adapters/logger.js';
import type { Event } from '../../lambdas/http/request.js';
import { json } from '../../lambdas/http/respond.js';
import { route } from '../../lambdas/http/route.js';
import { serve } from '../../lambdas/http/serve.js';

afterEach(() => vi.restoreAllMocks());

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;
const event = (routeKey: string): Event =>
  ({
    routeKey,
    rawPath: '/auth/x',
    rawQueryString: '',
    headers: { host: 'acme.localhost' },
    requestContext: { requestId: 'req-serve', http: { method: 'GET' } },
  }) as unknown as Event;

function fallbackWith(run: (key: string) => Promise<unknown>) {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const wire = vi.fn(() => ({ config: loadConfig({ BASE_DOMAIN: 'localhost' }), log: processLog(), marker: 'wired' }));
  const handler = serve('fallback', wire, {
    $default: route('json', async (e, deps: { marker: string }) =>
      json(200, { key: e.routeKey, marker: deps.marker, ran: await run(e.routeKey) }),
    ),
  });
  return { handler, wire };
}

describe('serve', () => {
  it('runs the handler of the event’s route key with the wired deps, wiring once for all requests', async () => {
    const { handler, wire } = fallbackWith(async () => 'yes');
    expect(wire).not.toHaveBeenCalled(); // nothing is built at import time
    const first = await handler(event('$default'), context);
    const second = await handler(event('$default'), context);
    expect(JSON.parse(first.body!)).toEqual({ key: '$default', marker: 'wired', ran: 'yes' });
    expect(second.statusCode).toBe(200);
    expect(first.headers['x-correlation-id']).toBe('req-serve');
    expect(wire).toHaveBeenCalledTimes(1);
  });

  it('answers a route key it does not serve with a 404 page, without running any route', async () => {
    const run = vi.fn(async () => 'ran');
    const { handler } = fallbackWith(run);
    const res = await handler(event('GET /auth/callback'), context);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers errors in the route’s own format', async () => {
    const { handler } = fallbackWith(async () => {
      throw badRequest('Nope.');
    });
    const res = await handler(event('$default'), context);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!)).toMatchObject({ error: 'bad_request', message: 'Nope.', correlationId: 'req-serve' });
  });
});
