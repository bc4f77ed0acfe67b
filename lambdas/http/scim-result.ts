/** A SCIM outcome as an API Gateway result: `application/scim+json`, never cached, never sniffed. */
import type { ScimOutcome } from '../core/scim/outcome.js';
import type { Result } from './respond.js';

export const scimResult = (outcome: ScimOutcome): Result => ({
  statusCode: outcome.status,
  headers: { ...outcome.headers, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  body: outcome.body === undefined ? '' : JSON.stringify(outcome.body),
});
