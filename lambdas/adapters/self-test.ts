/**
 * The live self-test of a tenant's Okta org: can Impero's login flow work against it with
 * this client id and client authentication? Plain fetch with a timeout per request for the
 * documents; the token request goes through the one module that owns openid-client, with the
 * very client authentication a login uses. Every step says what it saw and how to fix it.
 */
import { probeTokenEndpoint } from '../adapters/oidc.js';
import type { ClientCredentials } from '../core/ports.js';
import { isLoopbackHost } from '../core/tenant-input.js';
import { describeFetchFailure, fetchJson, type FetchDeps } from './self-test-http.js';

export type StepId = 'discovery' | 'issuer' | 'endpoints' | 'jwks' | 'pkce' | 'client';
export type StepStatus = 'pass' | 'fail' | 'skip';

export interface SelfTestStep {
  id: StepId;
  status: StepStatus;
  /** What was checked and what was seen. */
  detail: string;
  /** How to fix a failed step. */
  hint?: string;
}

export interface SelfTestReport {
  ok: boolean;
  issuer: string;
  clientId: string;
  steps: SelfTestStep[];
}

export interface SelfTestTarget {
  issuer: string;
  clientId: string;
  /** The tenant's callback, sent with the dummy code so the probe looks like a real one. */
  redirectUri: string;
  /** How the login authenticates; the probe does the same. */
  credentials: ClientCredentials;
  /** Where the Okta app must fetch Impero's client-assertion keys (for the private_key_jwt hint). */
  clientJwksUrl: string;
}

type Metadata = Record<string, unknown>;

const pass = (id: StepId, detail: string): SelfTestStep => ({ id, status: 'pass', detail });
const fail = (id: StepId, detail: string, hint: string): SelfTestStep => ({ id, status: 'fail', detail, hint });
const skip = (id: StepId, why: string): SelfTestStep => ({ id, status: 'skip', detail: `not checked: ${why}` });

export async function runSelfTest(target: SelfTestTarget, deps: FetchDeps): Promise<SelfTestReport> {
  const steps: SelfTestStep[] = [];
  const discovery = await fetchDiscovery(target.issuer, deps);
  steps.push(discovery.step);
  const meta = discovery.metadata;
  if (!meta) {
    for (const id of ['issuer', 'endpoints', 'jwks', 'pkce', 'client'] as const) steps.push(skip(id, 'the discovery document is needed first'));
  } else {
    steps.push(checkIssuer(target.issuer, meta));
    const endpoints = checkEndpoints(meta, deps.allowLoopback ?? true);
    steps.push(endpoints.step);
    steps.push(endpoints.jwksUri ? await checkJwks(endpoints.jwksUri, deps) : skip('jwks', 'no usable jwks_uri'));
    steps.push(checkPkce(meta));
    steps.push(endpoints.tokenEndpoint ? await probeClient(endpoints.tokenEndpoint, target, deps) : skip('client', 'no usable token_endpoint'));
  }
  return { ok: steps.every((s) => s.status === 'pass'), issuer: target.issuer, clientId: target.clientId, steps };
}

async function fetchDiscovery(issuer: string, deps: FetchDeps): Promise<{ step: SelfTestStep; metadata?: Metadata }> {
  const url = `${issuer}/.well-known/openid-configuration`;
  const hint = `Check the org URL: it is the address the customer's users sign in at, such as dev-company.okta.com (not the -admin address, no path)`;
  try {
    const res = await fetchJson(url, { method: 'GET' }, deps);
    if (res.status !== 200) return { step: fail('discovery', `${url} answered HTTP ${res.status}${res.location ? ` (redirect to ${res.location})` : ''}`, hint) };
    if (!isObject(res.body)) return { step: fail('discovery', `${url} did not answer with a JSON object`, hint) };
    return { step: pass('discovery', `discovery document at ${url}`), metadata: res.body };
  } catch (e) {
    return { step: fail('discovery', `${url}: ${describeFetchFailure(e, deps.timeoutMs)}`, `${hint}, and that this machine can reach it`) };
  }
}

