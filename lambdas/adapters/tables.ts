/**
 * The DynamoDB tables and how items are laid out in them. The CDK stack mirrors this
 * schema exactly; local runs and tests create the tables from `tableDefinitions`.
 *
 * directory table — key `pk` (S, HASH) + `sk` (S, RANGE), on-demand, no GSI:
 *   tenant         pk = TENANT#<subdomain>         sk = #TENANT
 *                  subdomain, name, issuer, clientId, domains (L), status, version, createdAt, updatedAt
 *   account        pk = TENANT#<subdomain>         sk = ACCOUNT#<canonical email>
 *                  tenant, id, email, name? (the display name), givenName?, familyName?, externalId?,
 *                  subjectIss?, subjectSub?, active? (absent = true), createdAt, updatedAt?,
 *                  groups? (M: group id → display name), writeId?
 *   id pointer     pk = TENANT#<subdomain>         sk = ID#<account id>          tenant, id, email
 *                  (written before its account by every door; `SCIM#IDS` marks a tenant whose
 *                  older accounts were given theirs)
 *   externalId     pk = TENANT#<subdomain>         sk = EXTID#<externalId>#<account id>   tenant, id
 *   group          pk = TENANT#<subdomain>         sk = GROUP#<group id>
 *                  tenant, id, displayName, externalId?, createdAt, updatedAt, writeId
 *   group name     pk = TENANT#<subdomain>         sk = GROUPNAME#<lowercased name>   tenant, groupId, writeId
 *   membership     pk = TENANT#<subdomain>         sk = MEMBER#<group id>#<account id>
 *                  tenant, groupId, accountId, email
 *   domain claim   pk = DOMAIN#<email domain>      sk = #DOMAIN
 *                  tenant
 *   subject link   pk = SUBJECT#<iss>#<sub>        sk = TENANT#<subdomain>
 *                  tenant, email, iss, sub, mark (the linking call's id, for retries)
 *   old link       pk = SUBJECT#<iss>#<sub>        sk = #SUBJECT   (before links were per
 *                  tenant: one per Okta user; still read, never written, deleted with its account)
 *   A tenant's accounts share its partition, so one Query lists them (and SCIM pages them by
 *   `ACCOUNT#` key, a group's members by `MEMBER#<group id>#`); removing a tenant removes the
 *   whole partition. A domain claim owns a
 *   partition and a subject link its (Okta user, tenant) key, so a conditional put on them is
 *   a uniqueness lock. A sign-in reads the new link, and the old one only when it is missing.
 *
 * login table — key `state` (S, HASH), on-demand, TTL on `expiresAt`:
 *   login transaction   state, tenant, issuer, clientId, redirectUri, nonce, codeVerifier,
 *                       returnTo, bindingHash, expiresAt (N, epoch seconds)
 *   TTL only sweeps old items eventually; the code checks `expiresAt` itself when consuming.
 *
 * sessions table — key `pk` (S, HASH) + `sk` (S, RANGE), on-demand, TTL on `expiresAt`:
 *   session        pk = TENANT#<subdomain>   sk = SESSION#<account id>#<sid>
 *                  tenant, accountId, email, sid, createdAt, expiresAt (N), idToken?, groupNames? (L)
 *   used token id  pk = TENANT#<subdomain>   sk = JTI#<jti>        expiresAt (N)
 *   SCIM page mark pk = TENANT#<subdomain>   sk = SCIMPAGE#<User|Group>#<startIndex>
 *                  cursor (the last key of the previous page), total, expiresAt (N, 15 minutes)
 *   A session check is one GetItem (the token names tenant, account and sid); ending an
 *   account's sessions is one Query on `SESSION#<account id>#`, a tenant's a paged Query on
 *   `SESSION#`. Expiry is checked by the code too, not left to TTL.
 *
 * events table — key `pk` (S, HASH) + `sk` (S, RANGE), on-demand, TTL on `expiresAt`,
 * index `byEmail` (`tenantEmail` HASH + `sk` RANGE, all attributes):
 *   event          pk = TENANT#<subdomain>         sk = <ISO time>#<id>
 *                  id, time, tenant, type, email?, typedEmail?, errorCode?, correlationId?,
 *                  tenantEmail? (= <subdomain>#<email, else typedEmail>), expiresAt (N, time + retention)
 *   "Tenant T since X" is a Query on pk = TENANT#T with sk >= X; "tenant T for email E" a
 *   Query on the index with tenantEmail = T#E. Newest first is ScanIndexForward = false.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { errorName, sleep } from './dynamo-writes.js';

export interface TableNames {
  directory: string;
  login: string;
  sessions: string;
  events: string;
}

/** Name of the TTL attribute of the login, sessions and events tables. */
export const TTL_ATTRIBUTE = 'expiresAt';
/** The events table's index for one person's events in a tenant. */
export const EVENTS_BY_EMAIL = 'byEmail';

