/** Builds a route's Lambda handler: middy, the HTTP middleware, and the process runtime. */
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { httpErrors, type Format } from './middleware.js';
import { originGuard } from './origin-guard.js';
import type { Event } from './request.js';
import type { Result } from './respond.js';
import { requestLog, responseHeaders, runtime, type Runtime } from './runtime.js';

export type RouteFn = (event: Event, rt: Runtime) => Promise<Result>;
export type Handler = (event: Event, context: Context) => Promise<Result>;

export function route(format: Format, fn: RouteFn): Handler {
  const errors = httpErrors(format, requestLog, responseHeaders) as unknown as MiddlewareObj<Event, Result, Error, Context>;
  // A second before Lambda's timeout, give up and answer with our own error page (CSP,
  // correlation id) instead of letting API Gateway answer with a bare 5xx. With edge
  // protection, requests that did not come through CloudFront stop at the origin guard.
  return middy<Event, Result, Error, Context>({ timeoutEarlyInMillis: 1000 })
    .use(errors)
    .use(originGuard(() => runtime().config) as unknown as MiddlewareObj<Event, Result, Error, Context>)
    .handler(async (event: Event) => {
      const rt = runtime();
      try {
        return await fn(event, rt);
      } finally {
        // Lambda freezes the process once the answer is out: finish this request's event writes first.
        await rt.events.flush();
      }
    });
}
