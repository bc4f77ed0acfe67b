/**
 * The live self-test of a tenant's Okta org: can Impero's login flow work against it with
 * this client id and client authentication? Plain fetch with a timeout per request for the
 * documents and for step `redirect`'s authorization request (self-test-redirect.ts); the token request goes through the one module that owns openid-client, with the
 * very client authentication a login uses. Every step says what it saw and how to fix it.
 */
import { probeTokenEndpoint } from '../adapters/oidc.js';
import type { Finding, FindingKey, SelfTest, SelfTestReport, SelfTestStep, SelfTestTarget, StepId } from '../core/self-test.js';
import { isLoopbackHost } from '../core/tenant-input.js';
import { describeFetchFailure, fetchJson, type FetchDeps } from './self-test-http.js';
import { checkRedirect } from './self-test-redirect.js';

type Metadata = Record<string, unknown>;

const pass = (id: StepId, detail: string, finding: Finding): SelfTestStep => ({ id, status: 'pass', detail, finding });
const fail = (id: StepId, detail: string, hint: string, finding: Finding): SelfTestStep => ({ id, status: 'fail', detail, hint, finding });
const skip = (id: StepId, why: string, key: FindingKey): SelfTestStep => ({ id, status: 'skip', detail: `not checked: ${why}`, finding: { key } });

/** The self-test port over HTTP with these fetch settings (the setup function's wiring builds one). */
export const httpSelfTest = (deps: FetchDeps): SelfTest => ({ run: (target) => runSelfTest(target, deps) });

export async function runSelfTest(target: SelfTestTarget, deps: FetchDeps): Promise<SelfTestReport> {
  const steps: SelfTestStep[] = [];
  const discovery = await fetchDiscovery(target.issuer, deps);
  steps.push(discovery.step);
  const meta = discovery.metadata;
  if (!meta) {
    for (const id of ['issuer', 'endpoints', 'jwks', 'pkce', 'client', 'redirect'] as const) steps.push(skip(id, 'the discovery document is needed first', 'skipped_discovery'));
  } else {
    steps.push(checkIssuer(target.issuer, meta));
    const endpoints = checkEndpoints(meta, deps.allowLoopback ?? true);
    steps.push(endpoints.step);
    steps.push(endpoints.jwksUri ? await checkJwks(endpoints.jwksUri, deps) : skip('jwks', 'no usable jwks_uri', 'skipped_jwks'));
    steps.push(checkPkce(meta));
    const client = endpoints.tokenEndpoint ? await probeClient(endpoints.tokenEndpoint, target, deps) : skip('client', 'no usable token_endpoint', 'skipped_token');
    steps.push(client);
    // An org shows the same error page for an unknown client as for an unregistered redirect
    // URI: the redirect check says something only once the org knows the client.
    steps.push(
      !endpoints.authorizationEndpoint
        ? skip('redirect', 'no usable authorization_endpoint', 'skipped_authorize')
        : client.status !== 'pass'
          ? skip('redirect', 'the org must accept the client first', 'skipped_client')
          : await checkRedirect(endpoints.authorizationEndpoint, target, deps),
    );
  }
  return { ok: steps.every((s) => s.status === 'pass'), issuer: target.issuer, clientId: target.clientId, steps };
}

async function fetchDiscovery(issuer: string, deps: FetchDeps): Promise<{ step: SelfTestStep; metadata?: Metadata }> {
  const url = `${issuer}/.well-known/openid-configuration`;
  const hint = `Check the org URL: it is the address the customer's users sign in at, such as dev-company.okta.com (not the -admin address, no path)`;
  try {
    const res = await fetchJson(url, { method: 'GET' }, deps);
    if (res.status !== 200) {
      const [status, location] = [String(res.status), res.location];
      const finding: Finding = location ? { key: 'discovery_redirect', params: { url, status, location } } : { key: 'discovery_status', params: { url, status } };
      return { step: fail('discovery', `${url} answered HTTP ${status}${location ? ` (redirect to ${location})` : ''}`, hint, finding) };
    }
    if (!isObject(res.body)) return { step: fail('discovery', `${url} did not answer with a JSON object`, hint, { key: 'discovery_not_json', params: { url } }) };
    return { step: pass('discovery', `discovery document at ${url}`, { key: 'discovery_found', params: { url } }), metadata: res.body };
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return { step: fail('discovery', `${url}: ${reason}`, `${hint}, and that this machine can reach it`, { key: 'discovery_unreachable', params: { url, reason } }) };
  }
}

function checkIssuer(issuer: string, meta: Metadata): SelfTestStep {
  if (meta.issuer === issuer) return pass('issuer', `issuer is exactly ${issuer}`, { key: 'issuer_exact', params: { issuer } });
  const named = typeof meta.issuer === 'string' ? `"${meta.issuer}"` : 'no issuer';
  return fail(
    'issuer',
    `the document names ${named}, not ${issuer}`,
    typeof meta.issuer === 'string'
      ? `Register the org under the exact issuer it announces (--okta-org ${meta.issuer}); Okta's ID tokens carry that issuer and would be refused otherwise`
      : 'This is not an OpenID provider document; check the org URL',
    typeof meta.issuer === 'string' ? { key: 'issuer_other', params: { announced: meta.issuer, issuer } } : { key: 'issuer_missing', params: { issuer } },
  );
}

/** Endpoints must be https, except on loopback hosts (local development). */
function secureUrl(value: unknown, allowLoopback: boolean): URL | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (!allowLoopback && isLoopbackHost(url.hostname)) return undefined;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)) ? url : undefined;
}

