/** DELETE /scim/v2/Groups/{id} — removes the group; its members' sessions drop its name. */
import { deleteGroup } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => deleteGroup(scim, call.req, call.id()));
