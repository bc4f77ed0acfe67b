/**
 * SCIM Users on the directory table: the very account items every other door writes
 * (`ACCOUNT#<email>`), found by id through the `ID#<id>` pointer and by Okta's user id through
 * `EXTID#<externalId>#<id>`. Accounts made before pointers existed get theirs the first time
 * a lookup by id misses in their tenant (once per tenant, marked by `SCIM#IDS`).
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../core/model.js';
import { ConflictError } from '../core/ports.js';
import type { ScimUser, UserFields, WriteMark } from '../core/scim/directory.js';
import { deleteIf, putAccount, removeAccountSatellites } from './dynamo-account-items.js';
import {
  ACCOUNT_PREFIX,
  accountFromItem,
  accountIdItem,
  accountIdKey,
  accountItem,
  accountKey,
  newAccountId,
  subjectKey,
  tenantKey,
  type Key,
} from './dynamo-items.js';
import { putNew, WRITE_ID } from './dynamo-retry-safe.js';
import { externalIdKey, externalIdPrefix, idsCompleteKey, memberKey } from './dynamo-scim-items.js';
import { isConditionFailed, mapLimit } from './dynamo-writes.js';

/** The account as SCIM shows it: its one stored name is the display name. */
export function scimUser(a: Account): ScimUser {
  return {
    tenant: a.tenant,
    id: a.id,
    email: a.email,
    active: a.active,
    ...(a.givenName !== undefined ? { givenName: a.givenName } : {}),
    ...(a.familyName !== undefined ? { familyName: a.familyName } : {}),
    ...(a.name !== undefined ? { displayName: a.name } : {}),
    ...(a.externalId !== undefined ? { externalId: a.externalId } : {}),
    groups: a.groups ?? [],
    createdAt: a.createdAt,
    updatedAt: a.updatedAt ?? a.createdAt,
  };
}

const PROFILE = { name: 'displayName', givenName: 'givenName', familyName: 'familyName', externalId: 'externalId' } as const;

