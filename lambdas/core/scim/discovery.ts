/**
 * Discovery documents (RFC 7644 §4, RFC 7643 §5–7): what this service provider supports,
 * its two resource types, and the attributes of each that it keeps.
 */
import { MAX_RESULTS } from './paging.js';
import {
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './schemas.js';

const meta = (baseUrl: string, resourceType: string, path: string) => ({ resourceType, location: `${baseUrl}${path}` });

export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A per-tenant bearer token issued by Impero support (scim token), sent as Authorization: Bearer <token>.',
        primary: true,
      },
    ],
    meta: meta(baseUrl, 'ServiceProviderConfig', '/ServiceProviderConfig'),
  };
}

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    { id: 'User', name: 'User', endpoint: '/Users', description: 'An Impero account', schema: USER_SCHEMA },
    { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A group of the tenant', schema: GROUP_SCHEMA },
  ].map((t) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    ...t,
    schemaExtensions: [],
    meta: meta(baseUrl, 'ResourceType', `/ResourceTypes/${t.id}`),
  }));
}

type Attribute = Record<string, unknown>;

function attribute(name: string, options: Partial<Attribute> = {}): Attribute {
  return {
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const reference = (referenceTypes: string[]) => attribute('$ref', { type: 'reference', referenceTypes, mutability: 'immutable' });

const USER_ATTRIBUTES: Attribute[] = [
  attribute('userName', {
    required: true,
    uniqueness: 'server',
    description: "The account's email address; matched without regard to case.",
  }),
  attribute('name', {
    type: 'complex',
    subAttributes: [attribute('givenName'), attribute('familyName')],
  }),
  attribute('displayName'),
  attribute('emails', {
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    description: 'The userName, as the one work email.',
    subAttributes: [
      attribute('value', { mutability: 'readOnly' }),
      attribute('type', { mutability: 'readOnly' }),
      attribute('primary', { type: 'boolean', mutability: 'readOnly' }),
    ],
  }),
  attribute('active', { type: 'boolean', description: 'false: the account cannot sign in and its sessions end.' }),
  attribute('externalId', { caseExact: true }),
  attribute('groups', {
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [attribute('value', { mutability: 'readOnly' }), attribute('display', { mutability: 'readOnly' }), reference(['Group'])],
  }),
];

const GROUP_ATTRIBUTES: Attribute[] = [
  attribute('displayName', { required: true, uniqueness: 'server' }),
  attribute('externalId', { caseExact: true }),
  attribute('members', {
    type: 'complex',
    multiValued: true,
    subAttributes: [
      attribute('value', { mutability: 'immutable', caseExact: true }),
      attribute('display', { mutability: 'readOnly' }),
      reference(['User']),
    ],
  }),
];

export function schemas(baseUrl: string): Record<string, unknown>[] {
  return [
    { id: USER_SCHEMA, name: 'User', description: 'Impero account', attributes: USER_ATTRIBUTES },
    { id: GROUP_SCHEMA, name: 'Group', description: 'Group of accounts', attributes: GROUP_ATTRIBUTES },
  ].map((s) => ({ schemas: [SCHEMA_SCHEMA], ...s, meta: meta(baseUrl, 'Schema', `/Schemas/${s.id}`) }));
}

/** `GET /ResourceTypes` and `GET /Schemas` answer as ListResponses of their documents. */
export const discoveryList = (resources: Record<string, unknown>[]): Record<string, unknown> => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});
