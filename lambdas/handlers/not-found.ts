/**
 * API Gateway's `$default` route: a clear 404, or 405 for a known path and the wrong method.
 * Under `/scim/` the answer is an RFC 7644 error (SCIM clients read JSON, not pages).
 */
import { AuthError, ErrorCode } from '../core/errors.js';
import { ScimError } from '../core/scim/errors.js';
import { scimFailure } from '../core/scim/outcome.js';
import { route } from '../http/route.js';
import { scimResult } from '../http/scim-result.js';
import { methodsFor } from '../routes.js';

export const handler = route('html', async (event) => {
  const allowed = methodsFor(event.rawPath);
  if (event.rawPath.startsWith('/scim/')) {
    if (allowed.length === 0) return scimResult(scimFailure(new ScimError(404, 'There is no SCIM endpoint at this address.')));
    const result = scimResult(scimFailure(new ScimError(405, `This address accepts ${allowed.join(', ')} only.`)));
    return { ...result, headers: { ...result.headers, allow: allowed.join(', ') } };
  }
  if (allowed.length > 0) throw new AuthError(ErrorCode.METHOD_NOT_ALLOWED, `This address accepts ${allowed.join(' and ')} only.`);
  throw new AuthError(ErrorCode.NOT_FOUND, 'There is nothing at this address.');
});
