/**
 * The route table: the single source of truth for method, path and handler. The CDK stack
 * creates one Lambda per row (entry `lambdas/handlers/<handler>.ts`, export `handler`), and
 * the local server dispatches to the same modules.
 */
export interface Route {
  /** `ANY` only for the fallback route, whose path is API Gateway's `$default`. */
  method: 'GET' | 'POST' | 'ANY';
  path: string;
  /** File name (without extension) in `lambdas/handlers/`. */
  handler: string;
  /** What the route is for, shown in docs and logs. */
  summary: string;
}

export const routes = [
  { method: 'GET', path: '/auth/login', handler: 'login-page', summary: 'login page (email + Next)' },
  { method: 'POST', path: '/auth/login', handler: 'login-submit', summary: 'email discovery, 303 to /auth/authorize' },
  { method: 'POST', path: '/auth/discover', handler: 'discover', summary: 'email discovery as JSON' },
  { method: 'GET', path: '/auth/authorize', handler: 'authorize', summary: 'new login transaction, 302 to Okta' },
  { method: 'GET', path: '/auth/callback', handler: 'callback', summary: 'code grant, session cookie' },
  { method: 'GET', path: '/auth/.well-known/jwks.json', handler: 'jwks', summary: 'public keys of session tokens' },
  { method: 'POST', path: '/auth/logout', handler: 'logout', summary: 'end the session' },
  { method: 'GET', path: '/auth/.well-known/client-jwks.json', handler: 'client-jwks', summary: 'public keys of private_key_jwt client assertions' },
  { method: 'GET', path: '/auth/session', handler: 'session', summary: 'is this session live: 200 or 401' },
  { method: 'POST', path: '/auth/universal-logout', handler: 'universal-logout', summary: "Okta's Universal Logout: end a user's sessions" },
  { method: 'GET', path: '/auth/setup', handler: 'setup-page', summary: 'setup page of an invited tenant (config sheet + form)' },
  { method: 'POST', path: '/auth/setup', handler: 'setup-submit', summary: 'self-test of the submitted Okta values; activates the tenant' },
  { method: 'ANY', path: '$default', handler: 'not-found', summary: 'anything else: 404, or 405 on a known path' },
] as const satisfies readonly Route[];

export const FALLBACK_PATH = '$default';

/** API Gateway's route key: `GET /auth/login`, or `$default` for the fallback. */
export const routeKey = (r: Route): string => (r.path === FALLBACK_PATH ? FALLBACK_PATH : `${r.method} ${r.path}`);

/** The methods a known path accepts, or none for an unknown path. */
export const methodsFor = (path: string): string[] => routes.filter((r) => r.path === path).map((r) => r.method);

export type HandlerName = (typeof routes)[number]['handler'];
