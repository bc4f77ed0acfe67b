/** `/auth/authorize`: a new login transaction and the redirect to the tenant's Okta org. */
import { signInRedirectUri } from './config-sheet.js';
import { BINDING_COOKIE, setCookie } from './cookies.js';
import type { Deps, Outcome } from './deps.js';
import { parseEmail } from './discovery.js';
import { AuthError, badRequest, ErrorCode } from './errors.js';
import type { Site } from './host.js';
import type { LoginTransaction } from './model.js';
import { isRandomToken, randomToken, sha256 } from './random-tokens.js';
import { safeReturnTo } from './return-to.js';
import { tracked } from './sign-in-failure.js';
import { activeTenant } from './tenant.js';

export interface StartInput {
  loginHint?: string;
  returnTo?: string;
  /** Set when Okta starts the login (third-party-initiated login, OIDC Core §4). */
  iss?: string;
  /** Current value of the binding cookie, reused so that several tabs can sign in at once. */
  bindingCookie?: string;
}

export type StartDeps = Pick<Deps, 'config' | 'directory' | 'transactions' | 'idp' | 'clock' | 'log'>;

export function startLogin(deps: StartDeps, site: Site, input: StartInput): Promise<Outcome> {
  return tracked(deps.log, { step: 'authorize', tenant: site.kind === 'tenant' ? site.subdomain : undefined }, () =>
    start(deps, site, input),
  );
}

async function start(deps: StartDeps, site: Site, input: StartInput): Promise<Outcome> {
  if (site.kind !== 'tenant') {
    throw new AuthError(ErrorCode.UNKNOWN_TENANT, { messageKey: 'open_company_address' });
  }
  const tenant = await activeTenant(deps.directory, site.subdomain);
  if (input.iss !== undefined && input.iss !== tenant.issuer) {
    throw badRequest({ messageKey: 'foreign_okta_link' });
  }
  const loginHint = input.loginHint === undefined || input.loginHint === '' ? undefined : parseEmail(input.loginHint);
  const binding = isRandomToken(input.bindingCookie) ? input.bindingCookie : randomToken();
  const ttl = deps.config.authStateTtlSeconds;
  const tx: LoginTransaction = {
    state: randomToken(),
    tenant: tenant.subdomain,
    issuer: tenant.issuer,
    clientId: tenant.clientId,
    redirectUri: signInRedirectUri(site.origin),
    nonce: randomToken(),
    codeVerifier: randomToken(),
    returnTo: safeReturnTo(input.returnTo),
    bindingHash: sha256(binding),
    expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + ttl,
  };
  if (loginHint) tx.loginHint = loginHint;
  // Ask Okta's metadata first: an unreachable org must not leave a transaction behind.
  const url = await deps.idp.authorizationUrl(tenant, {
    redirectUri: tx.redirectUri,
    state: tx.state,
    nonce: tx.nonce,
    codeChallenge: sha256(tx.codeVerifier),
    loginHint,
  });
  await deps.transactions.put(tx);
  deps.log.info('login started', { tenant: tenant.subdomain, initiatedBy: input.iss ? 'okta' : 'user' });
  return { redirectTo: url.toString(), cookies: [setCookie(BINDING_COOKIE, binding, ttl)] };
}
