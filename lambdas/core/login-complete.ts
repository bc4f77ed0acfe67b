/** `/auth/callback`: consume the transaction, redeem the code, find the account, issue the session. */
import { SESSION_COOKIE, setCookie } from './cookies.js';
import type { Deps, Outcome } from './deps.js';
import { AuthError, badRequest, ErrorCode, safeCode } from './errors.js';
import type { Site } from './host.js';
import { resolveAccount } from './identity.js';
import type { LoginTransaction } from './model.js';
import { isRandomToken, sha256 } from './random-tokens.js';
import { issueSessionToken } from './session.js';
import { noteExchangeFailure, noteIdentity, observeCallback, type SignInAttempt } from './sign-in-failure.js';
import { confirmSession } from './sign-in-recheck.js';
import { activeTenant, clientCredentials } from './tenant.js';

export interface CallbackInput {
  /** The raw query string, exactly as received: openid-client re-reads it. */
  query: URLSearchParams;
  bindingCookie?: string;
}

const expired = () =>
  new AuthError(
    ErrorCode.LOGIN_EXPIRED,
    'This sign-in has expired, was already used, or was started in another browser. Start again from the login page.',
  );

const NOT_ASSIGNED =
  'Okta refused access to Impero. Usually this means you are not assigned to the Impero app in Okta: ask your Okta administrator to assign you (or your group) to the Impero application, then sign in again.';

export type CompleteDeps = Pick<
  Deps,
  'config' | 'directory' | 'transactions' | 'sessions' | 'idp' | 'signer' | 'secrets' | 'clientAssertionSigner' | 'clock' | 'log' | 'events'
>;

/**
 * The whole callback under one observer (`sign-in-failure.ts`), which writes the failure line,
 * its alarm field and the event. `read` gives the request's input; a malformed request is a
 * failed sign-in like any other.
 */
export function completeLogin(deps: CompleteDeps, site: Site, read: () => CallbackInput): Promise<Outcome> {
  return observeCallback(deps, site, (attempt) => complete(deps, site, read(), attempt));
}

async function complete(deps: CompleteDeps, site: Site, input: CallbackInput, attempt: SignInAttempt): Promise<Outcome> {
  if (site.kind !== 'tenant') throw expired();
  const tx = await consume(deps, site.subdomain, input);
  if (!tx) throw expired();
  attempt.typedEmail = tx.loginHint;
  const idpError = input.query.get('error');
  if (idpError !== null) throw idpRefusal(idpError);
  if (!input.query.get('code')) throw badRequest({ messageKey: 'incomplete_okta_answer' });
  // RFC 9207: an answer naming another issuer came from somewhere else (a mix-up attack or a
  // forged link), not from this tenant's Okta. Refuse it before the code goes anywhere.
  const iss = input.query.get('iss');
  if (iss !== null && iss !== tx.issuer) {
    throw new AuthError(
      ErrorCode.ISSUER_MISMATCH,
      'This sign-in answer did not come from your company’s Okta. Start again from the login page.',
    );
  }

  const tenant = await activeTenant(deps.directory, site.subdomain);
  attempt.tenantFound = true;
  if (tenant.issuer !== tx.issuer || tenant.clientId !== tx.clientId) throw expired();

  const callbackUrl = new URL(tx.redirectUri);
  callbackUrl.search = input.query.toString();
  const credentials = await clientCredentials(deps, tenant);
  let identity;
  try {
    identity = await deps.idp.completeLogin(tx, callbackUrl, credentials);
  } catch (error) {
    noteExchangeFailure(attempt, error);
    throw error;
  }
  noteIdentity(attempt, identity);
  const account = await resolveAccount(deps.directory, tenant.subdomain, identity, {
    enabled: tenant.jit,
    domains: tenant.domains,
    now: deps.clock.now(),
    onCreated: (created) => {
      deps.log.info('account created at first sign-in', { event: 'account_created', tenant: tenant.subdomain, account: created.id });
      deps.events.record({ tenant: tenant.subdomain, type: 'account_created', email: created.email });
    },
  });
  attempt.email = account.email;
  const now = deps.clock.now();
  const { token, claims } = await issueSessionToken(deps.signer, account, site.origin, now, deps.config.sessionTtlSeconds);
  // The server-side session exists before the browser holds its token. The ID token is kept
  // (server-side only) just where logout will need it as Okta's id_token_hint.
  await deps.sessions.create({
    tenant: tenant.subdomain,
    accountId: account.id,
    email: account.email,
    sid: claims.sid,
    createdAt: now.toISOString(),
    expiresAt: claims.exp,
    ...(tenant.signOut === 'okta' && identity.idToken ? { idToken: identity.idToken } : {}),
    // The account's SCIM groups and their version, read with the account: `GET /auth/session`
    // shows them from the first check, and a SCIM update of an older version cannot replace them.
    ...(account.groups?.length ? { groupNames: account.groups.map((g) => g.displayName).sort() } : {}),
    groupsVersion: account.groupsVersion ?? 0,
  });
  // A disable, removal or deactivation may have swept sessions while Okta was answering.
  await confirmSession(deps, account, { tenant: tenant.subdomain, accountId: account.id, sid: claims.sid });
  deps.log.info('signed in', { tenant: tenant.subdomain, account: account.id, jti: claims.jti });
  return {
    redirectTo: `${site.origin}${tx.returnTo}`,
    // The binding cookie stays: other tabs may have logins of their own in flight with it.
    cookies: [setCookie(SESSION_COOKIE, token, deps.config.sessionTtlSeconds)],
  };
}

/** The atomic, single-use read of the transaction; undefined for anything that does not match. */
async function consume(
  deps: Pick<Deps, 'transactions' | 'clock'>,
  tenant: string,
  input: CallbackInput,
): Promise<LoginTransaction | undefined> {
  const state = input.query.get('state') ?? undefined;
  if (!isRandomToken(state) || !isRandomToken(input.bindingCookie)) return undefined;
  return deps.transactions.consume(state, {
    tenant,
    bindingHash: sha256(input.bindingCookie),
    nowSeconds: Math.floor(deps.clock.now().getTime() / 1000),
  });
}

/** An `error=` on the redirect back: the browser brings it, so it is a 4xx and never an alarm. */
function idpRefusal(code: string): AuthError {
  if (code === 'access_denied') return new AuthError(ErrorCode.ACCESS_DENIED, NOT_ASSIGNED);
  return new AuthError(
    ErrorCode.IDP_REDIRECT_ERROR,
    `Okta could not sign you in (${safeCode(code)}). Try again, or contact your Okta administrator.`,
  );
}
