/**
 * The live self-test of a tenant's Okta org: can Impero's login flow work against it with
 * this client id and client authentication? Plain fetch with a timeout per request for the
 * documents and for step `redirect`'s authorization request (self-test-redirect.ts); the token
 * request goes through the one module that owns openid-client, with the very client
 * authentication a login uses. Every step says what it saw and how to fix it: a finding (key
 * and values) for pages, and support's English from the catalogue (`messages/self-test-en.ts`).
 */
import { probeTokenEndpoint } from '../adapters/oidc.js';
import { discoveryEndpointProblems } from '../core/outbound-policy.js';
import type { DetailKey } from '../core/messages/self-test-en.js';
import type { FindingKey, SelfTest, SelfTestReport, SelfTestStep, SelfTestTarget, StepId } from '../core/self-test.js';
import { describeFetchFailure, fetchJson, guardedFetchOf, type FetchDeps } from './self-test-http.js';
import { checkRedirect } from './self-test-redirect.js';
import { step } from './self-test-step.js';

type Metadata = Record<string, unknown>;

const skip = (id: StepId, key: FindingKey & DetailKey): SelfTestStep => step(id, 'skip', { key }, { detail: key });

/** The self-test port over HTTP with these fetch settings (the setup function's wiring builds one). */
export const httpSelfTest = (deps: FetchDeps): SelfTest => ({ run: (target) => runSelfTest(target, deps) });

export async function runSelfTest(target: SelfTestTarget, deps: FetchDeps): Promise<SelfTestReport> {
  const steps: SelfTestStep[] = [];
  const discovery = await fetchDiscovery(target.issuer, deps);
  steps.push(discovery.step);
  const meta = discovery.metadata;
  if (!meta) {
    for (const id of ['issuer', 'endpoints', 'jwks', 'pkce', 'client', 'redirect'] as const) steps.push(skip(id, 'skipped_discovery'));
  } else {
    steps.push(checkIssuer(target.issuer, meta));
    const endpoints = checkEndpoints(meta, target.issuer, deps.allowLoopback ?? false);
    steps.push(endpoints.step);
    steps.push(endpoints.jwksUri ? await checkJwks(endpoints.jwksUri, deps) : skip('jwks', 'skipped_jwks'));
    steps.push(checkPkce(meta));
    const client = endpoints.tokenEndpoint ? await probeClient(endpoints.tokenEndpoint, target, deps) : skip('client', 'skipped_token');
    steps.push(client);
    // An org shows the same error page for an unknown client as for an unregistered redirect
    // URI: the redirect check says something only once the org knows the client.
    steps.push(
      !endpoints.authorizationEndpoint
        ? skip('redirect', 'skipped_authorize')
        : client.status !== 'pass'
          ? skip('redirect', 'skipped_client')
          : await checkRedirect(endpoints.authorizationEndpoint, target, deps),
    );
  }
  return { ok: steps.every((s) => s.status === 'pass'), issuer: target.issuer, clientId: target.clientId, steps };
}

async function fetchDiscovery(issuer: string, deps: FetchDeps): Promise<{ step: SelfTestStep; metadata?: Metadata }> {
  const url = `${issuer}/.well-known/openid-configuration`;
  try {
    const res = await fetchJson(url, { method: 'GET' }, deps);
    if (res.status !== 200) {
      const [status, location] = [String(res.status), res.location];
      return {
        step: location
          ? step(
              'discovery',
              'fail',
              { key: 'discovery_redirect', params: { url, status, location } },
              { detail: 'discovery_redirect', hint: 'org' },
            )
          : step('discovery', 'fail', { key: 'discovery_status', params: { url, status } }, { detail: 'discovery_status', hint: 'org' }),
      };
    }
    if (!isObject(res.body))
      return {
        step: step('discovery', 'fail', { key: 'discovery_not_json', params: { url } }, { detail: 'discovery_not_json', hint: 'org' }),
      };
    return {
      step: step('discovery', 'pass', { key: 'discovery_found', params: { url } }, { detail: 'discovery_found' }),
      metadata: res.body,
    };
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return {
      step: step(
        'discovery',
        'fail',
        { key: 'discovery_unreachable', params: { url, reason } },
        { detail: 'unreachable', hint: 'org_unreachable' },
      ),
    };
  }
}

function checkIssuer(issuer: string, meta: Metadata): SelfTestStep {
  if (meta.issuer === issuer) return step('issuer', 'pass', { key: 'issuer_exact', params: { issuer } }, { detail: 'issuer_exact' });
  if (typeof meta.issuer !== 'string')
    return step('issuer', 'fail', { key: 'issuer_missing', params: { issuer } }, { detail: 'issuer_missing', hint: 'issuer_missing' });
  return step(
    'issuer',
    'fail',
    { key: 'issuer_other', params: { announced: meta.issuer, issuer } },
    { detail: 'issuer_other', hint: 'issuer_other' },
  );
}

/**
 * The endpoints Impero calls (core/outbound-policy.ts): https, on the issuer's host or an Okta
 * domain, never a loopback (unless allowed, for local development), link-local or private address.
 */
