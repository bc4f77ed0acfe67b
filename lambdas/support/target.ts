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
import {
  DEFAULTS,
  ENV,
  LOCAL_DATA_DIR,
  LOCAL_FILES,
  parseLocalStackFile,
  PRODUCTION_BASE_DOMAIN,
  publicOrigin,
  STACK_OUTPUTS,
  tableNamesFrom,
  type LocalStackFile,
} from '../names.js';
import { CliError, usage } from './context.js';
import { describeAwsError, stackTables } from './target-aws.js';
import { awsKeys, localKeys, type TargetKeys } from './target-keys.js';

export type Env = Record<string, string | undefined>;

export interface Target extends TargetKeys {
  directory: DirectoryStore;
  sessions: SessionStore;
  /** Sign-in events (read by `events` and `tenant health`). */
  events: EventStore;
  /** Where the data lives, for messages: `DynamoDB at http://127.0.0.1:8000`. */
  description: string;
  tenantOrigin: (subdomain: string) => string;
  close(): void;
}

export interface TargetOptions {
  local: boolean;
  env: Env;
  /** Folder holding `.data/local-stack.json` (the project root). */
  cwd: string;
}

/** Events the CLI itself writes (e.g. a `session revoke`) are kept the default retention. */
const RETENTION_DAYS = DEFAULTS.eventRetentionDays.value;

/** Tenant addresses: `https://<sub>.<BASE_DOMAIN>`, BASE_DOMAIN defaulting to the production domain. */
function envBaseDomain(env: Env): string {
  const domain = (env[ENV.BASE_DOMAIN]?.trim() || PRODUCTION_BASE_DOMAIN).toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain))
    throw usage(`${ENV.BASE_DOMAIN} must be a host name such as impero.com, got "${domain}"`);
  return domain;
}

export async function openTarget(opts: TargetOptions): Promise<Target> {
  if (opts.local) return openLocal(opts.cwd);
  const endpoint = opts.env[ENV.DYNAMODB_ENDPOINT]?.trim();
  const origin = publicOrigin(envBaseDomain(opts.env));
  if (endpoint) {
    if (!URL.canParse(endpoint)) throw usage(`${ENV.DYNAMODB_ENDPOINT} must be a URL, got "${endpoint}"`);
    const tables = tableNamesFrom(opts.env);
    const doc = createDocumentClient({ endpoint });
    try {
      await ensureTables(doc, tables);
    } catch (e) {
      doc.destroy();
      throw new CliError(`cannot use DynamoDB at ${endpoint}: ${describeAwsError(e)}`);
    }
    return {
      directory: new DynamoDirectoryStore(doc, tables.directory),
      ...localKeys(opts.cwd, opts.env),
      sessions: new DynamoSessionStore(doc, tables.sessions),
      events: new DynamoEventStore(doc, tables.events, RETENTION_DAYS),
      description: `DynamoDB at ${endpoint}`,
      tenantOrigin: origin,
      close: () => doc.destroy(),
    };
  }
  const { tables, region, stackName, keys } = await stackTables(opts.env);
  const doc = createDocumentClient({ region });
  return {
    directory: new DynamoDirectoryStore(doc, tables.directory),
    ...awsKeys(region, keys, stackName),
    sessions: new DynamoSessionStore(doc, tables.sessions),
    events: tables.events ? new DynamoEventStore(doc, tables.events, RETENTION_DAYS) : noEventsTable(stackName),
    description: `stack ${stackName} (${region})`,
    tenantOrigin: origin,
    close: () => doc.destroy(),
  };
}

async function readStackFile(file: string): Promise<LocalStackFile> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`no running \`npm start\` found (${file} is missing); start it in this folder, or drop --local`);
  }
  const stack = parseLocalStackFile(raw);
  if (stack === 'not-json') throw new CliError(`${file} is not valid JSON; restart \`npm start\``);
  if (stack === 'not-a-stack') throw new CliError(`${file} does not describe a local stack; restart \`npm start\``);
  return stack;
}

async function openLocal(cwd: string): Promise<Target> {
  const file = join(cwd, LOCAL_DATA_DIR, LOCAL_FILES.stack);
  const stack = await readStackFile(file);
  // One quick attempt: a stale file from a stopped `npm start` should fail fast, not retry.
  // A connection timeout under 2 s would leave the SDK's timer running for its full length
  // after a refused connection (it keeps no handle to clear), holding the process open.
  const probe = new DynamoDBClient({
    ...localEndpointConfig(stack.dynamodbEndpoint),
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 2000 },
  });
  try {
    await probe.send(new DescribeTableCommand({ TableName: stack.directoryTable }));
  } catch (e) {
    throw new CliError(
      `the local stack in ${file} does not answer at ${stack.dynamodbEndpoint} (${describeAwsError(e)}); is \`npm start\` still running?`,
    );
  } finally {
    probe.destroy();
  }
  const doc = createDocumentClient({ endpoint: stack.dynamodbEndpoint });
  return {
    directory: new DynamoDirectoryStore(doc, stack.directoryTable),
    ...localKeys(cwd),
    sessions: new DynamoSessionStore(doc, stack.sessionTable),
    events: new DynamoEventStore(doc, stack.eventsTable, RETENTION_DAYS),
    description: `local stack (DynamoDB at ${stack.dynamodbEndpoint})`,
    tenantOrigin: publicOrigin(stack.baseDomain, stack.port),
    close: () => doc.destroy(),
  };
}

/** Events of a stack deployed before the events table existed: every read says so. */
function noEventsTable(stackName: string): EventStore {
  const fail = async (): Promise<never> => {
    throw new CliError(
      `stack ${stackName} has no ${STACK_OUTPUTS.events} output: deploy the current version with npx cdk deploy to record events`,
    );
  };
  return { put: fail, list: fail };
}
