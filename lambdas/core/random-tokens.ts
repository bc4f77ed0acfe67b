/**
 * Random tokens (state, nonce, browser binding, setup links, SCIM tokens): made, recognised,
 * hashed for storage, and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: state, nonce, binding cookie and token ids. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256, base64url: how the binding cookie is stored. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('base64url');

/** The shape `randomToken` produces, for rejecting garbage cookies and parameters early. */
export const isRandomToken = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);

/** Compares two secrets (tokens, hashes) in time that does not depend on where they differ. */
export const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
