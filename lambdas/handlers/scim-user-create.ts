/** POST /scim/v2/Users — a new account (Okta: Push New Users). */
import { createUser } from '../core/scim/users.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute((call, scim) => createUser(scim, call.req, call.body()));
