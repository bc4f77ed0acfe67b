/**
 * The live self-test of a tenant's Okta org, as the core sees it: the port (an adapter does
 * the HTTP), the report it gives, and the one place its target is built. `tenant add`,
 * `tenant verify` and the setup page run the same test against the same target.
 */
import { clientJwksUrl, signInRedirectUri } from './config-sheet.js';
import type { ClientCredentials } from './ports.js';

export type StepId = 'discovery' | 'issuer' | 'endpoints' | 'jwks' | 'pkce' | 'client' | 'redirect';
export type StepStatus = 'pass' | 'fail' | 'skip';

/** What a step saw, by key (the catalogue's `setup.seen` words it for pages). */
export type FindingKey =
  | 'discovery_found'
  | 'discovery_status'
  | 'discovery_redirect'
  | 'discovery_not_json'
  | 'discovery_unreachable'
  | 'issuer_exact'
  | 'issuer_other'
  | 'issuer_missing'
  | 'endpoints_ok'
  | 'endpoints_missing'
  | 'jwks_keys'
  | 'jwks_status'
  | 'jwks_no_rsa'
  | 'jwks_unreachable'
  | 'pkce_ok'
  | 'pkce_missing'
  | 'client_accepted'
  | 'client_rejected_none'
  | 'client_rejected_secret'
  | 'client_rejected_key'
  | 'client_grant'
  | 'client_unexpected'
  | 'client_unreachable'
  | 'redirect_ok'
  | 'redirect_refused'
  | 'redirect_elsewhere'
  | 'redirect_state'
  | 'redirect_unreachable'
  | 'skipped_discovery'
  | 'skipped_jwks'
  | 'skipped_token'
  | 'skipped_authorize'
  | 'skipped_client';

export interface Finding {
  key: FindingKey;
  params?: Record<string, string>;
}

export interface SelfTestStep {
  id: StepId;
  status: StepStatus;
  /** What was checked and what was seen, in the support CLI's English. */
  detail: string;
  /** How to fix a failed step, in the support CLI's English. */
  hint?: string;
  /**
   * The same finding as a key and its values, for pages that word it in the reader's
   * language. Values are what was seen, remote strings included: print them inert.
   */
  finding: Finding;
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
  /** The tenant's callback: step `redirect` checks the org sends users back to it; the token probe sends it too. */
  redirectUri: string;
  /** How the login authenticates; the probe does the same. */
  credentials: ClientCredentials;
  /** Where the Okta app must fetch Impero's client-assertion keys (for the private_key_jwt hint). */
  clientJwksUrl: string;
}

/** The port: runs every step against a target and reports each; never throws for what the org answers. */
export interface SelfTest {
  run(target: SelfTestTarget): Promise<SelfTestReport>;
}

/** The target for a tenant at `origin`: its sign-in redirect URI and client JWKS URL, as the config sheet lists them. */
export function selfTestTarget(origin: string, org: { issuer: string; clientId: string }, credentials: ClientCredentials): SelfTestTarget {
  return {
    issuer: org.issuer,
    clientId: org.clientId,
    redirectUri: signInRedirectUri(origin),
    credentials,
    clientJwksUrl: clientJwksUrl(origin),
  };
}
