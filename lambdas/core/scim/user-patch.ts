/**
 * PATCH of a User (RFC 7644 §3.5.2) on the attributes the product keeps, at least in the forms
 * Okta sends: a path-less `replace` with a value object (`{"active": false}`), and `add`,
 * `replace` or `remove` with a path (`active`, `userName`, `displayName`, `name.givenName`,
 * `name.familyName`, `externalId`). Paths are compared without regard to case; attributes the
 * product does not keep (emails, locale, password, extension schemas…) are ignored, as in a PUT.
 */
import type { UserFields } from './directory.js';
import { scimError } from './errors.js';
import { parsePath, type ParsedPath, type PatchOperation } from './patch-ops.js';
import { USER_SCHEMA } from './schemas.js';
import { cleanName, parseActive, parseExternalId, parseUserName } from './values.js';

const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path into another schema (an extension such as the enterprise User): nothing the product keeps. */
const isOtherSchema = (path: string) =>
  path.toLowerCase().startsWith('urn:') && !path.toLowerCase().startsWith(`${USER_SCHEMA.toLowerCase()}:`);

function setName(next: UserFields, part: 'givenName' | 'familyName', value: unknown): void {
  const name = cleanName(value, `name.${part}`);
  if (name === undefined) delete next[part];
  else next[part] = name;
}

function set(next: UserFields, path: ParsedPath, value: unknown, id: string): void {
  const { attribute, subAttribute } = path;
  if (path.filter !== undefined && ['username', 'active', 'displayname', 'externalid', 'name'].includes(attribute)) {
    throw scimError.invalidPath(`"${attribute}" is single-valued; it takes no filter.`);
  }
  if (READ_ONLY.has(attribute)) {
    if (attribute === 'id' && value === id) return;
    throw scimError.mutability(`"${attribute}" cannot be changed.`);
  }
  switch (attribute) {
    case 'username':
      next.email = parseUserName(value);
      return;
    case 'active':
      next.active = parseActive(value);
      return;
    case 'displayname': {
      const name = cleanName(value, 'displayName');
      if (name === undefined) delete next.displayName;
      else next.displayName = name;
      return;
    }
    case 'externalid': {
      const externalId = parseExternalId(value);
      if (externalId === undefined) delete next.externalId;
      else next.externalId = externalId;
      return;
    }
    case 'name':
      if (subAttribute === 'givenname') setName(next, 'givenName', value);
      else if (subAttribute === 'familyname') setName(next, 'familyName', value);
      else if (subAttribute === undefined) {
        // A complex value: the sub-attributes it names change, the others stay (RFC 7644 §3.5.2.3).
        if (!isObject(value)) throw scimError.invalidValue('"name" must be an object.');
        for (const [key, part] of Object.entries(value)) set(next, { attribute: 'name', subAttribute: key.toLowerCase() }, part, id);
      }
      return;
    default:
      return;
  }
}

function remove(next: UserFields, path: ParsedPath): void {
  const { attribute, subAttribute } = path;
  if (READ_ONLY.has(attribute) || attribute === 'username' || attribute === 'active')
    throw scimError.mutability(`"${attribute}" cannot be removed.`);
  if (attribute === 'displayname') delete next.displayName;
  if (attribute === 'externalid') delete next.externalId;
  if (attribute === 'name' && (subAttribute === undefined || subAttribute === 'givenname')) delete next.givenName;
  if (attribute === 'name' && (subAttribute === undefined || subAttribute === 'familyname')) delete next.familyName;
}

/** The user's fields after the operations, in order; nothing is written here. */
export function patchUser(current: UserFields, id: string, ops: readonly PatchOperation[]): UserFields {
  const next: UserFields = { ...current };
  for (const op of ops) {
    if (op.path === undefined) {
      if (!isObject(op.value)) throw scimError.invalidValue(`An "${op.op}" without "path" needs an object "value".`);
      for (const [key, value] of Object.entries(op.value)) {
        if (!isOtherSchema(key)) set(next, parsePath(key, USER_SCHEMA), value, id);
      }
    } else if (!isOtherSchema(op.path)) {
      const path = parsePath(op.path, USER_SCHEMA);
      if (op.op === 'remove') remove(next, path);
      else set(next, path, op.value, id);
    }
  }
  return next;
}
