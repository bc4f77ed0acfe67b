/**
 * Edge protection's lock on the origin: with ORIGIN_SECRETS set, CloudFront adds the current
 * secret to every request it forwards, and a request without one of the configured values
 * (someone calling API Gateway directly, around the WAF) is refused before any route runs.
 * Several values are accepted so the secret can be rotated without a gap.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { Config } from '../core/config.js';
import { AuthError, ErrorCode } from '../core/errors.js';
import type { Event } from './request.js';

/** The header CloudFront sets as an origin custom header (it replaces any value a viewer sends). */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Whether the request may be served: no edge configured, or it carries one of the secrets. */
function cameThroughEdge(config: Pick<Config, 'originSecrets'>, headers: Event['headers']): boolean {
  if (config.originSecrets.length === 0) return true;
  const sent = headers?.[ORIGIN_SECRET_HEADER];
  if (sent === undefined) return false;
  // Compared as digests: constant time, whatever the lengths.
  return config.originSecrets.reduce((match, secret) => timingSafeEqual(digest(secret), digest(sent)) || match, false);
}

export function originGuard(config: () => Pick<Config, 'originSecrets'>): MiddlewareObj<Event> {
  return {
    before: (request) => {
      if (!cameThroughEdge(config(), request.event.headers)) {
        throw new AuthError(ErrorCode.EDGE_BYPASS, 'This address is not served directly. Open your company’s Impero address instead.');
      }
    },
  };
}
