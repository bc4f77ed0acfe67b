/**
 * `POST /auth/universal-logout`: Okta's Universal Logout (global token revocation). The
 * tenant's org signs a short-lived bearer JWT; once it verifies (see IdentityProvider
 * `verifyLogoutToken`) and its `jti` is new, every session of the named user ends.
 */
import type { Deps } from './deps.js';
import { canonicalEmail, isEmail } from './email.js';
import { AuthError, badRequest, ErrorCode, isAuthError } from './errors.js';
import { unknownTenant, type Site } from './host.js';
import type { Account, Tenant } from './model.js';
import { randomToken } from './random-tokens.js';
import { endAccountSessions } from './revocation.js';

type LogoutSubject = { format: 'email'; email: string } | { format: 'iss_sub'; iss: string; sub: string };

export interface UniversalLogoutInput {
  /** The Authorization header as received. */
  authorization?: string;
  /** Reads the JSON body; throws a 400 AuthError when it is not a JSON object. */
  body(): Record<string, unknown>;
}

const invalidToken = (message: string) => new AuthError(ErrorCode.INVALID_TOKEN, message);
const unknownUser = () => new AuthError(ErrorCode.UNKNOWN_USER, 'No such user in this tenant.');

/** Storage failures after the token verified are 422: Okta may retry, and ops get an alarm. */
async function storage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAuthError(error)) throw error;
    throw new AuthError(ErrorCode.REVOCATION_FAILED, 'The sessions could not be ended. Try again.', { cause: error });
  }
}

/** `{"subject": …}` as Okta's guide shows it, or `{"sub_id": …}` as the IETF draft names it. */
function parseSubject(body: Record<string, unknown>): LogoutSubject {
  const present = (['subject', 'sub_id'] as const).filter((k) => body[k] !== undefined);
  if (present.length !== 1) throw badRequest('Name the user in "subject" (or "sub_id"), once.');
  const value = body[present[0]!];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`"${present[0]}" must be an object with a "format".`);
  const s = value as Record<string, unknown>;
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
  if (s.format === 'email') {
    const email = text(s.email, 320) && canonicalEmail(s.email as string);
    if (!email || !isEmail(email)) throw badRequest('The subject\'s "email" is not an email address.');
    return { format: 'email', email };
  }
  if (s.format === 'iss_sub') {
    const iss = text(s.iss, 512);
    const sub = text(s.sub, 256);
    if (!iss || !sub) throw badRequest('An "iss_sub" subject needs "iss" and "sub".');
    return { format: 'iss_sub', iss, sub };
  }
  throw badRequest('Unrecognised subject format: use "email" or "iss_sub".');
}

export type UniversalLogoutDeps = Pick<Deps, 'directory' | 'sessions' | 'idp' | 'log' | 'events'>;

async function findAccount(deps: UniversalLogoutDeps, tenant: Tenant, subject: LogoutSubject): Promise<Account> {
  let account: Account | undefined;
  if (subject.format === 'email') {
    account = await storage(() => deps.directory.getAccountByEmail(tenant.subdomain, subject.email));
  } else if (subject.iss === tenant.issuer) {
    // Only this tenant's org speaks for its users, and only through the subject an account is linked to.
    account = await storage(() => deps.directory.getAccountBySubject(tenant.subdomain, subject.iss, subject.sub));
  }
  if (!account || account.tenant !== tenant.subdomain) throw unknownUser();
  return account;
}

/** Okta's own, verified request failed (or storage did): a user may keep access. This line drives an alarm. */
function logFailure(deps: UniversalLogoutDeps, tenant: string, error: unknown): void {
  const cause = (error as AuthError).cause;
  deps.log.warn('universal logout failed', {
    event: 'universal_logout_failed',
    tenant,
    errorCode: (error as AuthError).code ?? 'internal_error',
    ...(cause instanceof Error ? { cause: `${cause.name}: ${cause.message}` } : {}),
  });
}

export async function universalLogout(deps: UniversalLogoutDeps, site: Site, input: UniversalLogoutInput): Promise<{ ended: number }> {
  if (site.kind !== 'tenant') throw unknownTenant();
  const tenant = await storage(() => deps.directory.getTenant(site.subdomain)).catch((error: unknown) => {
    logFailure(deps, site.subdomain, error);
    throw error;
  });
  if (!tenant?.issuer || !tenant.clientId) throw unknownTenant();

  let verified: { jti: string; acceptedUntil: number };
  try {
    const bearer = /^Bearer +([A-Za-z0-9_.-]{1,8192})$/i.exec(input.authorization?.trim() ?? '')?.[1];
    if (!bearer) throw invalidToken('Send the Universal Logout token as "Authorization: Bearer <JWT>".');
    verified = await deps.idp.verifyLogoutToken(tenant, bearer, `${site.origin}/auth/universal-logout`);
  } catch (error) {
    // Anyone can call this endpoint: refusals are logged, not alarmed on.
    deps.log.info('universal logout refused', {
      event: 'universal_logout_refused',
      tenant: tenant.subdomain,
      errorCode: (error as AuthError).code,
    });
    throw error;
  }

  // Marks this request's record of the jti: a failure of ours releases that record and no other.
  const writeId = randomToken();
  let used = false;
  try {
    const subject = parseSubject(input.body());
    // From here a failure may have left our record, even when the put's every answer was an error.
    used = true;
    if (!(await storage(() => deps.sessions.useTokenId(tenant.subdomain, verified.jti, verified.acceptedUntil, writeId)))) {
      used = false;
      throw invalidToken('This Universal Logout token was used before.');
    }
    const account = await findAccount(deps, tenant, subject);
    const ended = await storage(() =>
      endAccountSessions(
        deps.sessions,
        deps.log,
        { tenant: tenant.subdomain, accountId: account.id, reason: 'universal_logout', email: account.email },
        deps.events,
      ),
    );
    return { ended };
  } catch (error) {
    logFailure(deps, tenant.subdomain, error);
    // Our storage failed after the token was spent: forget it, so that Okta's retry of the same
    // token is not refused as a replay while the user's sessions are still alive.
    if (used && isAuthError(error) && error.code === ErrorCode.REVOCATION_FAILED) {
      await deps.sessions.releaseTokenId(tenant.subdomain, verified.jti, writeId).catch(() => undefined);
    }
    throw error;
  }
}
