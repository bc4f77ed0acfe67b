/**
 * Which DynamoDB the CLI writes to, decided once per run:
 *   --local            the running `npm start` (its .data/local-stack.json)
 *   DYNAMODB_ENDPOINT  that endpoint; tables from DIRECTORY_TABLE / LOGIN_TABLE / SESSION_TABLE / EVENTS_TABLE, created if missing
 *   otherwise          AWS: the tables named by the deployed stack's CloudFormation outputs
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, localEndpointConfig } from '../adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../adapters/dynamo-directory.js';
import { DynamoEventStore } from '../adapters/dynamo-events.js';
import { DynamoSessionStore } from '../adapters/dynamo-sessions.js';
import { ensureTables } from '../adapters/tables.js';
import type { DirectoryStore, EventStore, SessionStore } from '../core/ports.js';
import { DEFAULT_EVENT_RETENTION_DAYS } from '../core/config.js';
import { CliError, usage } from './context.js';
import { describeAwsError, stackTables } from './target-aws.js';
import { awsKeys, localKeys, type TargetKeys } from './target-keys.js';

export type Env = Record<string, string | undefined>;

export interface Target extends TargetKeys {
  store: DirectoryStore;
  sessions: SessionStore;
  /** Sign-in events (read by `events` and `tenant health`). */
  events: EventStore;
  /** Where the data lives, for messages: `DynamoDB at http://127.0.0.1:8000`. */
  description: string;
  tenantOrigin(subdomain: string): string;
  close(): void;
}

export interface TargetOptions {
  local: boolean;
  env: Env;
  /** Folder holding `.data/local-stack.json` (the project root). */
  cwd: string;
}

export const LOCAL_STACK_FILE = join('.data', 'local-stack.json');
export const DEFAULT_TABLES = { directory: 'impero-directory', login: 'impero-login', sessions: 'impero-sessions', events: 'impero-events' } as const;
/** Events the CLI itself writes (e.g. a `session revoke`) are kept the default 90 days. */

const isLocalhost = (domain: string) => domain === 'localhost' || domain.endsWith('.localhost');

/** `https://<sub>.<BASE_DOMAIN>` (default impero.com); http only for localhost. */
export function publicOrigin(baseDomain: string, port?: number): (subdomain: string) => string {
  const scheme = isLocalhost(baseDomain) ? 'http' : 'https';
  return (sub) => `${scheme}://${sub}.${baseDomain}${port ? `:${port}` : ''}`;
}

function envBaseDomain(env: Env): string {
  const domain = (env.BASE_DOMAIN?.trim() || 'impero.com').toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain)) throw usage(`BASE_DOMAIN must be a host name such as impero.com, got "${domain}"`);
  return domain;
}

export async function openTarget(opts: TargetOptions): Promise<Target> {
  if (opts.local) return openLocal(opts.cwd);
  const endpoint = opts.env.DYNAMODB_ENDPOINT?.trim();
  const origin = publicOrigin(envBaseDomain(opts.env));
  if (endpoint) {
    if (!URL.canParse(endpoint)) throw usage(`DYNAMODB_ENDPOINT must be a URL, got "${endpoint}"`);
    const tables = {
      directory: opts.env.DIRECTORY_TABLE?.trim() || DEFAULT_TABLES.directory,
      login: opts.env.LOGIN_TABLE?.trim() || DEFAULT_TABLES.login,
      sessions: opts.env.SESSION_TABLE?.trim() || DEFAULT_TABLES.sessions,
      events: opts.env.EVENTS_TABLE?.trim() || DEFAULT_TABLES.events,
    };
    const doc = createDocumentClient({ endpoint });
    try {
      await ensureTables(doc, tables);
    } catch (e) {
      doc.destroy();
      throw new CliError(`cannot use DynamoDB at ${endpoint}: ${describeAwsError(e)}`);
    }
    return {
      store: new DynamoDirectoryStore(doc, tables.directory),
      ...localKeys(opts.cwd, opts.env),
      sessions: new DynamoSessionStore(doc, tables.sessions),
      events: new DynamoEventStore(doc, tables.events, DEFAULT_EVENT_RETENTION_DAYS),
      description: `DynamoDB at ${endpoint}`,
      tenantOrigin: origin,
      close: () => doc.destroy(),
    };
  }
  const { tables, region, stackName, keys } = await stackTables(opts.env);
  const doc = createDocumentClient({ region });
  return {
    store: new DynamoDirectoryStore(doc, tables.directory),
    ...awsKeys(region, keys, stackName),
    sessions: new DynamoSessionStore(doc, tables.sessions),
    events: tables.events ? new DynamoEventStore(doc, tables.events, DEFAULT_EVENT_RETENTION_DAYS) : noEventsTable(stackName),
    description: `stack ${stackName} (${region})`,
    tenantOrigin: origin,
    close: () => doc.destroy(),
  };
}

