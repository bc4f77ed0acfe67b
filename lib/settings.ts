/**
 * Deployment settings, read once from CDK context (`cdk.json`, `-c key=value`). Every key and
 * its default is listed here; a malformed value fails synth with the key's name. Nothing is
 * looked up in AWS, so `cdk synth` works offline and the stack is environment-agnostic.
 */
import { loadConfig, ORIGIN_SECRET } from '../lambdas/core/config.js';
import { DEFAULT_STACK_NAME, DEFAULTS, ENV, PRODUCTION_BASE_DOMAIN, type NumberDefault } from '../lambdas/names.js';

export interface DeploySettings {
  /** `stackName`: CloudFormation stack name. Default {@link DEFAULT_STACK_NAME}. */
  stackName: string;
  /** `baseDomain`: tenants live at `<subdomain>.<baseDomain>`. Default `domainName`, else {@link PRODUCTION_BASE_DOMAIN}. */
  baseDomain: string;
  /** `authStateTtlSeconds`: time from /auth/authorize to /auth/callback. Default and range {@link DEFAULTS}. */
  authStateTtlSeconds: number;
  /** `sessionTtlSeconds`: session token and cookie lifetime. Default and range {@link DEFAULTS}. */
  sessionTtlSeconds: number;
  /** `sessionKeyVersion`: bump (2, 3, …) to create a new session key; the old one is retained. Default 1. */
  sessionKeyVersion: number;
  /** `previousSessionKeyArns`: retired session keys still published in the JWKS (list or comma-separated). Default none. */
  previousSessionKeyArns: string[];
  /** `clientAssertionKeyVersion`: bump to create a new private_key_jwt signing key; the old one is retained. Default 1. */
  clientAssertionKeyVersion: number;
  /** `previousClientAssertionKeyArns`: retired client-assertion keys still published in the client JWKS. Default none. */
  previousClientAssertionKeyArns: string[];
  /**
   * `supportRoleArns`: IAM roles of the support agents who run the CLI against AWS. They may
   * seal and open client secrets (`tenant add|update --client-secret-stdin`, `tenant verify`)
   * and sign the self-test's client assertion. Default none: nobody outside the callback can.
   */
  supportRoleArns: string[];
  /** `domainName` + `certificateArn`: custom domain for `<domainName>` and `*.<domainName>`. Default none. */
  customDomain?: { domainName: string; certificateArn: string };
  /** `alarmEmail`: address subscribed to the alarm topic. Default none (no topic). */
  alarmEmail?: string;
  /** `logLevel`: DEBUG, INFO, WARN or ERROR. Default INFO. */
  logLevel: string;
  /** `eventRetentionDays`: days a sign-in event is kept before TTL removes it. Default and range {@link DEFAULTS}. */
  eventRetentionDays: number;
  /** `throttleRateLimit` / `throttleBurstLimit`: API stage throttling. Defaults 100 req/s, burst 200. */
  throttle: { rateLimit: number; burstLimit: number };
  /** `edgeProtection`: CloudFront + AWS WAF in front of the API (a second stack, in us-east-1). Default off. */
  edge?: EdgeSettings;
}

/** Edge protection; needs the custom domain (`domainName` + `certificateArn`) as well. */
export interface EdgeSettings {
  /** `edgeCertificateArn`: ACM certificate **in us-east-1** for `<baseDomain>` and `*.<baseDomain>`. Required. */
  certificateArn: string;
  /** `originSecret`: header value CloudFront sends and the handlers require (32–128 of A-Z a-z 0-9 _ -). Required. */
  originSecret: string;
  /** `previousOriginSecrets`: values the handlers still accept while a rotation is under way. Default none. */
  previousOriginSecrets: string[];
  /** `edgeOriginDomain`: DNS name CloudFront connects to, pointing at the API's regional domain. Default `origin.<baseDomain>`. */
  originDomain: string;
  /** `edgeRateLimit`: requests one IP may send to /auth/* in 5 minutes before WAF answers 429. Default 1000. */
  ratePerFiveMinutes: number;
  /**
   * `edgeSiteRateLimit`: requests one IP may send to any path except /scim/* in 5 minutes
   * before WAF answers 429. Default 5000; at least `edgeRateLimit`.
   */
  sitePerFiveMinutes: number;
  /**
   * `edgeScimRateLimit`: requests one IP may send to /scim/* in 5 minutes before WAF answers
   * 429. Default 20000: Okta provisions every customer from a few shared addresses, so this
   * caps a flood from one address without throttling all tenants' provisioning at once.
   */
  scimPerFiveMinutes: number;
}

