/**
 * A route's handler, as its function's entry (`lambdas/functions/<fn>.ts`) serves it: the
 * answer format of its errors and what it does, typed by the narrow deps it reads. A route
 * that asks for a port its function does not wire does not compile.
 */
import type { Format } from './middleware.js';
import type { Event } from './request.js';
import type { Result } from './respond.js';

export interface RouteHandler<D> {
  format: Format;
  run: (event: Event, deps: D) => Promise<Result>;
}

export const route = <D>(format: Format, run: (event: Event, deps: D) => Promise<Result>): RouteHandler<D> => ({ format, run });
