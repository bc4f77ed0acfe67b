/**
 * Every name and default that the Lambdas, the support CLI, the local server (`npm start`)
 * and the CDK app must agree on: environment variables, table names, number defaults, base
 * domains and the http/https rule, stack outputs, and the local stack file. Each is written
 * here once; a name written in two places drifts. Plain data and pure functions with no
 * imports: every Lambda bundle holds this file, so it must stay light.
 */

/** Environment variables we read. Meanings and checks: `loadConfig` (lambdas/core/config.ts). */
export const ENV = {
  BASE_DOMAIN: 'BASE_DOMAIN',
  PUBLIC_PORT: 'PUBLIC_PORT',
  DIRECTORY_TABLE: 'DIRECTORY_TABLE',
  LOGIN_TABLE: 'LOGIN_TABLE',
  SESSION_TABLE: 'SESSION_TABLE',
  EVENTS_TABLE: 'EVENTS_TABLE',
  EVENT_RETENTION_DAYS: 'EVENT_RETENTION_DAYS',
  DYNAMODB_ENDPOINT: 'DYNAMODB_ENDPOINT',
  AUTH_STATE_TTL_SECONDS: 'AUTH_STATE_TTL_SECONDS',
  SESSION_TTL_SECONDS: 'SESSION_TTL_SECONDS',
  SESSION_KMS_KEY_ID: 'SESSION_KMS_KEY_ID',
  SESSION_KMS_PREVIOUS_KEY_IDS: 'SESSION_KMS_PREVIOUS_KEY_IDS',
  SESSION_KEY_FILE: 'SESSION_KEY_FILE',
  IDP_TIMEOUT_SECONDS: 'IDP_TIMEOUT_SECONDS',
  SECRETS_KMS_KEY_ID: 'SECRETS_KMS_KEY_ID',
  SECRETS_KEY_FILE: 'SECRETS_KEY_FILE',
  CLIENT_ASSERTION_KMS_KEY_ID: 'CLIENT_ASSERTION_KMS_KEY_ID',
  CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS: 'CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS',
  CLIENT_ASSERTION_KEY_FILE: 'CLIENT_ASSERTION_KEY_FILE',
  ORIGIN_SECRETS: 'ORIGIN_SECRETS',
  /** Read by Powertools (the log level) and the logger (the service name). */
  LOG_LEVEL: 'LOG_LEVEL',
  POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
  /** `pretty`: one readable log line per event (local runs). */
  LOG_FORMAT: 'LOG_FORMAT',
  /** The support CLI only: the deployed stack whose outputs name its tables and keys. */
  IMPERO_STACK_NAME: 'IMPERO_STACK_NAME',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

type Env = Record<string, string | undefined>;

/**
 * Table names when DIRECTORY_TABLE etc. are unset: the local server, and the CLI at a
 * DYNAMODB_ENDPOINT, so both use the same tables. In AWS CloudFormation names the tables and
 * the stack passes the names on (the Lambdas' environment, the CLI's stack outputs).
 */
export const DEFAULT_TABLES = {
  directory: 'impero-directory',
  login: 'impero-login',
  sessions: 'impero-sessions',
  events: 'impero-events',
} as const;
export type TableKey = keyof typeof DEFAULT_TABLES;
/** The variable that names each table. */
export const TABLE_ENV: Record<TableKey, EnvName> = {
  directory: ENV.DIRECTORY_TABLE,
  login: ENV.LOGIN_TABLE,
  sessions: ENV.SESSION_TABLE,
  events: ENV.EVENTS_TABLE,
};

/** Each table's name from the environment: the variable, trimmed, or the default when unset or blank. */
export function tableNamesFrom(env: Env): Record<TableKey, string> {
  const name = (key: TableKey) => env[TABLE_ENV[key]]?.trim() || DEFAULT_TABLES[key];
  return { directory: name('directory'), login: name('login'), sessions: name('sessions'), events: name('events') };
}

/** A number setting's default and the range accepted from the environment and from CDK context. */
export interface NumberDefault {
  value: number;
  min: number;
  max: number;
}

export const DEFAULTS = {
  /** AUTH_STATE_TTL_SECONDS / context `authStateTtlSeconds`: time from /auth/authorize to /auth/callback. */
  authStateTtlSeconds: { value: 600, min: 30, max: 3600 },
  /** SESSION_TTL_SECONDS / context `sessionTtlSeconds`: session token and cookie lifetime, 8 h. */
  sessionTtlSeconds: { value: 28800, min: 60, max: 7 * 24 * 3600 },
  /** EVENT_RETENTION_DAYS / context `eventRetentionDays`: days an event is kept (TTL); the CLI's own events too. */
  eventRetentionDays: { value: 90, min: 1, max: 3650 },
  /** IDP_TIMEOUT_SECONDS: seconds before a call to an identity provider is abandoned (Lambdas and the CLI's self-test). */
  idpTimeoutSeconds: { value: 5, min: 1, max: 10 },
} as const satisfies Record<string, NumberDefault>;

/**
 * BASE_DOMAIN of the Lambdas' configuration and of `npm start` when unset: a local run serves
 * `<subdomain>.localhost`. Deployed Lambdas never see this default: the stack always sets BASE_DOMAIN.
 */
export const LOCAL_BASE_DOMAIN = 'localhost';
/**
 * The production domain: the CDK app's `baseDomain` default, and the support CLI's BASE_DOMAIN
 * default when it writes to AWS or a DYNAMODB_ENDPOINT (its config sheets show customers'
 * real addresses). `--local` takes the running server's domain from the local stack file.
 */
export const PRODUCTION_BASE_DOMAIN = 'impero.com';

/** `http` only for `localhost` and its subdomains (browsers treat them as secure contexts); `https` everywhere else. */
export const schemeOf = (baseDomain: string): 'http' | 'https' =>
  baseDomain === 'localhost' || baseDomain.endsWith('.localhost') ? 'http' : 'https';

/** A tenant's public origin, e.g. `https://acme.impero.com` or `http://demo.localhost:3000`. */
export function publicOrigin(baseDomain: string, port?: number): (subdomain: string) => string {
  return (sub) => `${schemeOf(baseDomain)}://${sub}.${baseDomain}${port ? `:${port}` : ''}`;
}

/** CloudFormation stack name: the CDK app's `stackName` default and the CLI's when IMPERO_STACK_NAME is unset. */
export const DEFAULT_STACK_NAME = 'ImperoSso';
/** Powertools' service name in every log line of the deployed functions. */
export const SERVICE_NAME = 'impero-sso';
/** Values of LOG_FORMAT: `pretty` is one readable line per event (local runs); unset or anything else, Powertools' JSON. */
export const LOG_FORMAT = { pretty: 'pretty' } as const;

/** Stack outputs the support CLI reads (lib/impero-sso-stack.ts publishes them). */
export const STACK_OUTPUTS = {
  directory: 'DirectoryTableName',
  login: 'LoginTableName',
  sessions: 'SessionTableName',
  events: 'EventsTableName',
  secretsKey: 'SecretsKeyArn',
  clientAssertionKey: 'ClientAssertionKeyArn',
} as const;

/** The local server's folder (under the project root) and the files in it. */
export const LOCAL_DATA_DIR = '.data';
export const LOCAL_FILES = {
  /** The running stack's description, written by `npm start`, read by `cli --local`. */
  stack: 'local-stack.json',
  sessionKey: 'session-key.pem',
  secretsKey: 'secrets.key',
  clientAssertionKey: 'client-assertion-key.pem',
} as const;

/** What `.data/local-stack.json` says about a running `npm start`. */
export interface LocalStackFile {
  dynamodbEndpoint: string;
  directoryTable: string;
  loginTable: string;
  sessionTable: string;
  eventsTable: string;
  baseDomain: string;
  port: number;
  /** The server's process id, for a person looking at the file. */
  pid?: number;
}

export const formatLocalStackFile = (stack: LocalStackFile): string => JSON.stringify(stack, null, 2);

/**
 * Reads the file's text: the description, or why it is not one. Files written before sessions
 * or events existed lack those tables' names: the defaults then.
 */
export function parseLocalStackFile(text: string): LocalStackFile | 'not-json' | 'not-a-stack' {
  let parsed: Partial<LocalStackFile>;
  try {
    parsed = JSON.parse(text) as Partial<LocalStackFile>;
  } catch {
    return 'not-json';
  }
  const { dynamodbEndpoint, directoryTable, loginTable, baseDomain, port } = parsed ?? {};
  if (
    typeof dynamodbEndpoint !== 'string' ||
    !URL.canParse(dynamodbEndpoint) ||
    typeof directoryTable !== 'string' ||
    typeof baseDomain !== 'string' ||
    !Number.isInteger(port)
  ) {
    return 'not-a-stack';
  }
  const table = (name: unknown, key: TableKey) => (typeof name === 'string' ? name : DEFAULT_TABLES[key]);
  return {
    dynamodbEndpoint,
    directoryTable,
    loginTable: table(loginTable, 'login'),
    sessionTable: table(parsed.sessionTable, 'sessions'),
    eventsTable: table(parsed.eventsTable, 'events'),
    baseDomain,
    port: port!,
    ...(typeof parsed.pid === 'number' ? { pid: parsed.pid } : {}),
  };
}
