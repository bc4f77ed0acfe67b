/**
 * The items that stand beside an account item in the directory table: its id pointer (written
 * first, by every door that makes accounts), and what goes with it on removal: subject links,
 * id and externalId pointers, group memberships. Shared by `account remove` and SCIM DELETE.
 */
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../core/model.js';
import { accountIdItem, accountIdKey, accountItem, accountKey, legacySubjectKey, subjectKey, type Key } from './dynamo-items.js';
import { putNew } from './dynamo-retry-safe.js';
import { externalIdKey, memberKey } from './dynamo-scim-items.js';
import { isConditionFailed, mapLimit } from './dynamo-writes.js';

/**
 * Puts the id pointer, then the account unless its email is taken (then takes the pointer
 * back). True if this call wrote the account, also when a lost answer made the SDK retry into
 * its own item (`writeId`, dynamo-retry-safe.ts).
 */
export async function putAccount(doc: DynamoDBDocumentClient, tableName: string, account: Account, writeId?: string): Promise<boolean> {
  await doc.send(new PutCommand({ TableName: tableName, Item: accountIdItem(account) }));
  return putAccountAfterPointer(doc, tableName, account, writeId);
}

/**
 * The account's conditional put once its id pointer is written (by putAccount, or in a batch by
 * an import). When the email is taken, takes the pointer back: its id is new, nobody else uses it.
 */
export async function putAccountAfterPointer(
  doc: DynamoDBDocumentClient,
  tableName: string,
  account: Account,
  writeId?: string,
): Promise<boolean> {
  if (await putNew(doc, tableName, accountKey(account.tenant, account.email), accountItem(account), writeId)) return true;
  await doc.send(new DeleteCommand({ TableName: tableName, Key: accountIdKey(account.tenant, account.id) }));
  return false;
}

/** Deletes the item at `key` if `condition` holds; a failed condition means someone else's item: left alone. */
export async function deleteIf(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: Key,
  condition?: { names: Record<string, string>; values: Record<string, unknown>; expression: string },
): Promise<void> {
  try {
    await doc.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ExpressionAttributeNames: condition.names,
              ExpressionAttributeValues: condition.values,
            }
          : {}),
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
}

/** Deletes a subject link (either shape) only if it still names this tenant (and this account's email, if given). */
export function unlinkSubject(doc: DynamoDBDocumentClient, tableName: string, key: Key, tenant: string, email?: string): Promise<void> {
  return deleteIf(doc, tableName, key, {
    expression: email === undefined ? '#tenant = :tenant' : '#tenant = :tenant AND #email = :email',
    names: { '#tenant': 'tenant', ...(email === undefined ? {} : { '#email': 'email' }) },
    values: { ':tenant': tenant, ...(email === undefined ? {} : { ':email': email }) },
  });
}

/** After the account item is deleted: its links, pointers and memberships. Each delete is safe to repeat. */
export async function removeAccountSatellites(doc: DynamoDBDocumentClient, tableName: string, account: Account): Promise<void> {
  const { tenant, email, subject } = account;
  if (subject) {
    await unlinkSubject(doc, tableName, subjectKey(tenant, subject.iss, subject.sub), tenant, email);
    await unlinkSubject(doc, tableName, legacySubjectKey(subject.iss, subject.sub), tenant, email);
  }
  // A pointer that an email change moved on names the account's new item: it stays.
  await deleteIf(doc, tableName, accountIdKey(tenant, account.id), {
    expression: '#email = :email',
    names: { '#email': 'email' },
    values: { ':email': email },
  });
  if (account.externalId !== undefined) await deleteIf(doc, tableName, externalIdKey(tenant, account.externalId, account.id));
  await mapLimit(account.groups ?? [], 8, (g) => deleteIf(doc, tableName, memberKey(tenant, g.id, account.id)));
}