/** CloudFront only takes certificates from us-east-1. */
const US_EAST_1_ACM_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const HOST_NAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

function flag(read: ContextReader, key: string): boolean {
  const value = read(key);
  if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new SettingsError(`context ${key} must be true or false, got "${typeof value === 'string' ? value : JSON.stringify(value)}"`);
}

function readEdge(read: ContextReader, baseDomain: string, customDomain: DeploySettings['customDomain']): EdgeSettings | undefined {
  if (!flag(read, 'edgeProtection')) return undefined;
  if (!customDomain)
    throw new SettingsError(
      'context edgeProtection needs the custom domain too (domainName and certificateArn): API Gateway routes the forwarded tenant hosts by it',
    );
  const certificateArn = matching(
    read,
    'edgeCertificateArn',
    US_EAST_1_ACM_ARN,
    'an ACM certificate ARN in us-east-1 (CloudFront uses no other region)',
  );
  if (!certificateArn)
    throw new SettingsError(
      'context edgeProtection needs edgeCertificateArn: an ACM certificate in us-east-1 for the domain and its wildcard',
    );
  // Secrets are checked without being echoed.
  const secret = str(read, 'originSecret');
  if (!secret || !ORIGIN_SECRET.test(secret))
    throw new SettingsError('context edgeProtection needs originSecret: 32–128 characters of A-Z, a-z, 0-9, _ and -');
  const previousOriginSecrets = list(read, 'previousOriginSecrets');
  if (previousOriginSecrets.some((s) => !ORIGIN_SECRET.test(s)))
    throw new SettingsError('context previousOriginSecrets must hold values of 32–128 characters of A-Z, a-z, 0-9, _ and -');
  const ratePerFiveMinutes = int(read, 'edgeRateLimit', 1000, 10, 2_000_000_000);
  const sitePerFiveMinutes = int(read, 'edgeSiteRateLimit', Math.max(5000, ratePerFiveMinutes), 10, 2_000_000_000);
  if (sitePerFiveMinutes < ratePerFiveMinutes)
    throw new SettingsError(`context edgeSiteRateLimit (${sitePerFiveMinutes}) must be at least edgeRateLimit (${ratePerFiveMinutes})`);
  const scimPerFiveMinutes = int(read, 'edgeScimRateLimit', 20_000, 1000, 2_000_000_000);
  return {
    certificateArn,
    originSecret: secret,
    previousOriginSecrets,
    originDomain:
      matching(read, 'edgeOriginDomain', HOST_NAME, 'a host name such as origin.impero.com')?.toLowerCase() ?? `origin.${baseDomain}`,
    ratePerFiveMinutes,
    sitePerFiveMinutes,
    scimPerFiveMinutes,
  };
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads a context key; `tryGetContext` is the construct's, so tests can pass context to `App`. */
export type ContextReader = (key: string) => unknown;

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function str(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new SettingsError(`context ${key} must be a string`);
  return String(value).trim();
}

function matching(read: ContextReader, key: string, pattern: RegExp, what: string): string | undefined {
  const value = str(read, key);
  if (value !== undefined && !pattern.test(value)) throw new SettingsError(`context ${key} must be ${what}, got "${value}"`);
  return value;
}

function int(read: ContextReader, key: string, fallback: number, min: number, max: number): number {
  const raw = str(read, key);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new SettingsError(`context ${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** A number the Lambdas read too: the same default and range as their environment variable. */
const bounded = (read: ContextReader, key: string, d: NumberDefault): number => int(read, key, d.value, d.min, d.max);

function list(read: ContextReader, key: string): string[] {
  const value = read(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items || items.some((item) => typeof item !== 'string'))
    throw new SettingsError(`context ${key} must be a list of strings or a comma-separated string`);
  return (items as string[]).map((item) => item.trim()).filter(Boolean);
}

export function readSettings(read: ContextReader): DeploySettings {
  const domainName = str(read, 'domainName')?.toLowerCase();
  const certificateArn = matching(read, 'certificateArn', ACM_ARN, 'an ACM certificate ARN');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new SettingsError('context domainName and certificateArn go together: give both or neither');
  }
  const baseDomain = str(read, 'baseDomain')?.toLowerCase() ?? domainName ?? PRODUCTION_BASE_DOMAIN;
  if (domainName !== undefined && domainName !== baseDomain) {
    throw new SettingsError(
      `context domainName (${domainName}) must equal baseDomain (${baseDomain}): tenants are <subdomain>.<baseDomain>`,
    );
  }
  const previousSessionKeyArns = list(read, 'previousSessionKeyArns');
  const badArn = previousSessionKeyArns.find((arn) => !KMS_KEY_ARN.test(arn));
  if (badArn) throw new SettingsError(`context previousSessionKeyArns must hold KMS key ARNs, got "${badArn}"`);
  const previousClientAssertionKeyArns = list(read, 'previousClientAssertionKeyArns');
  const badKey = previousClientAssertionKeyArns.find((arn) => !KMS_KEY_ARN.test(arn));
  if (badKey) throw new SettingsError(`context previousClientAssertionKeyArns must hold KMS key ARNs, got "${badKey}"`);
  const supportRoleArns = list(read, 'supportRoleArns');
  const badRole = supportRoleArns.find((arn) => !ROLE_ARN.test(arn));
  if (badRole) throw new SettingsError(`context supportRoleArns must hold IAM role ARNs, got "${badRole}"`);
  const logLevel = (str(read, 'logLevel') ?? 'INFO').toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel))
    throw new SettingsError(`context logLevel must be DEBUG, INFO, WARN or ERROR, got "${logLevel}"`);

  const settings: DeploySettings = {
    stackName: matching(read, 'stackName', STACK_NAME, 'a CloudFormation stack name') ?? DEFAULT_STACK_NAME,
    baseDomain,
    authStateTtlSeconds: bounded(read, 'authStateTtlSeconds', DEFAULTS.authStateTtlSeconds),
    sessionTtlSeconds: bounded(read, 'sessionTtlSeconds', DEFAULTS.sessionTtlSeconds),
    sessionKeyVersion: int(read, 'sessionKeyVersion', 1, 1, 1000),
    previousSessionKeyArns,
    clientAssertionKeyVersion: int(read, 'clientAssertionKeyVersion', 1, 1, 1000),
    previousClientAssertionKeyArns,
    supportRoleArns,
    customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
    alarmEmail: matching(read, 'alarmEmail', EMAIL, 'an email address'),
    logLevel,
    eventRetentionDays: bounded(read, 'eventRetentionDays', DEFAULTS.eventRetentionDays),
    throttle: { rateLimit: int(read, 'throttleRateLimit', 100, 1, 10_000), burstLimit: int(read, 'throttleBurstLimit', 200, 1, 5_000) },
    edge: readEdge(read, baseDomain, domainName && certificateArn ? { domainName, certificateArn } : undefined),
  };
  // The Lambdas read these same values through loadConfig at cold start: fail at synth, not in production.
  try {
    loadConfig(lambdaEnvironmentSettings(settings));
  } catch (error) {
    throw new SettingsError(`context would give the Lambdas a bad configuration: ${(error as Error).message}`);
  }
  return settings;
}

/** The part of the Lambda environment that comes from settings (table and key names come from the stack). */
export function lambdaEnvironmentSettings(settings: DeploySettings): Record<string, string> {
  return {
    [ENV.BASE_DOMAIN]: settings.baseDomain,
    [ENV.AUTH_STATE_TTL_SECONDS]: String(settings.authStateTtlSeconds),
    [ENV.SESSION_TTL_SECONDS]: String(settings.sessionTtlSeconds),
    [ENV.LOG_LEVEL]: settings.logLevel,
    [ENV.EVENT_RETENTION_DAYS]: String(settings.eventRetentionDays),
    // With edge protection, only requests carrying one of these came through CloudFront.
    ...(settings.edge ? { [ENV.ORIGIN_SECRETS]: [settings.edge.originSecret, ...settings.edge.previousOriginSecrets].join(',') } : {}),
  };
}
