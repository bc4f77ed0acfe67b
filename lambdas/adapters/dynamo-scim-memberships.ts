/**
 * One membership is two items: `MEMBER#<group>#<account>` in the tenant's partition (so a
 * group's members are one Query) and an entry of the account item's `groups` map (so a
 * sign-in reads the account's group names with the account, and `GET /auth/session` carries
 * them on the session). Every write here sets or removes a value, and bumps the account's
 * `groupsVersion` in the same write (the order of its names, for its sessions): repeating one
 * (the SDK after a lost answer, or Okta re-sending a request) changes nothing more than a
 * higher version, which only orders.
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
      new PutCommand({
        TableName: this.tableName,
        Item: { ...memberKey(tenant, groupId, member.id), tenant, groupId, accountId: member.id, email: member.email },
      }),
    );
    const names = await this.setEntry(tenant, member, groupId, groupName);
    if (names === undefined) await deleteIf(this.doc, this.tableName, memberKey(tenant, groupId, member.id));
    return names;
  }

  /**
   * A member leaves in two steps: `setEntry(…, null)` takes the group off the account, and
   * `forget` deletes the membership item only once the account's sessions are settled, so that a
   * repeat of a failed request still finds the member (groups.ts).
   */
  async forget(tenant: string, groupId: string, member: Member): Promise<void> {
    await deleteIf(this.doc, this.tableName, memberKey(tenant, groupId, member.id));
  }

  /** The group's entry on the account item: set to `name`, or removed for `null`; the version bumped. */
  async setEntry(tenant: string, member: Member, groupId: string, name: string | null): Promise<AccountGroups | undefined> {
    const Key = accountKey(tenant, member.email);
    const names = { '#groups': 'groups', '#g': groupId, '#id': 'id', '#v': 'groupsVersion' };
    for (let round = 1; round <= ROUNDS; round++) {
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: (name === null ? 'REMOVE #groups.#g' : 'SET #groups.#g = :name') + ' ADD #v :one',
            ConditionExpression: 'attribute_exists(#groups) AND #id = :id',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':id': member.id, ':one': 1, ...(name === null ? {} : { ':name': name }) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return groupsOfItem(member.id, Attributes!);
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
      // No map yet (an account made before groups existed), or no such account.
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key,
            UpdateExpression: 'SET #groups = :map ADD #v :one',
            ConditionExpression: 'attribute_not_exists(#groups) AND #id = :id',
            ExpressionAttributeNames: { '#groups': 'groups', '#id': 'id', '#v': 'groupsVersion' },
            ExpressionAttributeValues: { ':id': member.id, ':one': 1, ':map': name === null ? {} : { [groupId]: name } },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return groupsOfItem(member.id, Attributes!);
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
      // Both failed: the account is gone (or moved), unless another write created the map in between.
    }
    return undefined;
  }
}

/** The account's group names, sorted, and their version, from its item. */
const groupsOfItem = (accountId: string, item: Record<string, unknown>): AccountGroups => ({
  accountId,
  groupNames: groupsFromMap(item.groups)
    .map((g) => g.displayName)
    .sort(),
  version: typeof item.groupsVersion === 'number' ? item.groupsVersion : 0,
});
