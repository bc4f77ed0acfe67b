/** Identity policy: which Impero account a verified Okta user is, if any. */
import { canonicalEmail, isEmail } from './email.js';
import { AuthError, ErrorCode } from './errors.js';
import type { Account } from './model.js';
import { ConflictError, type AccountStore, type NewAccount, type VerifiedIdentity } from './ports.js';
import { displayNameProblem, MAX_NAME_LENGTH } from './tenant-input.js';

const conflict = (cause?: unknown) =>
  new AuthError(
    ErrorCode.IDENTITY_CONFLICT,
    'Your Okta user is linked to a different Impero account than your email address. Ask your Impero administrator to check your account.',
    { cause },
  );

/** Just-in-time accounts: off unless the tenant turned them on (`--jit`). */
export interface JitPolicy {
  enabled: boolean;
  /** The tenant's claimed email domains: only their users get an account at first sign-in. */
  domains: readonly string[];
  now: Date;
  /** Told about each account created, for the log. */
  onCreated?: (account: Account) => void;
}

const NO_JIT: JitPolicy = { enabled: false, domains: [], now: new Date(0) };

/** A deactivated account keeps its data and link but signs in nowhere. */
export const inactive = () =>
  new AuthError(
    ErrorCode.ACCOUNT_INACTIVE,
    'Your Impero account is deactivated, so you cannot sign in. Ask your Impero administrator to activate it again.',
  );

function requireActive(account: Account): Account {
  if (!account.active) throw inactive();
  return account;
}

const noAccount = (email: string) => new AuthError(ErrorCode.NO_ACCOUNT, { messageKey: 'no_account_for_email', params: { email } });

/**
 * 1. The tenant's account already linked to this Okta subject `(iss, sub)` is that user.
 *    Links are per tenant: the same Okta user may have accounts in other tenants too.
 * 2. Otherwise the canonical email within the tenant, if Okta does not say it is
 *    unverified; the account is then linked to the subject. An account linked to another
 *    subject refuses.
 * A deactivated account refuses either way (and is never linked, created or reactivated).
 */
export async function resolveAccount(
  accounts: AccountStore,
  tenant: string,
  identity: VerifiedIdentity,
  jit: JitPolicy = NO_JIT,
): Promise<Account> {
  const linked = await accounts.getAccountBySubject(tenant, identity.iss, identity.sub);
  if (linked) return requireActive(linked);
  if (identity.emailVerified === false) {
    throw new AuthError(
      ErrorCode.EMAIL_NOT_VERIFIED,
      'Okta says your email address is not verified. Verify it in Okta, then sign in again.',
    );
  }
  if (!identity.email) {
    throw new AuthError(ErrorCode.NO_ACCOUNT, { messageKey: 'email_not_shared' });
  }
  const email = canonicalEmail(identity.email);
  const account = (await accounts.getAccountByEmail(tenant, email)) ?? (await createAtFirstSignIn(accounts, tenant, email, identity, jit));
  if (account.subject && (account.subject.iss !== identity.iss || account.subject.sub !== identity.sub)) throw conflict();
  requireActive(account);
  try {
    return await accounts.linkSubject(tenant, email, { iss: identity.iss, sub: identity.sub });
  } catch (error) {
    if (error instanceof ConflictError) throw conflict(error);
    throw error;
  }
}

/**
 * 3. With JIT on, a user without an account gets one — only for an email of a claimed domain
 *    that Okta says is verified (`true`, not merely "not false"). A concurrent first sign-in
 *    of the same user finds the account the other one created; both then link the same subject.
 */
async function createAtFirstSignIn(
  accounts: AccountStore,
  tenant: string,
  email: string,
  identity: VerifiedIdentity,
  jit: JitPolicy,
): Promise<Account> {
  if (!jit.enabled || !jit.domains.includes(email.slice(email.lastIndexOf('@') + 1))) throw noAccount(email);
  // The address becomes the account's key and is shown to support: only a well-formed one.
  if (!isEmail(email)) {
    throw new AuthError(
      ErrorCode.NO_ACCOUNT,
      'Okta shared an email address that is not valid, so no Impero account was created. Ask your Okta administrator to check your profile.',
    );
  }
  if (identity.emailVerified !== true) {
    throw new AuthError(ErrorCode.EMAIL_NOT_VERIFIED, { messageKey: 'jit_email_unconfirmed' });
  }
  try {
    const created = await accounts.addAccount({ tenant, email, ...names(identity) }, jit.now);
    jit.onCreated?.(created);
    return created;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const existing = await accounts.getAccountByEmail(tenant, email);
    if (!existing) throw error;
    return existing;
  }
}

/**
 * `name`, else `given_name family_name`, with white space collapsed and cut to the longest
 * display name; kept only if it passes the names rule that `--name` and CSV names pass
 * (`displayNameProblem`: no control, bidi or zero-width characters). Otherwise no name.
 */
export function displayName(identity: Pick<VerifiedIdentity, 'name' | 'givenName' | 'familyName'>): string | undefined {
  return cleanName(identity.name ?? [identity.givenName, identity.familyName].filter(Boolean).join(' '));
}

function cleanName(raw: string | undefined): string | undefined {
  const cut = (raw ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[\ud800-\udbff]$/, '')
    .trim();
  return cut !== '' && displayNameProblem(cut) === undefined ? cut : undefined;
}

/** The names a JIT account starts with: display name, and given and family name kept apart (each by the same rule). */
function names(
  identity: Pick<VerifiedIdentity, 'name' | 'givenName' | 'familyName'>,
): Pick<NewAccount, 'name' | 'givenName' | 'familyName'> {
  const name = displayName(identity);
  const givenName = cleanName(identity.givenName);
  const familyName = cleanName(identity.familyName);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(givenName !== undefined ? { givenName } : {}),
    ...(familyName !== undefined ? { familyName } : {}),
  };
}
