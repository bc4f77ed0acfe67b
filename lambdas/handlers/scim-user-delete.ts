/** DELETE /scim/v2/Users/{id} — removes the account and ends its sessions. */
import { deleteUser } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => deleteUser(scim, call.req, call.id()));
