/** The local HTTP server: `/auth/*` through the Lambda handlers, plus the stand-in dashboard. */
import type { RequestListener } from 'node:http';
import { AuthError, badRequest, ErrorCode, isAuthError } from '../core/errors.js';
import { resolveSite } from '../core/host.js';
import { contentSecurityPolicy, HTML_HEADERS, languageHeaders } from '../core/html.js';
import { negotiateLang } from '../core/language.js';
import { errorText } from '../core/messages/catalogue.js';
import { errorPage } from '../core/pages.js';
import type { Config } from '../core/config.js';
import { dashboard } from './dashboard.js';
import type { Route } from '../routes.js';
import { fallbackRoute, findRoute, lambdaContext, readBody, toEvent, writeResult, type Handlers } from './http-adapter.js';

/**
 * `signOutTargets`: origins the dashboard's sign-out form may end up at (the dev Okta, for
 * tenants that sign out there): Chromium checks `form-action` on every redirect after a POST.
 */
export function appListener(
  config: Config,
  handlers: Handlers,
  log: (line: string) => void,
  signOutTargets: string[] = [],
): RequestListener {
  const serve: (...args: Parameters<RequestListener>) => Promise<unknown> = async (req, res) => {
    const lang = negotiateLang(req.headers['accept-language']);
    const plain = (error: AuthError) => {
      res
        .writeHead(error.status, { ...HTML_HEADERS, ...languageHeaders(lang) })
        .end(errorPage(lang, { ...errorText(lang, error), correlationId: 'local' }));
    };
    // A target such as `//` is no path under any origin: `new URL` would throw.
    if (!URL.canParse(req.url ?? '/', 'http://local')) return plain(badRequest('The request target is not a path.'));
    const url = new URL(req.url ?? '/', 'http://local');
    const dispatch = async (route: Route) => {
      const body = await readBody(req);
      if (body === 'too-large') return plain(new AuthError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.'));
      writeResult(res, await handlers[route.fn](toEvent(req, route, body), lambdaContext(route)));
    };
    try {
      const route = findRoute(req.method ?? 'GET', url.pathname);
      if (route) return await dispatch(route);
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/dashboard')) {
        const site = resolveSite(config, req.headers.host);
        if (url.pathname === '/') return res.writeHead(303, { location: `${site.origin}/auth/login` }).end();
        const result = await dashboard({
          origin: site.origin,
          host: req.headers.host!,
          port: config.publicPort!,
          lang,
          cookieHeader: req.headers.cookie,
        });
        if (result.status === 303) return res.writeHead(303, { location: result.location, 'cache-control': 'no-store' }).end();
        const headers = { ...HTML_HEADERS, ...languageHeaders(lang), 'content-security-policy': contentSecurityPolicy(signOutTargets) };
        return res.writeHead(200, headers).end(result.body);
      }
      await dispatch(fallbackRoute);
    } catch (error) {
      if (res.headersSent) return;
      if (isAuthError(error)) return plain(error);
      log(`server error on ${req.method} ${url.pathname}: ${(error as Error).message}`);
      plain(new AuthError(ErrorCode.INTERNAL, 'Unexpected error'));
    }
  };
  // Node ignores a listener's promise: a rejection would end the whole server.
  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      log(`server error on ${req.method} ${req.url}: ${error instanceof Error ? error.message : 'non-error thrown'}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}
