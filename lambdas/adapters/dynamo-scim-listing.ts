/**
 * SCIM listings on the directory table: one prefix of the tenant's partition in key order
 * (accounts by email, groups by id), read page by page from an opaque cursor (the last key's
 * `sk`), so that a page costs its own items. Page marks live in the sessions table, whose TTL
 * sweeps them; their `expiresAt` is checked on read as well.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../core/ports.js';
import type { Listing, PageMark } from '../core/scim/directory.js';
import { tenantKey, type Item } from './dynamo-items.js';
import { pageMarkKey } from './dynamo-scim-items.js';

/** How long a page mark is remembered: far longer than an import's pause between pages. */
const PAGE_MARK_SECONDS = 15 * 60;

interface ListingSource<T> {
  doc: DynamoDBDocumentClient;
  tableName: string;
  prefix: string;
  fromItem(item: Item): T;
}

export function dynamoListing<T>(source: ListingSource<T>): Listing<T> {
  const { doc, tableName, prefix } = source;
  const query = (tenant: string, after: string | undefined, limit: number, keysOnly: boolean) =>
    doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': prefix },
        ...(after === undefined ? {} : { ExclusiveStartKey: { pk: tenantKey(tenant).pk, sk: after } }),
        ...(keysOnly ? { ProjectionExpression: 'sk' } : {}),
        Limit: limit,
        ConsistentRead: true,
      }),
    );
  return {
    async count(tenant) {
      let total = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': prefix },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        total += out.Count ?? 0;
        startKey = out.LastEvaluatedKey;
      } while (startKey);
      return total;
    },
    async page(tenant, after, limit) {
      if (limit <= 0) return { items: [] };
      const items: Item[] = [];
      let cursor = after;
      let more = true;
      // A page may stop short of `limit` at 1 MB: continue until it is full or the listing ends.
      while (more && items.length < limit) {
        const out = await query(tenant, cursor, limit - items.length, false);
        items.push(...(out.Items ?? []));
        more = out.LastEvaluatedKey !== undefined;
        cursor = out.LastEvaluatedKey?.sk as string | undefined;
      }
      const last = items.at(-1)?.sk as string | undefined;
      return { items: items.map((item) => source.fromItem(item)), ...(more && last !== undefined ? { next: last } : {}) };
    },
    async skip(tenant, n) {
      let cursor: string | undefined;
      let read = 0;
      while (read < n) {
        const out = await query(tenant, cursor, n - read, true);
        const items = out.Items ?? [];
        read += items.length;
        if (items.length > 0) cursor = items.at(-1)!.sk as string;
        if (out.LastEvaluatedKey === undefined) break;
      }
      return read === n && n > 0 ? cursor : undefined;
    },
  };
}

export class DynamoPageMarks {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly sessionsTable: string,
    private readonly clock: Clock,
  ) {}

  async recall(tenant: string, kind: string, startIndex: number): Promise<PageMark | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.sessionsTable, Key: pageMarkKey(tenant, kind, startIndex) }));
    if (!Item || typeof Item.cursor !== 'string' || typeof Item.total !== 'number') return undefined;
    if ((Item.expiresAt as number) <= Math.floor(this.clock.now().getTime() / 1000)) return undefined;
    return { cursor: Item.cursor, total: Item.total };
  }

  /** A plain put: the same mark written twice is the same item, so a retried write is harmless. */
  async remember(tenant: string, kind: string, startIndex: number, mark: PageMark): Promise<void> {
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + PAGE_MARK_SECONDS;
    await this.doc.send(
      new PutCommand({
        TableName: this.sessionsTable,
        Item: { ...pageMarkKey(tenant, kind, startIndex), cursor: mark.cursor, total: mark.total, expiresAt },
      }),
    );
  }
}
