/**
 * One Lambda function's handler: its routes, dispatched on API Gateway's `routeKey`, each in
 * middy with the HTTP middleware, over the deps its wiring builds once per process (on the
 * first request, so a broken configuration still gets our error page).
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Config } from '../core/config.js';
import { AuthError, ErrorCode } from '../core/errors.js';
import { lambdaContextLogging, processLog, type RequestLog } from '../adapters/logger.js';
import type { FunctionName, RouteKeyOf } from '../routes.js';
import { httpErrors } from './middleware.js';
import { originGuard } from './origin-guard.js';
import type { Event } from './request.js';
import type { Result } from './respond.js';
import { route, type RouteHandler } from './route.js';
import { hstsHeaders } from './hsts.js';

export type Handler = (event: Event, context: Context) => Promise<Result>;

/** What every function's wiring provides. */
export interface Wired {
  config: Config;
  log: RequestLog;
  /** Writes a request may leave pending (events): finished before the answer goes out, as Lambda freezes the process after. */
  events?: { flush(): Promise<void> };
}

type Chain = (event: Event, context: Context) => Promise<Result>;

// API Gateway sends a function only the routes integrated with it: another key is a deployment mistake.
const unrouted = route('html', async () => {
  throw new AuthError(ErrorCode.NOT_FOUND, 'There is nothing at this address.');
});

/** `fn` names the function: `handlers` must answer exactly the route keys the table gives it. */
export function serve<F extends FunctionName, D extends Wired>(
  _fn: F,
  wire: () => D,
  handlers: Record<RouteKeyOf<F>, RouteHandler<D>>,
): Handler {
  let deps: D | undefined;
  const current = (): D => (deps ??= wire());
  // HSTS on every answer; with an unreadable configuration the error answer still goes out, without it.
  const headers = () => {
    try {
      return hstsHeaders(current().config);
    } catch {
      return {};
    }
  };
  const chain = (h: RouteHandler<D>): Chain =>
    // A second before Lambda's timeout, give up and answer with our own error page (CSP,
    // correlation id) instead of letting API Gateway answer with a bare 5xx. With edge
    // protection, requests that did not come through CloudFront stop at the origin guard. The
    // Lambda context goes on the log lines first and comes off last, after the access line.
    middy<Event, Result, Error, Context>({ timeoutEarlyInMillis: 1000 })
      .use(lambdaContextLogging() as unknown as MiddlewareObj<Event, Result, Error, Context>)
      .use(httpErrors(h.format, processLog, headers) as unknown as MiddlewareObj<Event, Result, Error, Context>)
      .use(originGuard(() => current().config) as unknown as MiddlewareObj<Event, Result, Error, Context>)
      .handler(async (event: Event) => {
        const deps = current();
        try {
          return await h.run(event, deps);
        } finally {
          await deps.events?.flush();
        }
      });
  const chains = new Map<string, Chain>(Object.entries<RouteHandler<D>>(handlers).map(([key, h]) => [key, chain(h)]));
  const fallback = chain(unrouted);
  return (event, context) => (chains.get(event.routeKey) ?? fallback)(event, context);
}
