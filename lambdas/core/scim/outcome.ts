/**
 * What a SCIM use case answers with: a status, an optional JSON body and headers. The
 * handler turns it into the HTTP response (the body serialised as `application/scim+json`).
 */
import { isScimError, scimError, scimErrorBody, type ScimError } from './errors.js';
import { SCIM_CONTENT_TYPE } from './schemas.js';

export interface ScimOutcome {
  status: number;
  body?: Record<string, unknown>;
  headers: Record<string, string>;
  /** For a 5xx, the error to log (its cause); never serialised. */
  error?: ScimError;
}

export const scimJson = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): ScimOutcome => ({
  status,
  body,
  headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers },
});

export const noContent = (): ScimOutcome => ({ status: 204, headers: {} });

/**
 * The outcome for a thrown error: a ScimError as itself, anything else as a 500 whose body
 * says nothing about the cause (the outcome's `error` carries it for the log).
 */
export function scimFailure(thrown: unknown): ScimOutcome {
  const error = isScimError(thrown) ? thrown : scimError.internal(thrown);
  const headers: Record<string, string> = error.status === 401 ? { 'www-authenticate': 'Bearer realm="scim"' } : {};
  return { ...scimJson(error.status, scimErrorBody(error), headers), ...(error.status >= 500 ? { error } : {}) };
}

/** Runs a use case; whatever it throws becomes its SCIM error outcome. */
export async function answer(work: () => Promise<ScimOutcome>): Promise<ScimOutcome> {
  try {
    return await work();
  } catch (thrown) {
    return scimFailure(thrown);
  }
}
