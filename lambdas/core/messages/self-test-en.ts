/**
 * English for support: the self-test's report as `tenant add` and `tenant verify` print it
 * (and `--json` carries as each step's `detail` and `hint`). Support reads it to fix a
 * registration, so it names CLI options and protocol fields. The support CLI speaks only
 * English, so these texts have no Danish twin; the setup page words the same findings for the
 * customer's Okta admin, in every language, from `setup.seen` and `setup.hints` in en.ts/da.ts.
 * `{name}` marks a value the step fills in (what the org answered: printed inert).
 */
import { fill } from '../language.js';

export const selfTestEn = {
  /** What a step checked and saw. */
  details: {
    discovery_found: 'discovery document at {url}',
    discovery_status: '{url} answered HTTP {status}',
    discovery_redirect: '{url} answered HTTP {status} (redirect to {location})',
    discovery_not_json: '{url} did not answer with a JSON object',
    unreachable: '{url}: {reason}',
    issuer_exact: 'issuer is exactly {issuer}',
    issuer_other: 'the document names "{announced}", not {issuer}',
    issuer_missing: 'the document names no issuer, not {issuer}',
    endpoints_ok: 'authorization, token and JWKS endpoints present and https',
    endpoints_ok_loopback: 'authorization, token and JWKS endpoints present and on loopback',
    endpoints_missing: 'missing or not usable: {fields}',
    jwks_key: 'JWKS reachable with {count} RS256 key',
    jwks_keys: 'JWKS reachable with {count} RS256 keys',
    jwks_status: '{url} answered HTTP {status} without a key set',
    jwks_no_rsa: '{url} holds no RS256 signing key',
    pkce_ok: 'PKCE with S256 supported',
    pkce_missing: 'code_challenge_methods_supported is {methods}',
    client_accepted: 'the org accepts client {clientId} with {method}',
    client_rejected: 'the token endpoint does not accept client {clientId} with {method} (invalid_client)',
    client_grant: 'client {clientId} may not use the authorization code grant (unauthorized_client)',
    client_unexpected: 'the token endpoint answered {answer}; expected invalid_grant for a dummy code',
    redirect_ok: 'the org sends the browser back to {uri} ({error})',
    redirect_ok_unnamed: 'the org sends the browser back to {uri} (an answer)',
    redirect_refused: "{endpoint} answered HTTP {status} (the org's error page) instead of sending the browser back to {uri}",
    redirect_elsewhere: '{endpoint} sent the browser to {location}, not back to {uri}',
    redirect_state: "{endpoint} sent the browser back to {uri} without the request's state",
    skipped_discovery: 'not checked: the discovery document is needed first',
    skipped_jwks: 'not checked: no usable jwks_uri',
    skipped_token: 'not checked: no usable token_endpoint',
    skipped_authorize: 'not checked: no usable authorization_endpoint',
    skipped_client: 'not checked: the org must accept the client first',
  },
  /** How to fix a failed step. `{fixOrg}` and `{fixClientId}` stand for the `org` and `client_id` hints. */
  hints: {
    org: "Check the org URL: it is the address the customer's users sign in at, such as dev-company.okta.com (not the -admin address, no path)",
    org_unreachable: '{fixOrg}, and that this machine can reach it',
    issuer_other:
      "Register the org under the exact issuer it announces (--okta-org {announced}); Okta's ID tokens carry that issuer and would be refused otherwise",
    issuer_missing: 'This is not an OpenID provider document; check the org URL',
    endpoints:
      'Impero needs the authorization, token and JWKS endpoints of an Okta org authorization server, all on https on the org’s own host (or an Okta domain)',
    jwks: 'Okta publishes RS256 keys at /oauth2/v1/keys; if that address does not answer, the org URL is probably wrong',
    pkce: 'Impero always signs in with PKCE S256; this provider does not announce it',
    client_id: "Copy the Client ID from the Impero app's General tab in the customer's Okta admin console (it looks like 0oa…)",
    client_rejected_none:
      '{fixClientId}; with --client-auth none the app\'s client authentication must be "None" (PKCE only); if the app has a client secret, register it with --client-secret-stdin',
    client_rejected_secret:
      '{fixClientId}; the client secret is wrong or no longer active: copy the app\'s current secret (General tab, Client Credentials) and pipe it to --client-secret-stdin; the app\'s client authentication must be "Client secret"',
    client_rejected_key:
      '{fixClientId}; the app does not know Impero\'s key: set its client authentication to "Public key / Private key", choose "Use a URL to fetch keys dynamically" and enter {jwksUrl}',
    client_grant: 'In the Okta app, allow the Authorization Code grant type',
    client_unreachable: 'The token endpoint must be reachable from Impero',
    redirect:
      'In the customer\'s Okta admin console, open the Impero app (General tab, Login) and add {uri} to "Sign-in redirect URIs" exactly as written; Okta sends no user back to an address that is not listed there',
    redirect_state: 'An Okta org returns the state it is given; check that the org URL is the Okta org itself',
    redirect_unreachable: "The org's authorization endpoint must be reachable from Impero; try again in a minute",
  },
  /** Why a request got no answer (a step's `{reason}`). */
  reasons: {
    timeout: 'no answer within {seconds} s',
    refused: 'connection refused',
    dns: 'host not found (DNS)',
    closed: 'the connection was closed without an answer',
    tls: 'TLS certificate problem ({code})',
  },
} as const;

export type DetailKey = keyof typeof selfTestEn.details;
export type HintKey = keyof typeof selfTestEn.hints;
export type ReasonKey = keyof typeof selfTestEn.reasons;

type Values = Readonly<Record<string, string>>;

export const detailText = (key: DetailKey, values: Values = {}): string => fill(selfTestEn.details[key], values);

export const hintText = (key: HintKey, values: Values = {}): string =>
  fill(selfTestEn.hints[key], { ...values, fixOrg: selfTestEn.hints.org, fixClientId: selfTestEn.hints.client_id });

export const reasonText = (key: ReasonKey, values: Values = {}): string => fill(selfTestEn.reasons[key], values);
