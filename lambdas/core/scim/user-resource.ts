/**
 * Account ↔ SCIM User (RFC 7643 §4.1). `userName` is the canonical email and the one work
 * email; `groups` is read-only; `password` and every attribute the product does not keep
 * are ignored on the way in and never echoed.
 */
import type { ScimUser, UserFields } from './directory.js';
import { scimError } from './errors.js';
import { USER_SCHEMA } from './schemas.js';
import { cleanName, parseActive, parseExternalId, parseUserName } from './values.js';

/** The User as SCIM shows it; `baseUrl` is `<origin>/scim/v2`. */
export function userResource(user: ScimUser, baseUrl: string): Record<string, unknown> {
  const name: Record<string, string> = {};
  if (user.givenName !== undefined) name.givenName = user.givenName;
  if (user.familyName !== undefined) name.familyName = user.familyName;
  const displayName = user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || undefined);
  return {
    schemas: [USER_SCHEMA],
    id: user.id,
    ...(user.externalId !== undefined ? { externalId: user.externalId } : {}),
    userName: user.email,
    ...(Object.keys(name).length > 0 ? { name } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: user.active,
    groups: user.groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}`, type: 'direct' })),
    meta: {
      resourceType: 'User',
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: `${baseUrl}/Users/${user.id}`,
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `schemas` member, when sent, must name the resource's core schema. */
export function requireSchema(body: Record<string, unknown>, schema: string): void {
  if (body.schemas === undefined) return;
  if (!Array.isArray(body.schemas) || !body.schemas.includes(schema)) throw scimError.invalidSyntax(`"schemas" must include "${schema}".`);
}

/**
 * The fields of a POST or PUT body (the whole User). Absent optional attributes are absent
 * in the result (a PUT clears them); `active` defaults to true.
 */
export function parseUserResource(body: Record<string, unknown>): UserFields {
  requireSchema(body, USER_SCHEMA);
  if (body.userName === undefined) throw scimError.invalidValue('A User needs a "userName" (an email address).');
  if (body.name !== undefined && body.name !== null && !isObject(body.name)) throw scimError.invalidValue('"name" must be an object.');
  const name = isObject(body.name) ? body.name : {};
  const fields: UserFields = {
    email: parseUserName(body.userName),
    active: body.active === undefined || body.active === null ? true : parseActive(body.active),
  };
  const givenName = cleanName(name.givenName, 'name.givenName');
  const familyName = cleanName(name.familyName, 'name.familyName');
  const displayName = cleanName(body.displayName, 'displayName');
  const externalId = parseExternalId(body.externalId);
  if (givenName !== undefined) fields.givenName = givenName;
  if (familyName !== undefined) fields.familyName = familyName;
  if (displayName !== undefined) fields.displayName = displayName;
  if (externalId !== undefined) fields.externalId = externalId;
  return fields;
}
