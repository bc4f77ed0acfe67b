/**
 * The one-time setup link of an invited tenant: a 256-bit token, stored only as its hash
 * with an expiry and a count of failed setup attempts. The link works while the tenant is
 * pending, the hash matches, it has not expired and fewer than MAX_SETUP_FAILURES
 * self-tests failed; the activation that spends it is a version-checked write, so it
 * activates a tenant at most once.
 */
import { AuthError, ErrorCode } from './errors.js';
import type { MessageKey } from './messages/catalogue.js';
import type { SetupLink, Tenant } from './model.js';
import { isRandomToken, randomToken, sameSecret, sha256 } from './random-tokens.js';

/** How long a setup link works. */
export const SETUP_LINK_DAYS = 7;
/** Failed self-tests after which a link stops working (support sends a new one). */
export const MAX_SETUP_FAILURES = 10;

export function newSetupLink(now: Date): { token: string; link: SetupLink } {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_DAYS * 86_400_000).toISOString();
  return { token, link: { tokenHash: sha256(token), expiresAt, failedAttempts: 0 } };
}

export const setupUrl = (origin: string, token: string): string => `${origin}/auth/setup?token=${token}`;

const refused = (messageKey: MessageKey, params?: Record<string, string>) =>
  new AuthError(ErrorCode.SETUP_LINK_INVALID, { messageKey, params });

/**
 * The tenant's live setup link for `token`, or an AuthError that says why not. A wrong
 * token says nothing about the tenant; the others may, since the caller holds the link.
 */
export function checkSetupLink(tenant: Tenant | undefined, token: string | undefined, now: Date): SetupLink {
  const link = tenant?.setup;
  if (!tenant || !link || !isRandomToken(token) || !sameSecret(sha256(token), link.tokenHash)) {
    throw refused('setup_link_not_valid');
  }
  if (link.spentAt || tenant.status === 'active') {
    throw refused('setup_link_used', { tenant: tenant.name });
  }
  if (tenant.status !== 'pending') throw refused('setup_link_stopped', { tenant: tenant.name });
  if (Date.parse(link.expiresAt) <= now.getTime()) {
    throw refused('setup_link_expired', { date: link.expiresAt.slice(0, 10) });
  }
  if (link.failedAttempts >= MAX_SETUP_FAILURES) {
    throw refused('setup_link_worn_out', { count: String(link.failedAttempts) });
  }
  return link;
}