interface LocalStackFile {
  dynamodbEndpoint: string;
  directoryTable: string;
  loginTable: string;
  /** Absent in files written before sessions existed: the default name then. */
  sessionTable?: string;
  /** Absent in files written before events existed: the default name. */
  eventsTable?: string;
  baseDomain: string;
  port: number;
}

async function readStackFile(file: string): Promise<LocalStackFile> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`no running \`npm start\` found (${file} is missing); start it in this folder, or drop --local`);
  }
  let parsed: Partial<LocalStackFile>;
  try {
    parsed = JSON.parse(raw) as Partial<LocalStackFile>;
  } catch {
    throw new CliError(`${file} is not valid JSON; restart \`npm start\``);
  }
  const { dynamodbEndpoint, directoryTable, baseDomain, port } = parsed;
  if (typeof dynamodbEndpoint !== 'string' || !URL.canParse(dynamodbEndpoint) || typeof directoryTable !== 'string' || typeof baseDomain !== 'string' || !Number.isInteger(port)) {
    throw new CliError(`${file} does not describe a local stack; restart \`npm start\``);
  }
  return parsed as LocalStackFile;
}

async function openLocal(cwd: string): Promise<Target> {
  const file = join(cwd, LOCAL_STACK_FILE);
  const stack = await readStackFile(file);
  // One quick attempt: a stale file from a stopped `npm start` should fail fast, not retry.
  const probe = new DynamoDBClient({
    ...localEndpointConfig(stack.dynamodbEndpoint),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
  });
  try {
    await probe.send(new DescribeTableCommand({ TableName: stack.directoryTable }));
  } catch (e) {
    throw new CliError(`the local stack in ${file} does not answer at ${stack.dynamodbEndpoint} (${describeAwsError(e)}); is \`npm start\` still running?`);
  } finally {
    probe.destroy();
  }
  const doc = createDocumentClient({ endpoint: stack.dynamodbEndpoint });
  return {
    store: new DynamoDirectoryStore(doc, stack.directoryTable),
    ...localKeys(cwd),
    sessions: new DynamoSessionStore(doc, stack.sessionTable ?? DEFAULT_TABLES.sessions),
    events: new DynamoEventStore(doc, stack.eventsTable ?? DEFAULT_TABLES.events, DEFAULT_EVENT_RETENTION_DAYS),
    description: `local stack (DynamoDB at ${stack.dynamodbEndpoint})`,
    tenantOrigin: publicOrigin(stack.baseDomain, stack.port),
    close: () => doc.destroy(),
  };
}

/** Events of a stack deployed before the events table existed: every read says so. */
function noEventsTable(stackName: string): EventStore {
  const fail = async (): Promise<never> => {
    throw new CliError(`stack ${stackName} has no EventsTableName output: deploy the current version with npx cdk deploy to record events`);
  };
  return { put: fail, list: fail };
}
