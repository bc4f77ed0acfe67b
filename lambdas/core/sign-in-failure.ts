/**
 * One observer per sign-in step. It learns who is signing in as the step goes and, when the
 * step ends, decides everything the outcome leaves behind:
 *
 * - **The failure line**: every failure of `/auth/authorize` or `/auth/callback` is exactly one
 *   WARN line, `sign-in failed`, with `event: "sign_in_failed"`, the error code, the step, the
 *   tenant, and — once Okta has vouched for the user — the Okta `sub` and the email's domain.
 *   Never the email itself: it is personal data, and the log is read by more people and kept
 *   longer than a sign-in needs; the opaque `sub` finds the user in the customer's Okta, and
 *   the domain tells a wrong address (a private one, another company's) at a glance.
 * - **The alarm field**: a failed token exchange that Okta itself answered (or did not answer
 *   in time) adds `alarm: "token_exchange_failed"` to that line; the `TokenExchangeFailures`
 *   metric counts only those. What a browser can make up (an `error=` or a code of its own) never
 *   carries it.
 * - **The callback's event** (`sign_in` or `sign_in_failed`), for support: `email` only when Okta
 *   or the account vouched for it, the address typed on the login page as `typedEmail`.
 */
import { canonicalEmail, emailDomain, isEmail } from './email.js';
import { ErrorCode, isAuthError } from './errors.js';
import type { Events } from './events.js';
import type { Site } from './host.js';
import type { Log, TenantStore, VerifiedIdentity } from './ports.js';

/** The value of the failure line's `alarm` field that the `TokenExchangeFailures` metric counts. */
export const TOKEN_EXCHANGE_ALARM = 'token_exchange_failed';

export interface SignInAttempt {
  step: 'authorize' | 'callback';
  /** The tenant of the host the request came to, when it names one. */
  tenant?: string;
  /** The address typed on the login page (the transaction's `login_hint`): nobody vouched for it. */
  typedEmail?: string;
  /** The canonical address Okta named, then the account's. Set only once Okta answered. */
  email?: string;
  /** Okta's user id, once the ID token is verified. */
  sub?: string;
  /** Set once the flow has read the tenant: a failure after that needs no second read to file its event. */
  tenantFound?: boolean;
  /** Set when the token exchange failed on Okta's side: the line then feeds the alarm. */
  oktaFailed?: boolean;
}

/** Notes who Okta says the user is, for the failure line and the event. */
export function noteIdentity(attempt: SignInAttempt, identity: VerifiedIdentity): void {
  attempt.sub = identity.sub;
  if (identity.email !== undefined) attempt.email = canonicalEmail(identity.email);
}

/**
 * Notes a failed token exchange. It counts toward the alarm unless the browser could have
 * caused it: the OIDC adapter answers a code Okta refused (`invalid_grant` → `login_expired`)
 * and a callback answer refused before Okta was asked (`bad_request`) with 4xx codes; what is
 * left — Okta's other error answers (`invalid_client`…), its 5xx pages, timeouts, ID tokens
 * that do not verify — are 5xx.
 */
export function noteExchangeFailure(attempt: SignInAttempt, error: unknown): void {
  attempt.oktaFailed = !isAuthError(error) || error.status >= 500;
}

export function logSignInFailure(log: Log, error: unknown, attempt: SignInAttempt): void {
  const fields: Record<string, unknown> = {
    event: 'sign_in_failed',
    errorCode: isAuthError(error) ? error.code : ErrorCode.INTERNAL,
    step: attempt.step,
  };
  if (attempt.tenant !== undefined) fields.tenant = attempt.tenant;
  if (attempt.sub !== undefined) fields.sub = attempt.sub;
  if (attempt.email !== undefined && isEmail(attempt.email)) fields.emailDomain = emailDomain(attempt.email);
  if (attempt.oktaFailed) fields.alarm = TOKEN_EXCHANGE_ALARM;
  log.warn('sign-in failed', fields);
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

export type ObserverDeps = { log: Log; events: Events; directory: TenantStore };

/**
 * The callback's observer: the failure line as `tracked` writes it, and one `sign_in` or
 * `sign_in_failed` event for every answer on a tenant host. A failure is filed only under a
 * tenant that exists: a callback can fail before the tenant is read, and strangers must not
 * fill partitions for made-up subdomains.
 */
export async function observeCallback<T>(deps: ObserverDeps, site: Site, work: (attempt: SignInAttempt) => Promise<T>): Promise<T> {
  const attempt: SignInAttempt = { step: 'callback', tenant: site.kind === 'tenant' ? site.subdomain : undefined };
  const tenant = attempt.tenant;
  try {
    const result = await work(attempt);
    if (tenant !== undefined) deps.events.record({ tenant, type: 'sign_in', ...who(attempt) });
    return result;
  } catch (error) {
    logSignInFailure(deps.log, error, attempt);
    const errorCode = isAuthError(error) ? error.code : ErrorCode.INTERNAL;
    // A disabled tenant exists too: activeTenant read it to say so.
    const known = attempt.tenantFound || errorCode === ErrorCode.TENANT_DISABLED;
    if (tenant !== undefined && errorCode !== ErrorCode.UNKNOWN_TENANT && (known || (await exists(deps.directory, tenant)))) {
      deps.events.record({ tenant, type: 'sign_in_failed', ...who(attempt), errorCode });
    }
    throw error;
  }
}

/** The event's person: the vouched address as `email`; the typed one as `typedEmail` when it says more. */
function who(attempt: SignInAttempt): { email?: string; typedEmail?: string } {
  const out: { email?: string; typedEmail?: string } = {};
  if (attempt.email !== undefined) out.email = attempt.email;
  if (attempt.typedEmail !== undefined && attempt.typedEmail !== attempt.email) out.typedEmail = attempt.typedEmail;
  return out;
}

async function exists(directory: TenantStore, tenant: string): Promise<boolean> {
  try {
    return (await directory.getTenant(tenant)) !== undefined;
  } catch {
    return false; // the original error is what the user gets; this one only costs an event
  }
}
