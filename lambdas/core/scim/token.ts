/**
 * SCIM bearer tokens. A token is `scim_` and 256 random bits (base64url); only its SHA-256
 * is stored, with the tenant. A new token leaves the previous one working for 24 hours (so the
 * customer's Okta admin can switch without a gap) and ends any older one; revoking removes the
 * record. Verification compares hashes in constant time against both hashes it may match.
 */
import { randomToken, sameSecret, sha256 } from '../random-tokens.js';

export const SCIM_TOKEN_PREFIX = 'scim_';
/** How long the previous token keeps working after `scim token`. */
export const PREVIOUS_TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;

/** What the tenant record keeps (e.g. `Tenant.scim`); absent = provisioning off. */
export interface ScimTokenRecord {
  /** SHA-256 (base64url) of the current token. */
  hash: string;
  /** ISO time the current token was issued (`tenant show`: "SCIM on since …"). */
  issuedAt: string;
  /** SHA-256 of the token it replaced, while that one still works. */
  previousHash?: string;
  /** ISO time until which `previousHash` is accepted. */
  previousValidUntil?: string;
}

const SHAPE = /^scim_[A-Za-z0-9_-]{43}$/;

/** A new token (shown once, never stored) and the record to store in place of `current`. */
export function issueScimToken(current: ScimTokenRecord | undefined, now: Date): { token: string; record: ScimTokenRecord } {
  const token = `${SCIM_TOKEN_PREFIX}${randomToken()}`;
  const record: ScimTokenRecord = { hash: sha256(token), issuedAt: now.toISOString() };
  if (current) {
    record.previousHash = current.hash;
    record.previousValidUntil = new Date(now.getTime() + PREVIOUS_TOKEN_GRACE_MS).toISOString();
  }
  return { token, record };
}

/** The token of an `Authorization: Bearer <token>` header, when it has a token's shape. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match && SHAPE.test(match[1]!) ? match[1] : undefined;
}

/**
 * Whether `token` is the tenant's current token, or its previous one within the grace period.
 * Both comparisons always run, so the time taken does not say which one matched.
 */
export function verifyScimToken(record: ScimTokenRecord | undefined, token: string | undefined, now: Date): boolean {
  if (!record || token === undefined || !SHAPE.test(token)) return false;
  const hash = sha256(token);
  const current = sameSecret(hash, record.hash);
  const previous = record.previousHash !== undefined && sameSecret(hash, record.previousHash);
  const previousLive = record.previousValidUntil !== undefined && now.getTime() < Date.parse(record.previousValidUntil);
  return current || (previous && previousLive);
}

/** The record without an expired previous hash (tidy to store on the next write; verification ignores it anyway). */
export function withoutExpiredPrevious(record: ScimTokenRecord, now: Date): ScimTokenRecord {
  if (record.previousValidUntil === undefined || now.getTime() < Date.parse(record.previousValidUntil)) return record;
  return { hash: record.hash, issuedAt: record.issuedAt };
}
