/**
 * The route table: the single source of truth for method, path, handler and the function
 * that serves each route. The CDK stack creates one Lambda per function (entry
 * `lambdas/functions/<fn>.ts`), and the local server dispatches through the same entries.
 */

/**
 * The deployed functions, grouped by privilege and by the path of a sign-in: a person's
 * sign-in meets at most two cold functions, and each holds only its routes' code and grants.
 */
export const functions = {
  /** Everything before Okta: the page, the form, discovery and the new transaction. Reads tenants, writes transactions. */
  login: 'login page, email discovery, start of the login (before Okta)',
  /** The only function that redeems codes: decrypts client secrets, signs assertions and session tokens, links accounts. */
  callback: 'Okta’s redirect back: code grant, account, session',
  /** After sign-in, no signing: is a session live, ending sessions (logout, Universal Logout), public keys. */
  session: 'session check, sign-out, Universal Logout, public keys',
  /** Customers' self-service setup: the only web function that writes tenants and seals client secrets. */
  setup: 'invited tenants set up their Okta app',
  /** API Gateway's `$default`: answers from the route table alone, no AWS client at all. */
  fallback: 'anything else: 404, or 405 on a known path',
} as const;

export type FunctionName = keyof typeof functions;
export const functionNames = Object.keys(functions) as FunctionName[];

export interface Route {
  /** `ANY` only for the fallback route, whose path is API Gateway's `$default`. */
  method: 'GET' | 'POST' | 'ANY';
  path: string;
  /** File name (without extension) in `lambdas/handlers/`. */
  handler: string;
  /** The function that serves it (`lambdas/functions/<fn>.ts`). */
  fn: FunctionName;
  /** What the route is for, shown in docs and logs. */
  summary: string;
}

export const routes = [
  { method: 'GET', path: '/auth/login', handler: 'login-page', fn: 'login', summary: 'login page (email + Next)' },
  { method: 'POST', path: '/auth/login', handler: 'login-submit', fn: 'login', summary: 'email discovery, 303 to /auth/authorize' },
  { method: 'POST', path: '/auth/discover', handler: 'discover', fn: 'login', summary: 'email discovery as JSON' },
  { method: 'GET', path: '/auth/authorize', handler: 'authorize', fn: 'login', summary: 'new login transaction, 302 to Okta' },
  { method: 'GET', path: '/auth/callback', handler: 'callback', fn: 'callback', summary: 'code grant, session cookie' },
  { method: 'GET', path: '/auth/.well-known/jwks.json', handler: 'jwks', fn: 'session', summary: 'public keys of session tokens' },
  { method: 'POST', path: '/auth/logout', handler: 'logout', fn: 'session', summary: 'end the session' },
  { method: 'GET', path: '/auth/.well-known/client-jwks.json', handler: 'client-jwks', fn: 'session', summary: 'public keys of private_key_jwt client assertions' },
  { method: 'GET', path: '/auth/session', handler: 'session', fn: 'session', summary: 'is this session live: 200 or 401' },
  { method: 'POST', path: '/auth/universal-logout', handler: 'universal-logout', fn: 'session', summary: "Okta's Universal Logout: end a user's sessions" },
  { method: 'GET', path: '/auth/setup', handler: 'setup-page', fn: 'setup', summary: 'setup page of an invited tenant (config sheet + form)' },
  { method: 'POST', path: '/auth/setup', handler: 'setup-submit', fn: 'setup', summary: 'self-test of the submitted Okta values; activates the tenant' },
  { method: 'ANY', path: '$default', handler: 'not-found', fn: 'fallback', summary: 'anything else: 404, or 405 on a known path' },
] as const satisfies readonly Route[];

export const FALLBACK_PATH = '$default';

/** API Gateway's route key: `GET /auth/login`, or `$default` for the fallback. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => (r.path === FALLBACK_PATH ? FALLBACK_PATH : `${r.method} ${r.path}`);

/** The routes a function serves, in table order. */
export const routesOf = (fn: FunctionName): Route[] => routes.filter((r) => r.fn === fn);

/** The methods a known path accepts, or none for an unknown path. */
export const methodsFor = (path: string): string[] => routes.filter((r) => r.path === path).map((r) => r.method);

type Row = (typeof routes)[number];
type KeyOf<R> = R extends { path: typeof FALLBACK_PATH } ? typeof FALLBACK_PATH : R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** The route keys a function serves, e.g. `'GET /auth/callback'` for `callback`: its entry must answer exactly these. */
export type RouteKeyOf<F extends FunctionName> = Row extends infer R ? (R extends { fn: F } ? KeyOf<R> : never) : never;
