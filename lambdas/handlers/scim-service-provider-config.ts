/** GET /scim/v2/ServiceProviderConfig — what this SCIM service provider supports (RFC 7644 §5). */
import { serviceProviderConfig } from '../core/scim/discovery.js';
import { scimJson } from '../core/scim/outcome.js';
import { scimRoute } from '../http/scim.js';

export const handler = scimRoute(async ({ req }) => scimJson(200, serviceProviderConfig(req.baseUrl)));
