/**
 * Server-side sessions on DynamoDB (layout in tables.ts). A tenant's sessions share its
 * partition, sorted by account, so every access is a GetItem or a Query on a key: never a scan.
 */
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Session } from '../core/model.js';
import { ConflictError, type SessionStore } from '../core/ports.js';
import { putNew, WRITE_ID } from './dynamo-retry-safe.js';
import { isConditionFailed, mapLimit } from './dynamo-writes.js';
import { type Item, type Key } from './dynamo-items.js';

/** Sessions fetched and deleted per round when a whole tenant's sessions end: bounded memory and writes. */
export const TENANT_PAGE_SIZE = 100;
/** Deletes (or group-name updates) in flight while ending (or updating) an account's sessions. */
const DELETE_CONCURRENCY = 8;

const partition = (tenant: string) => `TENANT#${tenant}`;
const accountPrefix = (accountId: string) => `SESSION#${accountId}#`;
const tokenIdKey = (tenant: string, jti: string): Key => ({ pk: partition(tenant), sk: `JTI#${jti}` });
export const sessionKey = (tenant: string, accountId: string, sid: string): Key => ({
  pk: partition(tenant),
  sk: `${accountPrefix(accountId)}${sid}`,
});

const sessionItem = (s: Session): Item => ({ ...sessionKey(s.tenant, s.accountId, s.sid), ...s });

function sessionFromItem(item: Item): Session {
  const session: Session = {
    tenant: item.tenant as string,
    accountId: item.accountId as string,
    email: item.email as string,
    sid: item.sid as string,
    createdAt: item.createdAt as string,
    expiresAt: item.expiresAt as number,
  };
  if (typeof item.idToken === 'string') session.idToken = item.idToken;
  if (Array.isArray(item.groupNames) && item.groupNames.length > 0) session.groupNames = [...(item.groupNames as string[])];
  if (typeof item.groupsVersion === 'number') session.groupsVersion = item.groupsVersion;
  return session;
}

export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Retry-safe: the SDK's retry of this very put (answer lost) meets its own item and succeeds. */
  async create(session: Session): Promise<void> {
    if (!(await putNew(this.doc, this.tableName, sessionKey(session.tenant, session.accountId, session.sid), sessionItem(session)))) {
      throw new ConflictError('a session with this id already exists');
    }
  }

  async get(tenant: string, accountId: string, sid: string, nowSeconds: number): Promise<Session | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(tenant, accountId, sid), ConsistentRead: true }),
    );
    // TTL deletes expired items only eventually: expiry is decided here.
    return Item && (Item.expiresAt as number) > nowSeconds ? sessionFromItem(Item) : undefined;
  }

  async end(tenant: string, accountId: string, sid: string): Promise<Session | undefined> {
    const { Attributes } = await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: sessionKey(tenant, accountId, sid), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes ? sessionFromItem(Attributes) : undefined;
  }

  async list(tenant: string, accountId?: string): Promise<Session[]> {
    const sessions: Session[] = [];
    const now = Math.floor(Date.now() / 1000);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.query(tenant, accountId === undefined ? 'SESSION#' : accountPrefix(accountId), startKey);
      sessions.push(...page.items.map(sessionFromItem).filter((s) => s.expiresAt > now));
      startKey = page.next;
    } while (startKey);
    return sessions;
  }

  endAccount(tenant: string, accountId: string): Promise<number> {
    return this.endAll(tenant, accountPrefix(accountId));
  }

  endTenant(tenant: string): Promise<number> {
    return this.endAll(tenant, 'SESSION#');
  }

  /**
   * One Query for the account's session keys, then one conditional update each: `SET` of the
   * whole list with its version, only while the session exists (an update would otherwise bring
   * an ended session back as a bare item) and holds an older version or none. So a slower
   * request's older names never replace newer ones, and a retried write changes nothing.
   */
  async setGroupNames(tenant: string, accountId: string, groupNames: readonly string[], version: number): Promise<number> {
    let updated = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.query(tenant, accountPrefix(accountId), startKey, ['pk', 'sk']);
      const results = await mapLimit(page.items, DELETE_CONCURRENCY, async (key): Promise<number> => {
        try {
          await this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: key,
              UpdateExpression: 'SET groupNames = :names, groupsVersion = :v',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(groupsVersion) OR groupsVersion < :v)',
              ExpressionAttributeValues: { ':names': [...groupNames], ':v': version },
            }),
          );
          return 1;
        } catch (e) {
          if (isConditionFailed(e)) return 0; // ended meanwhile (stays ended), or already holds these names or newer
          throw e;
        }
      });
      updated += results.reduce((a, b) => a + b, 0);
      startKey = page.next;
    } while (startKey);
    return updated;
  }

  /** False for a jti another request recorded; the SDK's retry of this very put (answer lost) is not a replay. */
  useTokenId(tenant: string, jti: string, expiresAt: number, writeId: string): Promise<boolean> {
    return putNew(this.doc, this.tableName, tokenIdKey(tenant, jti), { expiresAt }, writeId);
  }

  /** Only the item this write id put: another request's record of the same jti stays (a retried delete finds nothing, which is fine). */
  async releaseTokenId(tenant: string, jti: string, writeId: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: tokenIdKey(tenant, jti),
          ConditionExpression: '#w = :mine',
          ExpressionAttributeNames: { '#w': WRITE_ID },
          ExpressionAttributeValues: { ':mine': writeId },
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  /** One page at a time: read at most TENANT_PAGE_SIZE keys, delete them, go on. */
  private async endAll(tenant: string, prefix: string): Promise<number> {
    let ended = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.query(tenant, prefix, startKey, ['pk', 'sk']);
      await mapLimit(page.items, DELETE_CONCURRENCY, (key) => this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key })));
      ended += page.items.length;
      startKey = page.next;
    } while (startKey);
    return ended;
  }

  private async query(tenant: string, prefix: string, startKey?: Record<string, unknown>, projection?: string[]) {
    const { Items, LastEvaluatedKey } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition(tenant), ':prefix': prefix },
        ProjectionExpression: projection?.join(', '),
        ConsistentRead: true,
        Limit: TENANT_PAGE_SIZE,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (Items ?? []) as Item[], next: LastEvaluatedKey };
  }
}
