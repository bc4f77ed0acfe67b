/** PATCH /scim/v2/Users/{id} — changes to an account, as Okta sends them (deactivation included). */
import { patchUser } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => patchUser(scim, call.req, call.id(), call.body()));
