/**
 * `POST /auth/logout`: ends the server-side session named by the cookie (so a copied cookie
 * stops working), clears the cookie, and for a tenant that signs out at Okta sends the
 * browser on to the org's end_session_endpoint with the sign-in's ID token as hint.
 */
import { clearCookie, SESSION_COOKIE } from './cookies.js';
import type { Deps, Outcome } from './deps.js';
import { badRequest } from './errors.js';
import type { Site } from './host.js';
import { sameSecret } from './random-tokens.js';
import { csrfToken, verifySessionToken } from './session.js';

export interface LogoutInput {
  /** The session cookie's value. */
  token?: string;
  /** The sign-out form's `csrf` field, when the request has one. */
  csrf?: string;
}

export type LogoutDeps = Pick<Deps, 'config' | 'signer' | 'sessions' | 'directory' | 'idp' | 'clock' | 'log' | 'events'>;

export async function logout(deps: LogoutDeps, site: Site, input: LogoutInput): Promise<Outcome> {
  const loginPage = `${site.origin}/auth/login`;
  const done = (redirectTo = loginPage): Outcome => ({ redirectTo, cookies: [clearCookie(SESSION_COOKIE)] });
  if (site.kind !== 'tenant') return done();
  const claims = await verifySessionToken(deps.signer, input.token, { origin: site.origin, tenant: site.subdomain, now: deps.clock.now() });
  // No valid token: there is no session to end, only a cookie to clear.
  if (!claims) return done();
  // The route takes no input (a plain POST signs out); the handler has already refused other
  // sites by Sec-Fetch-Site / Origin. The dashboard's form also sends its CSRF token: a wrong one refuses.
  if (input.csrf !== undefined && !sameSecret(input.csrf, csrfToken(claims.sid))) throw badRequest({ messageKey: 'foreign_sign_out' });

  const ended = await deps.sessions.end(site.subdomain, claims.sub, claims.sid);
  deps.log.info('signed out', {
    event: 'sessions_ended',
    tenant: site.subdomain,
    account: claims.sub,
    reason: 'logout',
    count: ended ? 1 : 0,
  });
  deps.events.record({ tenant: site.subdomain, type: 'sign_out', email: claims.email });
  if (!ended?.idToken) return done();
  try {
    const tenant = await deps.directory.getTenant(site.subdomain);
    if (tenant?.signOut !== 'okta' || !tenant.issuer || !tenant.clientId) return done();
    const url = await deps.idp.endSessionUrl(tenant, { idTokenHint: ended.idToken, postLogoutRedirectUri: loginPage });
    return done(url?.toString());
  } catch (error) {
    // The Impero session is over already; a slow Okta must not keep the cookie alive.
    deps.log.warn('sign-out at Okta skipped', { tenant: site.subdomain, errorCode: (error as { code?: string }).code ?? 'internal_error' });
    return done();
  }
}
