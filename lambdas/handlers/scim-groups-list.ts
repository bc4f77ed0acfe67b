/** GET /scim/v2/Groups — the tenant's groups, a page at a time, or the one a displayName filter names. */
import { listGroups } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => listGroups(scim, call.req, call.query));
