/** GET /scim/v2/ResourceTypes — User and Group (RFC 7644 §4), as a ListResponse. */
import { discoveryList, resourceTypes } from '../core/scim/discovery.js';
import { scimJson } from '../core/scim/outcome.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute(async ({ req }) => scimJson(200, discoveryList(resourceTypes(req.baseUrl))));
