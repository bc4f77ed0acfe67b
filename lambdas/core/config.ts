/**
 * Configuration, read once at cold start from the environment. Every variable is listed
 * here; its name and default are written once, in lambdas/names.ts (shared with the CLI, the
 * local server and the CDK app). A missing or malformed one fails fast with its name.
 */
import { DEFAULTS, ENV, LOCAL_BASE_DOMAIN, schemeOf, tableNamesFrom, type NumberDefault } from '../names.js';

export interface Config {
  /** BASE_DOMAIN: tenants live at `<subdomain>.<baseDomain>`. Default {@link LOCAL_BASE_DOMAIN}. */
  baseDomain: string;
  /** PUBLIC_PORT: port in public URLs (local runs only). Default: none (443/80). */
  publicPort?: number;
  /** Derived ({@link schemeOf}): `http` for `localhost` and its subdomains, `https` everywhere else. */
  scheme: 'http' | 'https';
  /** DIRECTORY_TABLE: tenants, domain claims, accounts. Default: `DEFAULT_TABLES` (names.ts). */
  directoryTable: string;
  /** LOGIN_TABLE: login transactions. Default: `DEFAULT_TABLES` (names.ts). */
  loginTable: string;
  /** SESSION_TABLE: server-side sessions and used Universal Logout token ids. Default: `DEFAULT_TABLES` (names.ts). */
  sessionTable: string;
  /** EVENTS_TABLE: sign-in events. Default: `DEFAULT_TABLES` (names.ts). */
  eventsTable: string;
  /** EVENT_RETENTION_DAYS: days an event is kept (DynamoDB TTL). Default and range {@link DEFAULTS}. */
  eventRetentionDays: number;
  /** DYNAMODB_ENDPOINT: a DynamoDB endpoint other than AWS's. Default: none. */
  dynamodbEndpoint?: string;
  /** AUTH_STATE_TTL_SECONDS: time from /auth/authorize to /auth/callback. Default and range {@link DEFAULTS}. */
  authStateTtlSeconds: number;
  /** SESSION_TTL_SECONDS: session token and cookie lifetime. Default and range {@link DEFAULTS}. */
  sessionTtlSeconds: number;
  /** SESSION_KMS_KEY_ID: KMS key that signs session tokens (AWS). */
  sessionKmsKeyId?: string;
  /** SESSION_KMS_PREVIOUS_KEY_IDS: comma-separated keys still published in the JWKS after a rotation. */
  sessionKmsPreviousKeyIds: string[];
  /** SESSION_KEY_FILE: PEM file of the local ES256 key, created if missing (local runs). */
  sessionKeyFile?: string;
  /** IDP_TIMEOUT_SECONDS: timeout of every call to an identity provider. Default and range {@link DEFAULTS}. */
  idpTimeoutSeconds: number;
  /** SECRETS_KMS_KEY_ID: symmetric KMS key that seals tenants' client secrets (AWS). */
  secretsKmsKeyId?: string;
  /** SECRETS_KEY_FILE: file of the local AES-256 key for client secrets, created if missing (local runs). */
  secretsKeyFile?: string;
  /** CLIENT_ASSERTION_KMS_KEY_ID: KMS key that signs private_key_jwt client assertions (AWS). */
  clientAssertionKmsKeyId?: string;
  /** CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS: comma-separated keys still published in the client JWKS after a rotation. */
  clientAssertionKmsPreviousKeyIds: string[];
  /** CLIENT_ASSERTION_KEY_FILE: PEM file of the local ES256 client-assertion key, created if missing (local runs). */
  clientAssertionKeyFile?: string;
  /**
   * ORIGIN_SECRETS: comma-separated values of the header CloudFront adds (edge protection);
   * when set, a request without one of them is refused. Default: none (no edge, no check).
   */
  originSecrets: string[];
}

/** An origin secret: 32–128 URL-safe characters, so it fits a header and a comma-separated list. */
export const ORIGIN_SECRET = /^[A-Za-z0-9_-]{32,128}$/;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

