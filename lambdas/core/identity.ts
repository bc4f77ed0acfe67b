/** Identity policy: which Impero account a verified Okta user is, if any. */
import { canonicalEmail } from './email.js';
import { AuthError, ErrorCode } from './errors.js';
import type { Account } from './model.js';
import { ConflictError, type AccountStore, type VerifiedIdentity } from './ports.js';

const conflict = (cause?: unknown) =>
  new AuthError(
    ErrorCode.IDENTITY_CONFLICT,
    'Your Okta user is linked to a different Impero account than your email address. Ask your Impero administrator to check your account.',
    { cause },
  );

/**
 * 1. An account already linked to this Okta subject `(iss, sub)` is that user — in this
 *    tenant only; a link into another tenant refuses.
 * 2. Otherwise the canonical email within the tenant, if Okta does not say it is
 *    unverified; the account is then linked to the subject. An account linked to another
 *    subject refuses.
 */
export async function resolveAccount(accounts: AccountStore, tenant: string, identity: VerifiedIdentity): Promise<Account> {
  const linked = await accounts.getAccountBySubject(identity.iss, identity.sub);
  if (linked) {
    if (linked.tenant !== tenant) throw conflict();
    return linked;
  }
  if (identity.emailVerified === false) {
    throw new AuthError(ErrorCode.EMAIL_NOT_VERIFIED, 'Okta says your email address is not verified. Verify it in Okta, then sign in again.');
  }
  if (!identity.email) {
    throw new AuthError(ErrorCode.NO_ACCOUNT, 'Okta did not share your email address with Impero. Ask your Okta administrator to allow the email scope for the Impero app.');
  }
  const email = canonicalEmail(identity.email);
  const account = await accounts.getAccountByEmail(tenant, email);
  if (!account) {
    throw new AuthError(ErrorCode.NO_ACCOUNT, `There is no Impero account for ${email}. Ask your Impero administrator to add you.`);
  }
  if (account.subject && (account.subject.iss !== identity.iss || account.subject.sub !== identity.sub)) throw conflict();
  try {
    return await accounts.linkSubject(tenant, email, { iss: identity.iss, sub: identity.sub });
  } catch (error) {
    if (error instanceof ConflictError) throw conflict(error);
    throw error;
  }
}
