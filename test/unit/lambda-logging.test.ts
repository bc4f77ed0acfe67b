/**
 * The log lines of a function's handler, as Lambda writes them: Powertools' Lambda context on
 * every line (`cold_start`, `function_request_id`), the correlation id of the response's
 * `x-correlation-id` (the one events record), cleared when the request ends; and no field whose
 * name suggests a secret, in the JSON of Lambda or the local readable lines. The handler runs
 * in `serve` with the context the local server builds.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Event } from '../../lambdas/http/request.js';
import type { Handler } from '../../lambdas/http/serve.js';
import { fallbackRoute, lambdaContext } from '../../lambdas/dev/http-adapter.js';
import { restoreEnv } from '../fixtures/env.js';

const saved = { ...process.env };
afterEach(() => {
  restoreEnv(saved);
  vi.resetModules();
  vi.restoreAllMocks();
});

/** Everything written to stdout and stderr (Powertools writes warnings and errors to stderr). */
function capture(): string[] {
  const out: string[] = [];
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  return out;
}

/** A fresh process: the fallback function's handler, whose route logs a secret-named field and answers with the log's correlation id. */
async function freshFunction(env: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, { BASE_DOMAIN: 'localhost', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }, env);
  const { serve } = await import('../../lambdas/http/serve.js');
  const { route } = await import('../../lambdas/http/route.js');
  const { json } = await import('../../lambdas/http/respond.js');
  const { loadConfig } = await import('../../lambdas/core/config.js');
  const { processLog } = await import('../../lambdas/adapters/logger.js');
  const { badRequest } = await import('../../lambdas/core/errors.js'); // this process's error class
  const log = processLog();
  const handler: Handler = serve('fallback', () => ({ config: loadConfig(), log }), {
    $default: route('json', async (event) => {
      log.warn('token exchange failed', {
        tenant: 'acme',
        clientSecret: 'hunter2-secret',
        id_token: 'eyJ.secret-token',
        errorCode: 'idp_error',
      });
      if (event.rawPath === '/fail') throw badRequest('Nope.');
      return json(200, { correlationId: log.correlationId() });
    }),
  });
  return { handler, log };
}

const event = (requestId: string, rawPath = '/anything'): Event =>
  ({
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { host: 'acme.localhost' },
    requestContext: { requestId, http: { method: 'GET' } },
  }) as unknown as Event;

const jsonLines = (out: string[]) =>
  out
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('log lines in Lambda (JSON)', () => {
  it('carry the Lambda context and the response’s correlation id, which the request’s end clears', async () => {
    const { handler, log } = await freshFunction({});
    const out = capture();
    const first: Context = lambdaContext(fallbackRoute);
    const res = await handler(event('req-first'), first);
    expect(res.headers['x-correlation-id']).toBe('req-first');
    expect(JSON.parse(res.body!)).toEqual({ correlationId: 'req-first' }); // what events record
    const lines = jsonLines(out);
    expect(lines.map((l) => l.message)).toEqual(['token exchange failed', 'request']);
    for (const line of lines) {
      expect(line).toMatchObject({
        cold_start: true,
        function_request_id: first.awsRequestId,
        function_name: 'local-fallback',
        correlation_id: 'req-first',
        service: 'impero-sso',
      });
    }
    expect(lines[0]).toMatchObject({ level: 'WARN', tenant: 'acme', errorCode: 'idp_error' });
    expect(log.correlationId()).toBeUndefined();

    out.length = 0;
    const second = lambdaContext(fallbackRoute);
    const failed = await handler(event('req-second', '/fail'), second);
    expect(failed.statusCode).toBe(400);
    expect(JSON.parse(failed.body!)).toMatchObject({ correlationId: 'req-second' });
    for (const line of jsonLines(out)) {
      expect(line).toMatchObject({ cold_start: false, function_request_id: second.awsRequestId, correlation_id: 'req-second' });
    }
    expect(log.correlationId()).toBeUndefined();
  });

  it('never show a field whose name suggests a secret', async () => {
    const { handler } = await freshFunction({});
    const out = capture();
    await handler(event('req-1'), lambdaContext(fallbackRoute));
    const text = out.join('');
    expect(text).toContain('"tenant":"acme"');
    expect(text).not.toMatch(/hunter2|secret-token|clientSecret|id_token/);
  });
});

describe('log lines locally (LOG_FORMAT=pretty)', () => {
  it('are one readable line each, with the correlation id, and never a secret-named field', async () => {
    const { handler } = await freshFunction({ LOG_FORMAT: 'pretty' });
    const out = capture();
    const res = await handler(event('1a2b3c4d-5e6f'), lambdaContext(fallbackRoute));
    expect(res.headers['x-correlation-id']).toBe('1a2b3c4d-5e6f');
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d warn {2}\[1a2b3c4d\] token exchange failed tenant=acme errorCode=idp_error\n$/);
    expect(out[1]).toMatch(/^\d\d:\d\d:\d\d info {2}\[1a2b3c4d\] request route=GET \/anything status=200 ms=\d+\n$/);
    expect(out.join('')).not.toMatch(/hunter2|secret-token|clientSecret|id_token/);
  });
});