const bounded = (env: Env, name: string, d: NumberDefault): number => integer(env, name, d.value, d.min, d.max);

function text(env: Env, name: string, fallback?: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? fallback : raw;
}

const list = (env: Env, name: string): string[] =>
  (text(env, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** IDP_TIMEOUT_SECONDS, shared by the Lambdas and the support CLI's self-test. */
export const idpTimeoutSeconds = (env: Env): number => bounded(env, ENV.IDP_TIMEOUT_SECONDS, DEFAULTS.idpTimeoutSeconds);

export function loadConfig(env: Env = process.env): Config {
  const baseDomain = text(env, ENV.BASE_DOMAIN, LOCAL_BASE_DOMAIN)!.toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(baseDomain) || baseDomain.startsWith('.') || baseDomain.endsWith('.')) {
    throw new ConfigError(`${ENV.BASE_DOMAIN} must be a host name such as impero.com, got "${baseDomain}"`);
  }
  const endpoint = text(env, ENV.DYNAMODB_ENDPOINT);
  if (endpoint !== undefined && !URL.canParse(endpoint)) throw new ConfigError(`${ENV.DYNAMODB_ENDPOINT} must be a URL, got "${endpoint}"`);
  const kmsKey = text(env, ENV.SESSION_KMS_KEY_ID);
  const keyFile = text(env, ENV.SESSION_KEY_FILE);
  const port = env[ENV.PUBLIC_PORT] ? integer(env, ENV.PUBLIC_PORT, 0, 1, 65535) : undefined;
  const tables = tableNamesFrom(env);
  return {
    baseDomain,
    publicPort: port,
    scheme: schemeOf(baseDomain),
    directoryTable: tables.directory,
    loginTable: tables.login,
    sessionTable: tables.sessions,
    eventsTable: tables.events,
    eventRetentionDays: bounded(env, ENV.EVENT_RETENTION_DAYS, DEFAULTS.eventRetentionDays),
    dynamodbEndpoint: endpoint,
    authStateTtlSeconds: bounded(env, ENV.AUTH_STATE_TTL_SECONDS, DEFAULTS.authStateTtlSeconds),
    sessionTtlSeconds: bounded(env, ENV.SESSION_TTL_SECONDS, DEFAULTS.sessionTtlSeconds),
    sessionKmsKeyId: kmsKey,
    sessionKmsPreviousKeyIds: list(env, ENV.SESSION_KMS_PREVIOUS_KEY_IDS),
    sessionKeyFile: keyFile,
    idpTimeoutSeconds: idpTimeoutSeconds(env),
    secretsKmsKeyId: text(env, ENV.SECRETS_KMS_KEY_ID),
    secretsKeyFile: text(env, ENV.SECRETS_KEY_FILE),
    clientAssertionKmsKeyId: text(env, ENV.CLIENT_ASSERTION_KMS_KEY_ID),
    clientAssertionKmsPreviousKeyIds: list(env, ENV.CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS),
    clientAssertionKeyFile: text(env, ENV.CLIENT_ASSERTION_KEY_FILE),
    originSecrets: originSecrets(env),
  };
}

function originSecrets(env: Env): string[] {
  const secrets = (text(env, ENV.ORIGIN_SECRETS) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The values are secrets: say which rule failed, never what was given.
  if (secrets.some((s) => !ORIGIN_SECRET.test(s)))
    throw new ConfigError(`${ENV.ORIGIN_SECRETS} must hold values of 32–128 characters of A-Z, a-z, 0-9, _ and -`);
  return secrets;
}

/** The public origin of a tenant, e.g. `https://acme.impero.com` or `http://demo.localhost:3000`. */
export function tenantOrigin(config: Config, subdomain: string): string {
  const port = config.publicPort ? `:${config.publicPort}` : '';
  return `${config.scheme}://${subdomain}.${config.baseDomain}${port}`;
}

/** The origin of the bare login host, e.g. `https://impero.com`. */
export function bareOrigin(config: Config): string {
  const port = config.publicPort ? `:${config.publicPort}` : '';
  return `${config.scheme}://${config.baseDomain}${port}`;
}
