/**
 * SCIM errors (RFC 7644 §3.12). One class: `status` is the HTTP status, `scimType` the RFC's
 * keyword where it names one for the case, `detail` a short English sentence that is safe to
 * send back (never a token, never a stack). `cause` is for the log only.
 */
import { ERROR_SCHEMA } from './schemas.js';

/** The `scimType` keywords of RFC 7644 §3.12, table 9. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    options?: { cause?: unknown },
  ) {
    super(`${status}${scimType ? ` ${scimType}` : ''}: ${detail}`, options);
    this.name = 'ScimError';
  }
}

export const isScimError = (e: unknown): e is ScimError => e instanceof ScimError;

/** The error constructors the SCIM layer uses, one per case. */
export const scimError = {
  /** Malformed JSON, a body that is not an object, a PatchOp without its schema or operations. */
  invalidSyntax: (detail: string) => new ScimError(400, detail, 'invalidSyntax'),
  /** A filter that does not parse, or one the product does not support. */
  invalidFilter: (detail: string) => new ScimError(400, detail, 'invalidFilter'),
  /** A value of the wrong type or form (userName not an email, unknown member, bad `count`). */
  invalidValue: (detail: string) => new ScimError(400, detail, 'invalidValue'),
  /** A PATCH path that does not parse or names no attribute the resource has. */
  invalidPath: (detail: string) => new ScimError(400, detail, 'invalidPath'),
  /** A PATCH that would change or remove an attribute the client may not change (`id`, `meta`, `userName` removal). */
  mutability: (detail: string) => new ScimError(400, detail, 'mutability'),
  /** A PATCH `remove` without a path, or a path filter that matches nothing it must. */
  noTarget: (detail: string) => new ScimError(400, detail, 'noTarget'),
  /** Another resource of the tenant already holds this `userName` or group `displayName`. */
  uniqueness: (detail: string) => new ScimError(409, detail, 'uniqueness'),
  notFound: (detail: string) => new ScimError(404, detail),
  /** Missing, wrong, revoked or another tenant's bearer token. */
  unauthorized: () => new ScimError(401, 'A valid SCIM bearer token for this tenant is required.'),
  tooLarge: (detail: string) => new ScimError(413, detail),
  unsupportedMediaType: () => new ScimError(415, 'Send the request as application/scim+json or application/json.'),
  /** Anything unexpected; the cause is logged, the detail says nothing about it. */
  internal: (cause: unknown) => new ScimError(500, 'The request could not be completed. Try again.', undefined, { cause }),
};

/** The RFC 7644 §3.12 body of an error: `status` is a string there. */
export function scimErrorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}
