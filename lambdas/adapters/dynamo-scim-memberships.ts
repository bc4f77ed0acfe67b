/**
 * One membership is two items: `MEMBER#<group>#<account>` in the tenant's partition (so a
 * group's members are one Query) and an entry of the account item's `groups` map (so a
 * sign-in reads the account's group names with the account, and `GET /auth/session` carries
 * them on the session). Every write here sets or removes a value, never a delta: repeating one
 * (the SDK after a lost answer, or Okta re-sending a request) changes nothing more.
 */
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccountGroups, Member } from '../core/scim/directory.js';
import { deleteIf } from './dynamo-account-items.js';
import { accountKey, groupsFromMap, tenantKey } from './dynamo-items.js';
import { memberKey, memberPrefix } from './dynamo-scim-items.js';
import { isConditionFailed } from './dynamo-writes.js';

const ROUNDS = 3;

export class DynamoMemberships {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The group's members in key order (by account id): one Query, paged past 1 MB. */
  async members(tenant: string, groupId: string): Promise<Member[]> {
    const members: Member[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': tenantKey(tenant).pk, ':prefix': memberPrefix(groupId) },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      members.push(...(out.Items ?? []).map((i) => ({ id: i.accountId as string, email: i.email as string })));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  /** Adds (or, with the same name, re-adds) the member; its account's names after the write, or undefined if the account is gone. */
  async join(tenant: string, groupId: string, groupName: string, member: Member): Promise<AccountGroups | undefined> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...memberKey(tenant, groupId, member.id), tenant, groupId, accountId: member.id, email: member.email } }),
    );
    const names = await this.setEntry(tenant, member, groupId, groupName);
    if (names === undefined) await deleteIf(this.doc, this.tableName, memberKey(tenant, groupId, member.id));
    return names;
  }

  /** Removes the member; its account's names after the write, or undefined if the account is gone. */
  async leave(tenant: string, groupId: string, member: Member): Promise<AccountGroups | undefined> {
    await deleteIf(this.doc, this.tableName, memberKey(tenant, groupId, member.id));
    return this.setEntry(tenant, member, groupId, null);
  }

  /** The group's entry on the account item: set to `name`, or removed for `null`. */
  async setEntry(tenant: string, member: Member, groupId: string, name: string | null): Promise<AccountGroups | undefined> {
    const Key = accountKey(tenant, member.email);
    const names = { '#groups': 'groups', '#g': groupId, '#id': 'id' };
    for (let round = 1; round <= ROUNDS; round++) {
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: name === null ? 'REMOVE #groups.#g' : 'SET #groups.#g = :name',
            ConditionExpression: 'attribute_exists(#groups) AND #id = :id',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':id': member.id, ...(name === null ? {} : { ':name': name }) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { accountId: member.id, groupNames: namesOf(Attributes!.groups) };
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
      // No map yet (an account made before groups existed), or no such account.
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET #groups = :map',
            ConditionExpression: 'attribute_not_exists(#groups) AND #id = :id',
            ExpressionAttributeNames: { '#groups': 'groups', '#id': 'id' },
            ExpressionAttributeValues: { ':id': member.id, ':map': name === null ? {} : { [groupId]: name } },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { accountId: member.id, groupNames: namesOf(Attributes!.groups) };
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
      // Both failed: the account is gone (or moved), unless another write created the map in between.
    }
    return undefined;
  }
}

const namesOf = (map: unknown) => groupsFromMap(map).map((g) => g.displayName).sort();