function checkEndpoints(
  meta: Metadata,
  issuer: string,
  allowLoopback: boolean,
): { step: SelfTestStep; jwksUri?: URL; tokenEndpoint?: URL; authorizationEndpoint?: URL } {
  const problems = discoveryEndpointProblems(meta, issuer, { allowLoopback });
  const usable = (field: string) => (problems.some((p) => p.field === field) ? undefined : new URL(meta[field] as string));
  const https = new URL((meta.token_endpoint as string | undefined) ?? 'about:blank').protocol === 'https:';
  const result = problems.length
    ? step(
        'endpoints',
        'fail',
        { key: 'endpoints_missing', params: { fields: problems.map((p) => p.field).join(', ') } },
        {
          detail: 'endpoints_missing',
          hint: 'endpoints',
          values: { fields: problems.map((p) => `${p.field} ${p.problem}`).join('; ') },
        },
      )
    : step('endpoints', 'pass', { key: 'endpoints_ok' }, { detail: https ? 'endpoints_ok' : 'endpoints_ok_loopback' });
  return {
    step: result,
    jwksUri: usable('jwks_uri'),
    tokenEndpoint: usable('token_endpoint'),
    authorizationEndpoint: usable('authorization_endpoint'),
  };
}

async function checkJwks(url: URL, deps: FetchDeps): Promise<SelfTestStep> {
  try {
    const res = await fetchJson(url.href, { method: 'GET' }, deps);
    if (res.status !== 200 || !isObject(res.body) || !Array.isArray(res.body.keys)) {
      return step(
        'jwks',
        'fail',
        { key: 'jwks_status', params: { url: url.href, status: String(res.status) } },
        { detail: 'jwks_status', hint: 'jwks' },
      );
    }
    const rsa = res.body.keys.filter(
      (k: unknown) =>
        isObject(k) && k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'),
    );
    if (rsa.length === 0)
      return step('jwks', 'fail', { key: 'jwks_no_rsa', params: { url: url.href } }, { detail: 'jwks_no_rsa', hint: 'jwks' });
    return step(
      'jwks',
      'pass',
      { key: 'jwks_keys', params: { count: String(rsa.length) } },
      { detail: rsa.length > 1 ? 'jwks_keys' : 'jwks_key' },
    );
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return step('jwks', 'fail', { key: 'jwks_unreachable', params: { url: url.href, reason } }, { detail: 'unreachable', hint: 'jwks' });
  }
}

function checkPkce(meta: Metadata): SelfTestStep {
  const methods = meta.code_challenge_methods_supported;
  if (Array.isArray(methods) && methods.includes('S256')) return step('pkce', 'pass', { key: 'pkce_ok' }, { detail: 'pkce_ok' });
  return step(
    'pkce',
    'fail',
    { key: 'pkce_missing', params: { methods: JSON.stringify(methods ?? null) } },
    { detail: 'pkce_missing', hint: 'pkce' },
  );
}

/** Which finding (and hint) an `invalid_client` is, by how the client authenticated. */
const REJECTED = {
  none: 'client_rejected_none',
  client_secret_basic: 'client_rejected_secret',
  client_secret_post: 'client_rejected_secret',
  private_key_jwt: 'client_rejected_key',
} as const;

/**
 * Asks the token endpoint to redeem a made-up code, authenticating as a login would (PKCE
 * verifier, and the tenant's client secret or client assertion). The error tells whether the
 * client authenticated: `invalid_client` means it did not; `invalid_grant` means it did and
 * only the code is bad.
 */
async function probeClient(tokenEndpoint: URL, target: SelfTestTarget, deps: FetchDeps): Promise<SelfTestStep> {
  const method = target.credentials.method;
  try {
    const { error, status } = await probeTokenEndpoint({
      issuer: target.issuer,
      tokenEndpoint: tokenEndpoint.href,
      clientId: target.clientId,
      redirectUri: target.redirectUri,
      credentials: target.credentials,
      timeoutSeconds: deps.timeoutMs / 1000,
      fetch: guardedFetchOf(deps),
    });
    const clientId = target.clientId;
    if (error === 'invalid_grant')
      return step('client', 'pass', { key: 'client_accepted', params: { clientId } }, { detail: 'client_accepted', values: { method } });
    if (error === 'invalid_client') {
      const key = REJECTED[method];
      return step(
        'client',
        'fail',
        { key, params: { clientId, jwksUrl: target.clientJwksUrl } },
        { detail: 'client_rejected', hint: key, values: { method } },
      );
    }
    if (error === 'unauthorized_client')
      return step('client', 'fail', { key: 'client_grant', params: { clientId } }, { detail: 'client_grant', hint: 'client_grant' });
    const answer = `HTTP ${status ?? '?'}${error ? ` (${error})` : ''}`;
    return step('client', 'fail', { key: 'client_unexpected', params: { answer } }, { detail: 'client_unexpected', hint: 'client_id' });
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return step(
      'client',
      'fail',
      { key: 'client_unreachable', params: { url: tokenEndpoint.href, reason } },
      { detail: 'unreachable', hint: 'client_unreachable' },
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
