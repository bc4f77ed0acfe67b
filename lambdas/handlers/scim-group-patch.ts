/** PATCH /scim/v2/Groups/{id} — rename, add or remove members, as Okta's Group Push sends it. */
import { patchGroup } from '../core/scim/groups.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => patchGroup(scim, call.req, call.id(), call.body()));