function checkIssuer(issuer: string, meta: Metadata): SelfTestStep {
  if (meta.issuer === issuer) return pass('issuer', `issuer is exactly ${issuer}`);
  const named = typeof meta.issuer === 'string' ? `"${meta.issuer}"` : 'no issuer';
  return fail(
    'issuer',
    `the document names ${named}, not ${issuer}`,
    typeof meta.issuer === 'string'
      ? `Register the org under the exact issuer it announces (--okta-org ${meta.issuer}); Okta's ID tokens carry that issuer and would be refused otherwise`
      : 'This is not an OpenID provider document; check the org URL',
  );
}

/** Endpoints must be https, except on loopback hosts (local development). */
function secureUrl(value: unknown, allowLoopback: boolean): URL | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (!allowLoopback && isLoopbackHost(url.hostname)) return undefined;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)) ? url : undefined;
}

function checkEndpoints(meta: Metadata, allowLoopback: boolean): { step: SelfTestStep; jwksUri?: URL; tokenEndpoint?: URL } {
  const fields = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
  const urls = Object.fromEntries(fields.map((f) => [f, secureUrl(meta[f], allowLoopback)])) as Record<(typeof fields)[number], URL | undefined>;
  const bad = fields.filter((f) => !urls[f]);
  const step = bad.length
    ? fail('endpoints', `missing or not https: ${bad.join(', ')}`, 'Impero needs the authorization, token and JWKS endpoints of an Okta org authorization server, all on https')
    : pass('endpoints', `authorization, token and JWKS endpoints present and ${fields.every((f) => urls[f]!.protocol === 'https:') ? 'https' : 'on loopback'}`);
  return { step, jwksUri: urls.jwks_uri, tokenEndpoint: urls.token_endpoint };
}

async function checkJwks(url: URL, deps: FetchDeps): Promise<SelfTestStep> {
  const hint = 'Okta publishes RS256 keys at /oauth2/v1/keys; if that address does not answer, the org URL is probably wrong';
  try {
    const res = await fetchJson(url.href, { method: 'GET' }, deps);
    if (res.status !== 200 || !isObject(res.body) || !Array.isArray(res.body.keys)) {
      return fail('jwks', `${url.href} answered HTTP ${res.status} without a key set`, hint);
    }
    const rsa = res.body.keys.filter(
      (k: unknown) => isObject(k) && k.kty === 'RSA' && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === 'RS256'),
    );
    if (rsa.length === 0) return fail('jwks', `${url.href} holds no RS256 signing key`, hint);
    return pass('jwks', `JWKS reachable with ${rsa.length} RS256 key${rsa.length > 1 ? 's' : ''}`);
  } catch (e) {
    return fail('jwks', `${url.href}: ${describeFetchFailure(e, deps.timeoutMs)}`, hint);
  }
}

function checkPkce(meta: Metadata): SelfTestStep {
  const methods = meta.code_challenge_methods_supported;
  if (Array.isArray(methods) && methods.includes('S256')) return pass('pkce', 'PKCE with S256 supported');
  return fail('pkce', `code_challenge_methods_supported is ${JSON.stringify(methods ?? null)}`, 'Impero always signs in with PKCE S256; this provider does not announce it');
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
    if (error === 'invalid_grant') return pass('client', `the org accepts client ${target.clientId} with ${method}`);
    if (error === 'invalid_client') {
      return fail('client', `the token endpoint does not accept client ${target.clientId} with ${method} (invalid_client)`, `${fixId}; ${invalidClientHint(target)}`);
    }
    if (error === 'unauthorized_client') {
      return fail('client', `client ${target.clientId} may not use the authorization code grant (unauthorized_client)`, 'In the Okta app, allow the Authorization Code grant type');
    }
    return fail('client', `the token endpoint answered HTTP ${status ?? '?'}${error ? ` (${error})` : ''}; expected invalid_grant for a dummy code`, fixId);
  } catch (e) {
    return fail('client', `${tokenEndpoint.href}: ${describeFetchFailure(e, deps.timeoutMs)}`, 'The token endpoint must be reachable from Impero');
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
