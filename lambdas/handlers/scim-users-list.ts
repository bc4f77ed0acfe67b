/** GET /scim/v2/Users — the tenant's accounts, a page at a time, or those a filter names. */
import { listUsers } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => listUsers(scim, call.req, call.query));
