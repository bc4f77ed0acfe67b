/** PUT /scim/v2/Groups/{id} — the whole group; its members become exactly those sent. */
import { replaceGroup } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => replaceGroup(scim, call.req, call.id(), call.body()));
