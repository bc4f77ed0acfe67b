/**
 * The self-test's step `redirect`: is the tenant's `<origin>/auth/callback` one of the Okta
 * app's sign-in redirect URIs? It asks the org's authorization endpoint for a silent sign-in
 * (`prompt=none`) with PKCE S256, a fresh state and nonce, as a login would, and does not
 * follow the answer. Okta sends the browser back to a registered redirect URI (with
 * `login_required`, as nobody is signed in here) and shows its own error page for any other.
 * The state, nonce and verifier are made for this one request; they are never shown or
 * logged (what the report quotes of a redirect is its origin and path only).
 */
import { randomToken, sha256 } from '../core/random-tokens.js';
import type { DetailKey, HintKey } from '../core/messages/self-test-en.js';
import type { Finding, SelfTestStep, SelfTestTarget } from '../core/self-test.js';
import { describeFetchFailure, fetchJson, type FetchDeps } from './self-test-http.js';
import { step } from './self-test-step.js';

/** An OAuth error code as Okta words them; anything else is not quoted. */
const ERROR_CODE = /^[a-z_]{1,64}$/;

const at = (url: URL): string => `${url.origin}${url.pathname}`;

/** Where the answer sends the browser, and the state it carries (query, or fragment). */
function readRedirect(location: string, base: string): { target: URL; state: string | null; error: string | null } | undefined {
  if (!URL.canParse(location, base)) return undefined;
  const target = new URL(location, base);
  const fragment = new URLSearchParams(target.hash.slice(1));
  return {
    target,
    state: target.searchParams.get('state') ?? fragment.get('state'),
    error: target.searchParams.get('error') ?? fragment.get('error'),
  };
}

export async function checkRedirect(
  authorizationEndpoint: URL,
  target: Pick<SelfTestTarget, 'clientId' | 'redirectUri'>,
  deps: FetchDeps,
): Promise<SelfTestStep> {
  const uri = target.redirectUri;
  const expected = at(new URL(uri));
  const endpoint = at(authorizationEndpoint);
  const fail = (finding: Finding, detail: DetailKey, hint: HintKey = 'redirect'): SelfTestStep =>
    step('redirect', 'fail', finding, { detail, hint, values: { endpoint, uri } });

  const state = randomToken();
  const request = new URL(authorizationEndpoint);
  const params = {
    response_type: 'code',
    client_id: target.clientId,
    redirect_uri: uri,
    scope: 'openid',
    prompt: 'none',
    state,
    nonce: randomToken(),
    code_challenge: sha256(randomToken()),
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) request.searchParams.set(name, value);

  let answer: { status: number; location?: string };
  try {
    // A browser's request: Okta answers a browser with its error page, never JSON.
    answer = await fetchJson(request.href, { method: 'GET', headers: { accept: 'text/html' } }, deps);
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return fail({ key: 'redirect_unreachable', params: { url: endpoint, reason } }, 'unreachable', 'redirect_unreachable');
  }
  const status = String(answer.status);
  const back = answer.status >= 300 && answer.status < 400 && answer.location ? readRedirect(answer.location, request.href) : undefined;
  if (!back) return fail({ key: 'redirect_refused', params: { uri, status } }, 'redirect_refused');
  if (at(back.target) !== expected)
    return fail({ key: 'redirect_elsewhere', params: { uri, status, location: at(back.target) } }, 'redirect_elsewhere');
  if (back.state !== state) return fail({ key: 'redirect_state', params: { uri } }, 'redirect_state', 'redirect_state');
  const finding: Finding = { key: 'redirect_ok', params: { uri } };
  return back.error && ERROR_CODE.test(back.error)
    ? step('redirect', 'pass', finding, { detail: 'redirect_ok', values: { error: back.error } })
    : step('redirect', 'pass', finding, { detail: 'redirect_ok_unnamed' });
}