function checkEndpoints(meta: Metadata, allowLoopback: boolean): { step: SelfTestStep; jwksUri?: URL; tokenEndpoint?: URL; authorizationEndpoint?: URL } {
  const fields = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
  const urls = Object.fromEntries(fields.map((f) => [f, secureUrl(meta[f], allowLoopback)])) as Record<(typeof fields)[number], URL | undefined>;
  const bad = fields.filter((f) => !urls[f]);
  const step = bad.length
    ? fail('endpoints', `missing or not https: ${bad.join(', ')}`, 'Impero needs the authorization, token and JWKS endpoints of an Okta org authorization server, all on https', {
        key: 'endpoints_missing',
        params: { fields: bad.join(', ') },
      })
    : pass('endpoints', `authorization, token and JWKS endpoints present and ${fields.every((f) => urls[f]!.protocol === 'https:') ? 'https' : 'on loopback'}`, { key: 'endpoints_ok' });
  return { step, jwksUri: urls.jwks_uri, tokenEndpoint: urls.token_endpoint, authorizationEndpoint: urls.authorization_endpoint };
}

async function checkJwks(url: URL, deps: FetchDeps): Promise<SelfTestStep> {
  const hint = 'Okta publishes RS256 keys at /oauth2/v1/keys; if that address does not answer, the org URL is probably wrong';
  try {
    const res = await fetchJson(url.href, { method: 'GET' }, deps);
    if (res.status !== 200 || !isObject(res.body) || !Array.isArray(res.body.keys)) {
      return fail('jwks', `${url.href} answered HTTP ${res.status} without a key set`, hint, { key: 'jwks_status', params: { url: url.href, status: String(res.status) } });
    }
    const rsa = res.body.keys.filter(
      (k: unknown) => isObject(k) && k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'),
    );
    if (rsa.length === 0) return fail('jwks', `${url.href} holds no RS256 signing key`, hint, { key: 'jwks_no_rsa', params: { url: url.href } });
    return pass('jwks', `JWKS reachable with ${rsa.length} RS256 key${rsa.length > 1 ? 's' : ''}`, { key: 'jwks_keys', params: { count: String(rsa.length) } });
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return fail('jwks', `${url.href}: ${reason}`, hint, { key: 'jwks_unreachable', params: { url: url.href, reason } });
  }
}

function checkPkce(meta: Metadata): SelfTestStep {
  const methods = meta.code_challenge_methods_supported;
  if (Array.isArray(methods) && methods.includes('S256')) return pass('pkce', 'PKCE with S256 supported', { key: 'pkce_ok' });
  const announced = JSON.stringify(methods ?? null);
  return fail('pkce', `code_challenge_methods_supported is ${announced}`, 'Impero always signs in with PKCE S256; this provider does not announce it', {
    key: 'pkce_missing',
    params: { methods: announced },
  });
}

/**
 * Asks the token endpoint to redeem a made-up code, authenticating as a login would (PKCE
 * verifier, and the tenant's client secret or client assertion). The error tells whether the
 * client authenticated: `invalid_client` means it did not; `invalid_grant` means it did and
 * only the code is bad.
 */
async function probeClient(tokenEndpoint: URL, target: SelfTestTarget, deps: FetchDeps): Promise<SelfTestStep> {
  const fixId = `Copy the Client ID from the Impero app's General tab in the customer's Okta admin console (it looks like 0oa…)`;
  const method = target.credentials.method;
  try {
    const { error, status } = await probeTokenEndpoint({
      issuer: target.issuer,
      tokenEndpoint: tokenEndpoint.href,
      clientId: target.clientId,
      redirectUri: target.redirectUri,
      credentials: target.credentials,
      timeoutSeconds: deps.timeoutMs / 1000,
      fetch: deps.fetch,
    });
    const clientId = target.clientId;
    if (error === 'invalid_grant') return pass('client', `the org accepts client ${clientId} with ${method}`, { key: 'client_accepted', params: { clientId } });
    if (error === 'invalid_client') {
      const key = method === 'none' ? 'client_rejected_none' : method === 'private_key_jwt' ? 'client_rejected_key' : 'client_rejected_secret';
      const detail = `the token endpoint does not accept client ${clientId} with ${method} (invalid_client)`;
      return fail('client', detail, `${fixId}; ${invalidClientHint(target)}`, { key, params: { clientId, jwksUrl: target.clientJwksUrl } });
    }
    if (error === 'unauthorized_client') {
      const detail = `client ${clientId} may not use the authorization code grant (unauthorized_client)`;
      return fail('client', detail, 'In the Okta app, allow the Authorization Code grant type', { key: 'client_grant', params: { clientId } });
    }
    const answer = `HTTP ${status ?? '?'}${error ? ` (${error})` : ''}`;
    return fail('client', `the token endpoint answered ${answer}; expected invalid_grant for a dummy code`, fixId, { key: 'client_unexpected', params: { answer } });
  } catch (e) {
    const reason = describeFetchFailure(e, deps.timeoutMs);
    return fail('client', `${tokenEndpoint.href}: ${reason}`, 'The token endpoint must be reachable from Impero', {
      key: 'client_unreachable',
      params: { url: tokenEndpoint.href, reason },
    });
  }
}

function invalidClientHint(target: SelfTestTarget): string {
  switch (target.credentials.method) {
    case 'none':
      return 'with --client-auth none the app\'s client authentication must be "None" (PKCE only); if the app has a client secret, register it with --client-secret-stdin';
    case 'client_secret_basic':
    case 'client_secret_post':
      return `the client secret is wrong or no longer active: copy the app's current secret (General tab, Client Credentials) and pipe it to --client-secret-stdin; the app's client authentication must be "Client secret"`;
    case 'private_key_jwt':
      return `the app does not know Impero's key: set its client authentication to "Public key / Private key", choose "Use a URL to fetch keys dynamically" and enter ${target.clientJwksUrl}`;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
