/**
 * The rules for each value a SCIM client sets, shared by POST, PUT and PATCH: `userName` is
 * an email (canonical form), names are cleaned as JIT names are, `active` is a boolean,
 * `externalId` is a short printable string.
 */
import { canonicalEmail, isEmail, MAX_EMAIL_LENGTH } from '../email.js';
import { firstUnsafeCharacter } from '../printable.js';
import { MAX_NAME_LENGTH } from '../tenant-input.js';
import { scimError } from './errors.js';

/** Longest `externalId` kept (Okta's ids are 20 characters). */
const MAX_EXTERNAL_ID_LENGTH = 255;

/** `userName` → canonical email; anything that is not an email address → 400 invalidValue. */
export function parseUserName(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH + 64)
    throw scimError.invalidValue('"userName" must be an email address.');
  const email = canonicalEmail(value);
  if (!isEmail(email)) throw scimError.invalidValue('"userName" must be an email address.');
  return email;
}

/**
 * A name part as shown on pages: control, bidi and invisible characters (the `printable`
 * class) dropped, runs of white space made one space, trimmed, at most MAX_NAME_LENGTH
 * characters. Empty or absent → undefined. A cosmetic field never refuses a person's
 * provisioning, so a name is cleaned rather than refused; a non-string is refused.
 */
export function cleanName(value: unknown, attribute: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw scimError.invalidValue(`"${attribute}" must be a string.`);
  const visible = Array.from(value.slice(0, MAX_NAME_LENGTH * 4), (c) => (firstUnsafeCharacter(c) === undefined ? c : ' ')).join('');
  const clean = Array.from(visible.replace(/\s+/g, ' ').trim()).slice(0, MAX_NAME_LENGTH).join('').trim();
  return clean === '' ? undefined : clean;
}

/** `active`: a boolean; the strings "true"/"false" (any case), as some clients send them, too. */
export function parseActive(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw scimError.invalidValue('"active" must be true or false.');
}

/** `externalId`: a printable string of at most MAX_EXTERNAL_ID_LENGTH characters; empty or absent → undefined. */
export function parseExternalId(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_EXTERNAL_ID_LENGTH || firstUnsafeCharacter(value) !== undefined) {
    throw scimError.invalidValue(`"externalId" must be a printable string of at most ${MAX_EXTERNAL_ID_LENGTH} characters.`);
  }
  return value;
}

/** A group's `displayName`: required, cleaned like a person's name. */
export function parseGroupName(value: unknown): string {
  const name = cleanName(value, 'displayName');
  if (name === undefined) throw scimError.invalidValue('A group needs a "displayName".');
  return name;
}
