/** The scim function: SCIM 2.0 provisioning from the tenant's Okta. DynamoDB only, no KMS. */
import { handler as groupCreate } from '../handlers/scim-group-create.js';
import { handler as groupDelete } from '../handlers/scim-group-delete.js';
import { handler as groupGet } from '../handlers/scim-group-get.js';
import { handler as groupPatch } from '../handlers/scim-group-patch.js';
import { handler as groupReplace } from '../handlers/scim-group-replace.js';
import { handler as groupsList } from '../handlers/scim-groups-list.js';
import { handler as resourceTypes } from '../handlers/scim-resource-types.js';
import { handler as schemas } from '../handlers/scim-schemas.js';
import { handler as serviceProviderConfig } from '../handlers/scim-service-provider-config.js';
import { handler as userCreate } from '../handlers/scim-user-create.js';
import { handler as userDelete } from '../handlers/scim-user-delete.js';
import { handler as userGet } from '../handlers/scim-user-get.js';
import { handler as userPatch } from '../handlers/scim-user-patch.js';
import { handler as userReplace } from '../handlers/scim-user-replace.js';
import { handler as usersList } from '../handlers/scim-users-list.js';
import { serve } from '../http/serve.js';
import { wireScim } from '../wiring/scim.js';

export const handler = serve('scim', wireScim, {
  'GET /scim/v2/ServiceProviderConfig': serviceProviderConfig,
  'GET /scim/v2/ResourceTypes': resourceTypes,
  'GET /scim/v2/Schemas': schemas,
  'GET /scim/v2/Users': usersList,
  'POST /scim/v2/Users': userCreate,
  'GET /scim/v2/Users/{id}': userGet,
  'PUT /scim/v2/Users/{id}': userReplace,
  'PATCH /scim/v2/Users/{id}': userPatch,
  'DELETE /scim/v2/Users/{id}': userDelete,
  'GET /scim/v2/Groups': groupsList,
  'POST /scim/v2/Groups': groupCreate,
  'GET /scim/v2/Groups/{id}': groupGet,
  'PUT /scim/v2/Groups/{id}': groupReplace,
  'PATCH /scim/v2/Groups/{id}': groupPatch,
  'DELETE /scim/v2/Groups/{id}': groupDelete,
});
