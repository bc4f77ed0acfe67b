/** API Gateway's `$default` route: a clear 404, or 405 for a known path and the wrong method. */
import { AuthError, ErrorCode } from '../core/errors.js';
import { route } from '../http/route.js';
import { methodsFor } from '../routes.js';

export const handler = route('html', async (event) => {
  const allowed = methodsFor(event.rawPath);
  if (allowed.length > 0) throw new AuthError(ErrorCode.METHOD_NOT_ALLOWED, `This address accepts ${allowed.join(' and ')} only.`);
  throw new AuthError(ErrorCode.NOT_FOUND, 'There is nothing at this address.');
});
