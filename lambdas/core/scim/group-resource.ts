/** Group ↔ SCIM Group (RFC 7643 §4.2). Members are accounts of the same tenant. */
import type { GroupFields, Member, ScimGroup } from './directory.js';
import { scimError } from './errors.js';
import { GROUP_SCHEMA } from './schemas.js';
import { requireSchema } from './user-resource.js';
import { parseExternalId, parseGroupName } from './values.js';

/** The Group as SCIM shows it; without `members` when they were not read (`excludedAttributes=members`). */
export function groupResource(group: ScimGroup, baseUrl: string, members?: readonly Member[]): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId !== undefined ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members
      ? { members: members.map((m) => ({ value: m.id, display: m.email, $ref: `${baseUrl}/Users/${m.id}`, type: 'User' })) }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: `${baseUrl}/Groups/${group.id}`,
    },
  };
}

/** Longest member id accepted in a request (account ids are 24 characters). */
const MAX_MEMBER_ID_LENGTH = 128;

/** `[{value}, …]` → account ids, de-duplicated, in order. `display` and `$ref` are ignored. */
export function parseMemberIds(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw scimError.invalidValue('"members" must be an array of {"value": "<user id>"}.');
  const ids = value.map((m: unknown) => {
    const id = typeof m === 'object' && m !== null ? (m as Record<string, unknown>).value : undefined;
    if (typeof id !== 'string' || id === '' || id.length > MAX_MEMBER_ID_LENGTH)
      throw scimError.invalidValue('Each member needs a "value": the id of a User.');
    return id;
  });
  return [...new Set(ids)];
}

/** A POST or PUT body: the group's fields and the ids of all its members. */
export function parseGroupResource(body: Record<string, unknown>): { fields: GroupFields; memberIds: string[] } {
  requireSchema(body, GROUP_SCHEMA);
  const fields: GroupFields = { displayName: parseGroupName(body.displayName) };
  const externalId = parseExternalId(body.externalId);
  if (externalId !== undefined) fields.externalId = externalId;
  return { fields, memberIds: parseMemberIds(body.members) };
}
