/** Reading a SCIM request body: media type, size, JSON object. */
import { scimError } from './errors.js';
import { SCIM_CONTENT_TYPE } from './schemas.js';

/**
 * Largest SCIM request body, in bytes. A full Group PUT carries every member (`{"value":"acc_…"}`,
 * about 40 bytes each), so this fits a group of some 25,000 people; Okta sends users one at a time.
 */
export const MAX_SCIM_BODY_BYTES = 1_000_000;

const ACCEPTED_TYPES = new Set([SCIM_CONTENT_TYPE, 'application/json']);

/**
 * The JSON object of a request. `contentType` may be absent (some clients omit it); when
 * present it must be `application/scim+json` or `application/json` (415 otherwise). Over
 * `MAX_SCIM_BODY_BYTES` → 413; not JSON → 400 invalidSyntax; JSON but not an object → 400 invalidSyntax.
 */
export function parseScimBody(raw: string | Uint8Array | undefined, contentType: string | undefined): Record<string, unknown> {
  if (contentType !== undefined) {
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (!ACCEPTED_TYPES.has(type)) throw scimError.unsupportedMediaType();
  }
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : (raw?.byteLength ?? 0);
  if (size > MAX_SCIM_BODY_BYTES) throw scimError.tooLarge(`The request body is larger than ${MAX_SCIM_BODY_BYTES} bytes.`);
  const text = typeof raw === 'string' ? raw : raw ? Buffer.from(raw).toString('utf8') : '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw scimError.invalidSyntax('The request body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw scimError.invalidSyntax('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
