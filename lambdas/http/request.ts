/** Reading API Gateway HTTP API (payload v2) requests strictly, with size limits. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AuthError, badRequest, ErrorCode } from '../core/errors.js';
import { negotiateLang, type Lang } from '../core/language.js';

export type Event = APIGatewayProxyEventV2;

/** Largest request body any route accepts: a login form or a discovery JSON is far smaller. */
const MAX_BODY_BYTES = 4096;
/** Largest query string: a callback with Okta's parameters fits with room to spare. */
const MAX_QUERY_BYTES = 4096;

/** The query string as sent (API Gateway joins repeated keys with commas in `queryStringParameters`). */
export function queryOf(event: Event): URLSearchParams {
  const raw = event.rawQueryString ?? '';
  if (raw.length > MAX_QUERY_BYTES) throw badRequest('The address is too long.');
  return new URLSearchParams(raw);
}

/** One parameter, at most once and at most `max` characters long. */
export function param(params: URLSearchParams, name: string, max = 2048): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw badRequest(`The parameter "${name}" appears more than once.`);
  const value = values[0];
  if (value !== undefined && value.length > max) throw badRequest(`The parameter "${name}" is too long.`);
  return value;
}

function rawBody(event: Event, expectedType: string): string {
  const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== expectedType) throw badRequest(`Send the request as ${expectedType}.`);
  const body = event.body ?? '';
  // Base64 is 4/3 of the bytes: refuse before decoding anything large.
  if (body.length > Math.ceil(MAX_BODY_BYTES / 3) * 4 + 4) throw new AuthError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.');
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new AuthError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.');
  return bytes.toString('utf8');
}

export const formBody = (event: Event): URLSearchParams => new URLSearchParams(rawBody(event, 'application/x-www-form-urlencoded'));

export function jsonBody(event: Event): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody(event, 'application/json'));
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('Send a JSON object.');
  return value as Record<string, unknown>;
}

export const header = (event: Event, name: string): string | undefined => event.headers?.[name] ?? undefined;

/** Cookies as API Gateway v2 delivers them (`cookies`), falling back to the Cookie header. */
export const cookiesOf = (event: Event): string[] => event.cookies ?? (header(event, 'cookie') ? [header(event, 'cookie')!] : []);

/** The language of the page to answer with, from `Accept-Language`. */
export const languageOf = (event: Event): Lang => negotiateLang(header(event, 'accept-language'));