export class DynamoScimUsers {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async get(key: Key) {
    return (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  /** Pointer, then account (two reads); a stale pointer (the account's id differs) finds nobody. */
  async getAccount(tenant: string, id: string): Promise<Account | undefined> {
    let pointer = await this.get(accountIdKey(tenant, id));
    if (!pointer && (await this.givePointers(tenant))) pointer = await this.get(accountIdKey(tenant, id));
    if (!pointer) return undefined;
    const item = await this.get(accountKey(tenant, pointer.email as string));
    return item && item.id === id ? accountFromItem(item) : undefined;
  }

  async getUser(tenant: string, id: string): Promise<ScimUser | undefined> {
    const account = await this.getAccount(tenant, id);
    return account && scimUser(account);
  }

  async getUsers(tenant: string, ids: readonly string[]): Promise<ScimUser[]> {
    return (await mapLimit([...new Set(ids)], 16, (id) => this.getUser(tenant, id))).filter((u): u is ScimUser => u !== undefined);
  }

  async findUserByEmail(tenant: string, email: string): Promise<ScimUser | undefined> {
    const item = await this.get(accountKey(tenant, email));
    return item && scimUser(accountFromItem(item));
  }

  async findUsersByExternalId(tenant: string, externalId: string): Promise<ScimUser[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': externalIdPrefix(externalId) },
        ConsistentRead: true,
      }),
    );
    const users = await this.getUsers(
      tenant,
      (out.Items ?? []).map((i) => i.id as string),
    );
    return users.filter((u) => u.externalId === externalId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async createUser(tenant: string, fields: UserFields, write: WriteMark): Promise<ScimUser> {
    const at = write.now.toISOString();
    const account: Account = { ...accountFields(fields), tenant, id: newAccountId(), createdAt: at, updatedAt: at };
    if (!(await putAccount(this.doc, this.tableName, account, write.requestId))) throw new ConflictError('email taken');
    if (account.externalId !== undefined) await this.putExternalId(account);
    return scimUser(account);
  }

  async updateUser(tenant: string, id: string, fields: UserFields, write: WriteMark): Promise<ScimUser | undefined> {
    const current = await this.getAccount(tenant, id);
    if (!current) return undefined;
    const next: Account = { ...withoutProfile(current), ...accountFields(fields), updatedAt: write.now.toISOString() };
    const updated = next.email === current.email ? await this.rewrite(next, write) : await this.move(current, next, write);
    if (!updated) return undefined;
    if (current.externalId !== updated.externalId) {
      if (updated.externalId !== undefined) await this.putExternalId(updated);
      if (current.externalId !== undefined) await deleteIf(this.doc, this.tableName, externalIdKey(tenant, current.externalId, id));
    }
    return scimUser(updated);
  }

  async deleteUser(tenant: string, id: string): Promise<ScimUser | undefined> {
    const account = await this.getAccount(tenant, id);
    if (!account) return undefined;
    try {
      const { Attributes } = await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: accountKey(tenant, account.email),
          ConditionExpression: 'id = :id',
          ExpressionAttributeValues: { ':id': id },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const removed = accountFromItem(Attributes!);
      await removeAccountSatellites(this.doc, this.tableName, removed);
      return scimUser(removed);
    } catch (e) {
      // Gone meanwhile (or a lost answer and the SDK's retry found nothing): finish its satellites.
      if (!isConditionFailed(e)) throw e;
      await removeAccountSatellites(this.doc, this.tableName, account);
      return scimUser(account);
    }
  }

  /** Sets the profile and `active` on the account item (a plain SET: repeating it is harmless). */
  private async rewrite(next: Account, write: WriteMark): Promise<Account | undefined> {
    const set = Object.keys(PROFILE).filter((k) => next[k as keyof typeof PROFILE] !== undefined) as (keyof typeof PROFILE)[];
    const remove = Object.keys(PROFILE).filter((k) => next[k as keyof typeof PROFILE] === undefined);
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: accountKey(next.tenant, next.email),
          UpdateExpression:
            `SET ${[...set.map((k) => `#${k} = :${k}`), '#active = :active', '#updatedAt = :updatedAt', `#${WRITE_ID} = :writeId`].join(', ')}` +
            (remove.length > 0 ? ` REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : ''),
          ConditionExpression: 'attribute_exists(pk) AND #id = :id',
          ExpressionAttributeNames: Object.fromEntries(
            [...Object.keys(PROFILE), 'active', 'updatedAt', WRITE_ID, 'id'].map((k) => [`#${k}`, k]),
          ),
          ExpressionAttributeValues: {
            ...Object.fromEntries(set.map((k) => [`:${k}`, next[k]])),
            ':active': next.active,
            ':updatedAt': next.updatedAt,
            ':writeId': write.requestId,
            ':id': next.id,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return accountFromItem(Attributes!);
    } catch (e) {
      if (isConditionFailed(e)) return undefined;
      throw e;
    }
  }

  /**
   * A new email moves the account: the item at the new email first (refused if another
   * account holds it), then the pointer, subject link and memberships follow, and the old item
   * goes last. Each step is safe to repeat, so a retry of the request finishes a broken move.
   */
  private async move(current: Account, next: Account, write: WriteMark): Promise<Account | undefined> {
    const { tenant, id } = next;
    if (!(await putNew(this.doc, this.tableName, accountKey(tenant, next.email), accountItem(next), write.requestId))) {
      const there = await this.get(accountKey(tenant, next.email));
      if (there?.id !== id) throw new ConflictError('email taken');
      await this.rewrite(next, write);
    }
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: accountIdItem(next) }));
    if (current.subject) {
      await this.setEmail(subjectKey(tenant, current.subject.iss, current.subject.sub), current.email, next.email);
    }
    await mapLimit(current.groups ?? [], 8, (g) => this.setEmail(memberKey(tenant, g.id, id), current.email, next.email));
    await deleteIf(this.doc, this.tableName, accountKey(tenant, current.email), {
      expression: '#id = :id',
      names: { '#id': 'id' },
      values: { ':id': id },
    });
    return accountFromItem((await this.get(accountKey(tenant, next.email))) ?? accountItem(next));
  }

  private async setEmail(key: Key, from: string, to: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #email = :to',
          ConditionExpression: '#email = :from OR #email = :to',
          ExpressionAttributeNames: { '#email': 'email' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  private async putExternalId(account: Account): Promise<void> {
    const key = externalIdKey(account.tenant, account.externalId!, account.id);
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...key, tenant: account.tenant, id: account.id } }));
  }

  /**
   * Gives every account of the tenant that has none its id pointer, once per tenant; true if
   * it did (then a missed lookup is worth repeating). Conditional puts: a pointer an email
   * change wrote meanwhile is newer than this walk's and stays.
   */
  private async givePointers(tenant: string): Promise<boolean> {
    if (await this.get(idsCompleteKey(tenant))) return false;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': ACCOUNT_PREFIX },
          ProjectionExpression: 'tenant, id, email',
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      await mapLimit(out.Items ?? [], 8, async (i) => {
        try {
          await this.doc.send(
            new PutCommand({
              TableName: this.tableName,
              Item: accountIdItem(i as Account),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
        } catch (e) {
          if (!isConditionFailed(e)) throw e;
        }
      });
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...idsCompleteKey(tenant), tenant } }));
    return true;
  }
}

/** The account's stored fields for these SCIM fields (`displayName` is the account's `name`). */
function accountFields(fields: UserFields): Omit<Account, 'tenant' | 'id' | 'createdAt'> {
  return {
    email: fields.email,
    active: fields.active,
    ...(fields.displayName !== undefined ? { name: fields.displayName } : {}),
    ...(fields.givenName !== undefined ? { givenName: fields.givenName } : {}),
    ...(fields.familyName !== undefined ? { familyName: fields.familyName } : {}),
    ...(fields.externalId !== undefined ? { externalId: fields.externalId } : {}),
  };
}

function withoutProfile(a: Account): Account {
  const copy = { ...a };
  for (const k of Object.keys(PROFILE) as (keyof typeof PROFILE)[]) delete copy[k];
  return copy;
}
