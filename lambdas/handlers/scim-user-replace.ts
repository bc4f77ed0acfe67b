/** PUT /scim/v2/Users/{id} — the whole account; `active: false` deactivates it and ends its sessions. */
import { replaceUser } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => replaceUser(scim, call.req, call.id(), call.body()));
