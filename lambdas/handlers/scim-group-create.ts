/** POST /scim/v2/Groups — a new group with its members (Okta: Push Groups). */
import { createGroup } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => createGroup(scim, call.req, call.body()));
