/** API Gateway v2 results. `html` carries the security headers; the middleware adds the correlation id. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HTML_HEADERS, languageHeaders } from '../core/html.js';
import type { Lang } from '../core/language.js';

export type Result = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export const redirect = (statusCode: 302 | 303, location: string, cookies: string[] = []): Result => ({
  statusCode,
  headers: { location, 'cache-control': 'no-store' },
  cookies,
  body: '',
});

/** A page in `lang` (the one `page()` was given): its language headers come with it. */
export const html = (statusCode: number, body: string, options: { lang: Lang; cookies?: string[]; csp?: string }): Result => ({
  statusCode,
  headers: { ...HTML_HEADERS, ...languageHeaders(options.lang), ...(options.csp ? { 'content-security-policy': options.csp } : {}) },
  cookies: options.cookies ?? [],
  body,
});

export const json = (statusCode: number, body: unknown, extraHeaders: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extraHeaders },
  body: JSON.stringify(body),
});
