/** GET /scim/v2/Users/{id} — one account as a SCIM User. */
import { getUser } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => getUser(scim, call.req, call.id()));
