/** GET /scim/v2/Schemas — the User and Group attributes the product keeps (RFC 7643 §7), as a ListResponse. */
import { discoveryList, schemas } from '../core/scim/discovery.js';
import { scimJson } from '../core/scim/outcome.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute(async ({ req }) => scimJson(200, discoveryList(schemas(req.baseUrl))));
