/** Write helpers shared by the DynamoDB stores: condition failures, throttling, batches (and the batch read that spares writes). */
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './dynamo-items.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const errorName = (e: unknown) => (e as { name?: string } | undefined)?.name;

export const isConditionFailed = (e: unknown): boolean => errorName(e) === 'ConditionalCheckFailedException';

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** Backoff with full jitter: 50 ms, 100 ms, … capped at 2 s. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(2_000, 50 * 2 ** attempt));

/**
 * Runs `fn`, retrying when DynamoDB throttles beyond what the SDK's own retries absorb
 * (bulk imports can do that on a cold on-demand table).
 */
export async function retryThrottled<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!THROTTLED.has(errorName(e) ?? '') || attempt + 1 >= attempts) throw e;
      await backoff(attempt);
    }
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const BATCH_SIZE = 25;
const BATCH_ATTEMPTS = 8;

type WriteRequest = { DeleteRequest: { Key: Key } } | { PutRequest: { Item: Record<string, unknown> } };

/** Sends the requests in batches of 25, resending whatever DynamoDB leaves unprocessed. */
async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    let pending = requests.slice(start, start + BATCH_SIZE);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= BATCH_ATTEMPTS) throw new Error(`batch write on ${tableName}: ${pending.length} items still unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const out = await retryThrottled(() => doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/** Deletes the keys in batches of 25, resending whatever DynamoDB leaves unprocessed. */
export function batchDelete(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]): Promise<void> {
  return batchWrite(
    doc,
    tableName,
    keys.map((Key) => ({ DeleteRequest: { Key } })),
  );
}

/** Puts the items (unconditionally, so a repeat is harmless) in batches of 25, resending whatever DynamoDB leaves unprocessed. */
export function batchPut(doc: DynamoDBDocumentClient, tableName: string, items: readonly Record<string, unknown>[]): Promise<void> {
  return batchWrite(
    doc,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** BatchGetItem's limit of keys per request. */
export const GET_BATCH_SIZE = 100;

/** A key as one string, for sets of keys. */
export const keyId = (key: { pk?: unknown; sk?: unknown }): string => `${String(key.pk)}\n${String(key.sk)}`;

/**
 * Which of `keys` have an item now (consistent reads, keys only), as `pk\nsk` strings: one
 * BatchGetItem per 100 keys, resending whatever DynamoDB leaves unprocessed. Repeated keys
 * are asked once (BatchGetItem refuses a request that names a key twice).
 */
export async function existingKeys(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
  for (let start = 0; start < unique.length; start += GET_BATCH_SIZE) {
    let pending: Record<string, unknown>[] = unique.slice(start, start + GET_BATCH_SIZE).map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= BATCH_ATTEMPTS) throw new Error(`batch get on ${tableName}: ${pending.length} keys still unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const out = await retryThrottled(() =>
        doc.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'pk, sk' } },
          }),
        ),
      );
      for (const item of out.Responses?.[tableName] ?? []) found.add(keyId(item));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}

/**
 * Undoes the writes of a failed multi-item operation. If undoing fails too, the error says
 * so (stray items may remain) and carries the original failure as its cause.
 */
export async function compensate(original: unknown, undo: () => Promise<unknown>): Promise<void> {
  try {
    await undo();
  } catch (undoError) {
    const reason = undoError instanceof Error ? undoError.message : String(undoError);
    // eslint-disable-next-line preserve-caught-error -- the failure that matters is the write's; the undo's is in the message
    throw new Error(`a failed write could not be undone, stray items may remain: ${reason}`, { cause: original });
  }
}
