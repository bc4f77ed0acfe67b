/** GET /scim/v2/Groups/{id} — one group with its members. */
import { getGroup } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => getGroup(scim, call.req, call.id(), call.query));
