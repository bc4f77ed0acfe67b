/**
 * The trail of failed sign-ins: every failure of `/auth/authorize` or `/auth/callback` is
 * one WARN line, `sign-in failed`, with `event: "sign_in_failed"`, the error code, the step,
 * the tenant, and — once Okta has vouched for the user — the Okta `sub` and the email's
 * domain. Never the email itself: it is personal data, and the log is read by more people
 * and kept longer than a sign-in needs; the opaque `sub` finds the user in the customer's
 * Okta, and the domain tells a wrong address (a private one, another company's) at a glance.
 */
import { canonicalEmail, emailDomain, isEmail } from './email.js';
import { ErrorCode, isAuthError } from './errors.js';
import type { Log, VerifiedIdentity } from './ports.js';

export interface SignInAttempt {
  step: 'authorize' | 'callback';
  /** The tenant of the host the request came to, when it names one. */
  tenant?: string;
  /** Set by the callback once the ID token is verified. */
  sub?: string;
  emailDomain?: string;
}

/** Notes who Okta says the user is, for the failure line if the sign-in still fails. */
export function noteIdentity(attempt: SignInAttempt, identity: VerifiedIdentity): void {
  attempt.sub = identity.sub;
  const email = identity.email === undefined ? undefined : canonicalEmail(identity.email);
  if (email !== undefined && isEmail(email)) attempt.emailDomain = emailDomain(email);
}

export function logSignInFailure(log: Log, error: unknown, attempt: SignInAttempt): void {
  const fields = Object.fromEntries(Object.entries(attempt).filter(([, v]) => v !== undefined));
  log.warn('sign-in failed', { event: 'sign_in_failed', errorCode: isAuthError(error) ? error.code : ErrorCode.INTERNAL, ...fields });
}

/** Runs one step of the sign-in and writes the failure line if it throws; the error goes on unchanged. */
export async function tracked<T>(log: Log, attempt: SignInAttempt, step: (attempt: SignInAttempt) => Promise<T>): Promise<T> {
  try {
    return await step(attempt);
  } catch (error) {
    logSignInFailure(log, error, attempt);
    throw error;
  }
}
