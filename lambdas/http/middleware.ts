/**
 * The HTTP middleware every route uses, in middy's `{ before, after, onError }` shape:
 * a correlation id per request, one access line, and errors turned into a 4xx/5xx page (in
 * the request's language) or an English JSON body — never a stack trace. Details of 5xx
 * errors go to the log only.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { AuthError, ErrorCode, isAuthError } from '../core/errors.js';
import { errorText } from '../core/messages/catalogue.js';
import { errorPage } from '../core/pages.js';
import type { RequestLog } from '../adapters/logger.js';
import { methodsFor } from '../routes.js';
import { languageOf, type Event } from './request.js';
import { html, json, type Result } from './respond.js';

export type Format = 'html' | 'json';
type Internal = { correlationId: string; startedAt: number };
type Req = Request<Event, Result, Error, Context, Internal>;

/**
 * `headers` are added to every response, success or error (HSTS on https hosts); they are
 * read per response, so a broken configuration costs them, never the answer itself.
 */
export function httpErrors(
  format: Format,
  log: () => RequestLog,
  headers: () => Record<string, string> = () => ({}),
): MiddlewareObj<Event, Result, Error, Context, Internal> {
  const finish = (request: Req) => {
    const response = request.response!;
    response.headers = { ...response.headers, ...headers(), 'x-correlation-id': request.internal.correlationId };
    log().info('request', {
      route: `${request.event.requestContext?.http?.method} ${request.event.rawPath}`,
      status: response.statusCode,
      ms: Date.now() - request.internal.startedAt,
    });
  };
  // The id of the header, the error page, the log lines and the events alike: API Gateway's request id.
  const start = (request: Req) => {
    if (request.internal.correlationId !== undefined) return;
    request.internal.correlationId = request.event.requestContext?.requestId || randomUUID();
    request.internal.startedAt = Date.now();
    log().setCorrelationId(request.internal.correlationId);
  };
  return {
    before: start,
    after: finish,
    onError: (request) => {
      start(request); // an earlier middleware may have failed before ours ran
      const error = toAuthError(request.error);
      if (!error.expose || error.status >= 500)
        log().error(error.publicMessage, { errorCode: error.code, cause: describe(error.cause ?? request.error) });
      const message = error.expose ? error.publicMessage : 'Something went wrong on our side. Try again in a minute.';
      const correlationId = request.internal.correlationId;
      const lang = languageOf(request.event);
      request.response =
        format === 'json'
          ? json(error.status, { error: error.code, message, correlationId })
          : html(error.status, errorPage(lang, { ...errorText(lang, error), correlationId }), { lang });
      if (error.code === ErrorCode.METHOD_NOT_ALLOWED) request.response.headers.allow = methodsFor(request.event.rawPath).join(', ');
      finish(request);
    },
  };
}

function toAuthError(error: unknown): AuthError {
  return isAuthError(error) ? error : new AuthError(ErrorCode.INTERNAL, 'Unexpected error', { cause: error });
}

function primitiveText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return value.toString();
    default:
      return value === null ? 'null' : 'non-error object';
  }
}

/** Error names and messages along the cause chain: enough to debug, no payloads. */
export function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    // Objects and functions are named, not shown; a primitive is its own text.
    const text = e instanceof Error ? `${e.name}: ${e.message}` : primitiveText(e);
    parts.push(text);
    if (!(e instanceof Error)) break;
  }
  return parts.join(' <- ');
}