/** An on-demand table keyed by the string pair `pk` + `sk`: the directory's and the sessions' shape. */
const pkSkTable = (TableName: string): CreateTableCommandInput => ({
  TableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
});

export function tableDefinitions(names: TableNames): CreateTableCommandInput[] {
  return [
    pkSkTable(names.directory),
    {
      TableName: names.login,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'state', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'state', KeyType: 'HASH' }],
    },
    pkSkTable(names.sessions),
    {
      TableName: names.events,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'tenantEmail', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: EVENTS_BY_EMAIL,
          KeySchema: [
            { AttributeName: 'tenantEmail', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    },
  ];
}

type AnyClient = DynamoDBClient | DynamoDBDocumentClient;

const READY_TIMEOUT_MS = 60_000;

/**
 * Creates the tables that are missing and waits until all are ACTIVE; safe to call on
 * every start. Accepts the plain or the document client (both send table commands). The
 * tables are independent, so each step runs for all of them at once: first every missing
 * table is asked for, then all are awaited, then TTL is turned on.
 */
export async function ensureTables(client: AnyClient, names: TableNames): Promise<void> {
  // The document client passes non-document commands through unchanged.
  const definitions = tableDefinitions(names);
  const statuses = await Promise.all(definitions.map((definition) => createIfMissing(client, definition)));
  const creating = definitions.filter((_, i) => statuses[i] !== 'ACTIVE');
  await Promise.all(creating.map((definition) => waitUntilActive(client, definition.TableName!)));
  await Promise.all([names.login, names.sessions, names.events].map((table) => enableTtl(client, table)));
}

/** Creates the table unless it exists; answers the status DynamoDB gave for it. */
async function createIfMissing(ddb: DynamoDBClient, definition: CreateTableCommandInput): Promise<string | undefined> {
  try {
    return (await ddb.send(new DescribeTableCommand({ TableName: definition.TableName }))).Table?.TableStatus;
  } catch (e) {
    if (errorName(e) !== 'ResourceNotFoundException') throw e;
  }
  try {
    return (await ddb.send(new CreateTableCommand(definition))).TableDescription?.TableStatus;
  } catch (e) {
    // Another process created it between our describe and create.
    if (errorName(e) !== 'ResourceInUseException') throw e;
    return undefined;
  }
}

async function waitUntilActive(ddb: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`table ${tableName} is still ${Table?.TableStatus} after ${READY_TIMEOUT_MS / 1000} s`);
    await sleep(delay);
  }
}

/** Turns TTL on where the endpoint supports it; the embedded DynamoDB (dynalite) does not. */
async function enableTtl(ddb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { TimeToLiveDescription: ttl } = await ddb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') return;
    await ddb.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
  } catch (e) {
    if (errorName(e) === 'UnknownOperationException') return;
    // Another process (a second `npm start`, a parallel test) turned it on in between.
    if (errorName(e) === 'ValidationException' && /already enabled/i.test((e as Error).message)) return;
    throw e;
  }
}
