/**
 * Deployment settings, read once from CDK context (`cdk.json`, `-c key=value`). Every key and
 * its default is listed here; a malformed value fails synth with the key's name. Nothing is
 * looked up in AWS, so `cdk synth` works offline and the stack is environment-agnostic.
 */
import { loadConfig } from '../lambdas/core/config.js';

export interface DeploySettings {
  /** `stackName`: CloudFormation stack name. Default `ImperoSso`. */
  stackName: string;
  /** `baseDomain`: tenants live at `<subdomain>.<baseDomain>`. Default `domainName`, else `impero.com`. */
  baseDomain: string;
  /** `authStateTtlSeconds`: time from /auth/authorize to /auth/callback. Default 600. */
  authStateTtlSeconds: number;
  /** `sessionTtlSeconds`: session token and cookie lifetime. Default 28800 (8 h). */
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
  /** `throttleRateLimit` / `throttleBurstLimit`: API stage throttling. Defaults 100 req/s, burst 200. */
  throttle: { rateLimit: number; burstLimit: number };
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Reads a context key; `tryGetContext` is the construct's, so tests can pass context to `App`. */
export type ContextReader = (key: string) => unknown;

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
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
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(`context ${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function list(read: ContextReader, key: string): string[] {
  const value = read(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items || items.some((item) => typeof item !== 'string')) throw new SettingsError(`context ${key} must be a list of strings or a comma-separated string`);
  return (items as string[]).map((item) => item.trim()).filter(Boolean);
}

export function readSettings(read: ContextReader): DeploySettings {
  const domainName = str(read, 'domainName')?.toLowerCase();
  const certificateArn = matching(read, 'certificateArn', ACM_ARN, 'an ACM certificate ARN');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new SettingsError('context domainName and certificateArn go together: give both or neither');
  }
  const baseDomain = str(read, 'baseDomain')?.toLowerCase() ?? domainName ?? 'impero.com';
  if (domainName !== undefined && domainName !== baseDomain) {
    throw new SettingsError(`context domainName (${domainName}) must equal baseDomain (${baseDomain}): tenants are <subdomain>.<baseDomain>`);
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
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR'].includes(logLevel)) throw new SettingsError(`context logLevel must be DEBUG, INFO, WARN or ERROR, got "${logLevel}"`);

  const settings: DeploySettings = {
    stackName: matching(read, 'stackName', STACK_NAME, 'a CloudFormation stack name') ?? 'ImperoSso',
    baseDomain,
    authStateTtlSeconds: int(read, 'authStateTtlSeconds', 600, 30, 3600),
    sessionTtlSeconds: int(read, 'sessionTtlSeconds', 28800, 60, 7 * 24 * 3600),
    sessionKeyVersion: int(read, 'sessionKeyVersion', 1, 1, 1000),
    previousSessionKeyArns,
    clientAssertionKeyVersion: int(read, 'clientAssertionKeyVersion', 1, 1, 1000),
    previousClientAssertionKeyArns,
    supportRoleArns,
    customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
    alarmEmail: matching(read, 'alarmEmail', EMAIL, 'an email address'),
    logLevel,
    throttle: { rateLimit: int(read, 'throttleRateLimit', 100, 1, 10_000), burstLimit: int(read, 'throttleBurstLimit', 200, 1, 5_000) },
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
    BASE_DOMAIN: settings.baseDomain,
    AUTH_STATE_TTL_SECONDS: String(settings.authStateTtlSeconds),
    SESSION_TTL_SECONDS: String(settings.sessionTtlSeconds),
    LOG_LEVEL: settings.logLevel,
  };
}
