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
  /** SCIM 2.0 provisioning from the tenant's Okta: accounts and groups, ends sessions of deactivated accounts; no KMS at all. */
  scim: 'SCIM 2.0 provisioning (Users, Groups, discovery) for the tenant’s Okta',
  /** API Gateway's `$default`: answers from the route table alone, no AWS client at all. */
  fallback: 'anything else: 404, or 405 on a known path',
} as const;

export type FunctionName = keyof typeof functions;
export const functionNames = Object.keys(functions) as FunctionName[];

export interface Route {
  /** `ANY` only for the fallback route, whose path is API Gateway's `$default`. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'ANY';
  /** Exact, or with `{name}` for one whole path segment (API Gateway's path parameters), e.g. `/scim/v2/Users/{id}`. */
  path: string;
  /** File name (without extension) in `lambdas/handlers/`. */
  handler: string;
  /** The function that serves it (`lambdas/functions/<fn>.ts`). */
  fn: FunctionName;
}

export const routes = [
  { method: 'GET', path: '/auth/login', handler: 'login-page', fn: 'login' },
  { method: 'POST', path: '/auth/login', handler: 'login-submit', fn: 'login' },
  { method: 'POST', path: '/auth/discover', handler: 'discover', fn: 'login' },
  { method: 'GET', path: '/auth/authorize', handler: 'authorize', fn: 'login' },
  { method: 'GET', path: '/auth/callback', handler: 'callback', fn: 'callback' },
  { method: 'GET', path: '/auth/.well-known/jwks.json', handler: 'jwks', fn: 'session' },
  { method: 'POST', path: '/auth/logout', handler: 'logout', fn: 'session' },
  { method: 'GET', path: '/auth/.well-known/client-jwks.json', handler: 'client-jwks', fn: 'session' },
  { method: 'GET', path: '/auth/session', handler: 'session', fn: 'session' },
  { method: 'POST', path: '/auth/universal-logout', handler: 'universal-logout', fn: 'session' },
  { method: 'GET', path: '/auth/setup', handler: 'setup-page', fn: 'setup' },
  { method: 'POST', path: '/auth/setup', handler: 'setup-submit', fn: 'setup' },
  { method: 'GET', path: '/scim/v2/ServiceProviderConfig', handler: 'scim-service-provider-config', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/ResourceTypes', handler: 'scim-resource-types', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/Schemas', handler: 'scim-schemas', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/Users', handler: 'scim-users-list', fn: 'scim' },
  { method: 'POST', path: '/scim/v2/Users', handler: 'scim-user-create', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/Users/{id}', handler: 'scim-user-get', fn: 'scim' },
  { method: 'PUT', path: '/scim/v2/Users/{id}', handler: 'scim-user-replace', fn: 'scim' },
  { method: 'PATCH', path: '/scim/v2/Users/{id}', handler: 'scim-user-patch', fn: 'scim' },
  { method: 'DELETE', path: '/scim/v2/Users/{id}', handler: 'scim-user-delete', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/Groups', handler: 'scim-groups-list', fn: 'scim' },
  { method: 'POST', path: '/scim/v2/Groups', handler: 'scim-group-create', fn: 'scim' },
  { method: 'GET', path: '/scim/v2/Groups/{id}', handler: 'scim-group-get', fn: 'scim' },
  { method: 'PUT', path: '/scim/v2/Groups/{id}', handler: 'scim-group-replace', fn: 'scim' },
  { method: 'PATCH', path: '/scim/v2/Groups/{id}', handler: 'scim-group-patch', fn: 'scim' },
  { method: 'DELETE', path: '/scim/v2/Groups/{id}', handler: 'scim-group-delete', fn: 'scim' },
  { method: 'ANY', path: '$default', handler: 'not-found', fn: 'fallback' },
] as const satisfies readonly Route[];

export const FALLBACK_PATH = '$default';

/** API Gateway's route key: `GET /auth/login`, or `$default` for the fallback. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => (r.path === FALLBACK_PATH ? FALLBACK_PATH : `${r.method} ${r.path}`);

/** The routes a function serves, in table order. */
export const routesOf = (fn: FunctionName): Route[] => routes.filter((r) => r.fn === fn);

/**
 * The path parameters of `path` under a route's `pattern` (`{name}` matches one non-empty
 * segment, as in API Gateway), or undefined when it does not match. Values stay as sent
 * (percent-encoded), as API Gateway passes them.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  if (pattern === FALLBACK_PATH) return undefined;
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^\{(\w+)\}$/.exec(want[i]!)?.[1];
    if (name !== undefined && got[i] !== '') params[name] = got[i]!;
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}

/** The route API Gateway picks for a request: an exact path before a parameterised one; none → `$default`. */
export function findRoute(method: string, path: string): Route | undefined {
  const candidates = routes.filter((r) => r.method === method && matchPath(r.path, path) !== undefined);
  return candidates.find((r) => r.path === path) ?? candidates[0];
}

/** The methods a known path accepts, or none for an unknown path. */
export const methodsFor = (path: string): string[] => routes.filter((r) => matchPath(r.path, path) !== undefined).map((r) => r.method);

type Row = (typeof routes)[number];
type KeyOf<R> = R extends { path: typeof FALLBACK_PATH }
  ? typeof FALLBACK_PATH
  : R extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never;
/** The route keys a function serves, e.g. `'GET /auth/callback'` for `callback`: its entry must answer exactly these. */
export type RouteKeyOf<F extends FunctionName> = Row extends infer R ? (R extends { fn: F } ? KeyOf<R> : never) : never;
