/**
 * Conditional writes that survive retries. DynamoDB may apply a write and still answer an
 * error (`InternalServerError`: "the request may have succeeded"), and the SDK then sends
 * the very same request again, which meets its own first attempt's item. So every such
 * write carries a fresh write id in the item; when its condition fails, the item is read
 * back, and if it holds this write's id the write was ours and is done. Another request's
 * write holds another id, so a real race still refuses. Single-item writes only: the
 * embedded DynamoDB (dynalite) has no transactions.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from './dynamo-writes.js';

/** The item attribute that names the write (one store call, all its attempts) that last wrote it. */
export const WRITE_ID = 'writeId';

/** 96 random bits: unique per store call; the SDK's retries of that call share it. */
export const newWriteId = (): string => randomBytes(12).toString('base64url');

/** Rounds when the item in the way disappears between the failed put and the read-back. */
const ROUNDS = 3;

/** The write id of the item at `key` (consistent read): undefined if there is no item, null if it has no write id. */
async function readWriteId(doc: DynamoDBDocumentClient, tableName: string, key: object): Promise<string | undefined | null> {
  const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (!Item) return undefined;
  return typeof Item[WRITE_ID] === 'string' ? Item[WRITE_ID] : null;
}

/**
 * Puts `item` unless an item with `key` exists. True if this call wrote it (including when
 * a lost answer made the SDK retry into its own item), false if another write's item is there.
 * Pass `writeId` to recognise the item later (e.g. to undo it).
 */
export async function putNew(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: object,
  item: Record<string, unknown>,
  writeId: string = newWriteId(),
): Promise<boolean> {
  for (let round = 1; ; round++) {
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...item, ...key, [WRITE_ID]: writeId },
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': Object.keys(key)[0]! },
        }),
      );
      return true;
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      const found = await readWriteId(doc, tableName, key);
      if (found !== undefined || round >= ROUNDS) return found === writeId;
      // The item in the way was deleted meanwhile: the put may succeed now.
    }
  }
}
