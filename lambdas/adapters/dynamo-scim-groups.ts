/**
 * SCIM Groups on the directory table: `GROUP#<id>` items, a `GROUPNAME#<lowercase name>`
 * claim per group (a conditional put on it is the name's uniqueness lock, compared without
 * regard to case), and memberships (dynamo-scim-memberships.ts). No transactions (the
 * embedded DynamoDB has none): steps are ordered so that a repeat of the request finishes
 * what a failure left half done, and each write is safe to repeat.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../core/ports.js';
import type { GroupChange, GroupFields, GroupWrite, Member, ScimGroup, Settle, WriteMark } from '../core/scim/directory.js';
import { deleteIf } from './dynamo-account-items.js';
import type { Item, Key } from './dynamo-items.js';
import { putNew, WRITE_ID } from './dynamo-retry-safe.js';
import { GROUP_ID_PREFIX, groupKey, groupNameKey, memberKey } from './dynamo-scim-items.js';
import type { DynamoMemberships } from './dynamo-scim-memberships.js';
import type { DynamoScimUsers } from './dynamo-scim-users.js';
import { mapLimit } from './dynamo-writes.js';

export function groupFromItem(item: Item): ScimGroup {
  return {
    tenant: item.tenant as string,
    id: item.id as string,
    displayName: item.displayName as string,
    ...(typeof item.externalId === 'string' ? { externalId: item.externalId } : {}),
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const CONCURRENCY = 8;

export class DynamoScimGroups {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly users: DynamoScimUsers,
    private readonly memberships: DynamoMemberships,
  ) {}

  private async get(key: Key) {
    return (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item;
  }

  async getGroup(tenant: string, id: string): Promise<ScimGroup | undefined> {
    const item = await this.get(groupKey(tenant, id));
    return item && groupFromItem(item);
  }

  async findGroupByName(tenant: string, displayName: string): Promise<ScimGroup | undefined> {
    const claim = await this.get(groupNameKey(tenant, displayName));
    const group = claim && (await this.getGroup(tenant, claim.groupId as string));
    return group && sameName(group.displayName, displayName) ? group : undefined;
  }

  async createGroup(
    tenant: string,
    fields: GroupFields,
    memberIds: readonly string[],
    write: WriteMark,
    settle: Settle,
  ): Promise<GroupWrite> {
    const at = write.now.toISOString();
    const group: ScimGroup = {
      ...fields,
      tenant,
      id: `${GROUP_ID_PREFIX}${randomBytes(15).toString('base64url')}`,
      createdAt: at,
      updatedAt: at,
    };
    await this.claimName(tenant, group.displayName, group.id, write);
    await putNew(this.doc, this.tableName, groupKey(tenant, group.id), { ...group }, write.requestId);
    const members = await this.users.getUsers(tenant, memberIds);
    await mapLimit(members, CONCURRENCY, (m) => this.memberships.join(tenant, group.id, group.displayName, m));
    const accounts = [...new Set(memberIds)];
    await settle(accounts);
    return { group, accounts };
  }

  /**
   * The group item, then the accounts' entries (joins, a rename — whenever a `displayName` is
   * sent, so that a repeat finishes a rename a failure cut short — and leaves), then `settle`,
   * and only then the leavers' membership items: until then a repeat still finds them.
   */
  async updateGroup(tenant: string, id: string, change: GroupChange, write: WriteMark, settle: Settle): Promise<GroupWrite | undefined> {
    const current = await this.getGroup(tenant, id);
    if (!current) return undefined;
    const name = change.displayName ?? current.displayName;
    const newClaim = !sameName(name, current.displayName);
    if (newClaim) await this.claimName(tenant, name, id, write);
    const group = await this.writeGroup(current, name, change, write);
    if (!group) return undefined;
    if (newClaim) await this.releaseName(tenant, current.displayName, id);
    const named = new Set<string>();
    let leaving: Member[] = [];
    if (change.members) {
      const delta = await this.memberDelta(tenant, id, change.members, named);
      leaving = delta.leaving;
      await mapLimit(delta.joining, CONCURRENCY, (m) => this.memberships.join(tenant, id, name, m));
    }
    if (change.displayName !== undefined) {
      const gone = new Set(leaving.map((m) => m.id));
      const staying = (await this.memberships.members(tenant, id)).filter((m) => !gone.has(m.id));
      await mapLimit(staying, CONCURRENCY, (m) => this.memberships.setEntry(tenant, m, id, name));
      staying.forEach((m) => named.add(m.id));
    }
    await mapLimit(leaving, CONCURRENCY, (m) => this.memberships.setEntry(tenant, m, id, null));
    const accounts = [...named];
    await settle(accounts);
    await mapLimit(leaving, CONCURRENCY, (m) => this.memberships.forget(tenant, id, m));
    return { group, accounts };
  }

  /** Entries off the accounts, `settle`, then memberships, name claim and the group: a repeat after a failure finds the group and finishes. */
  async deleteGroup(tenant: string, id: string, settle: Settle): Promise<GroupWrite | undefined> {
    const group = await this.getGroup(tenant, id);
    if (!group) return undefined;
    const members = await this.memberships.members(tenant, id);
    await mapLimit(members, CONCURRENCY, (m) => this.memberships.setEntry(tenant, m, id, null));
    const accounts = members.map((m) => m.id);
    await settle(accounts);
    await mapLimit(members, CONCURRENCY, (m) => this.memberships.forget(tenant, id, m));
    await this.releaseName(tenant, group.displayName, id);
    await deleteIf(this.doc, this.tableName, groupKey(tenant, id));
    return { group, accounts };
  }

  /**
   * Who joins and who leaves: only accounts whose membership actually changes. `named` gets
   * every account the change names (and, for a `set`, the members before it).
   */
  private async memberDelta(
    tenant: string,
    id: string,
    change: NonNullable<GroupChange['members']>,
    named: Set<string>,
  ): Promise<{ joining: Member[]; leaving: Member[] }> {
    if ('set' in change) {
      const current = await this.memberships.members(tenant, id);
      const want = new Set(change.set);
      const have = new Set(current.map((m) => m.id));
      [...want, ...have].forEach((m) => named.add(m));
      return {
        joining: await this.users.getUsers(
          tenant,
          change.set.filter((m) => !have.has(m)),
        ),
        leaving: current.filter((m) => !want.has(m.id)),
      };
    }
    [...change.add, ...change.remove].forEach((m) => named.add(m));
    // Okta's Group Push sends one or a few ids: read those memberships, not the whole group.
    const isMember = async (accountId: string) => this.get(memberKey(tenant, id, accountId));
    const adds = (await mapLimit(change.add, CONCURRENCY, async (a) => ((await isMember(a)) ? undefined : a))).filter(
      (a): a is string => a !== undefined,
    );
    const removals = defined(await mapLimit(change.remove, CONCURRENCY, isMember)).map((i) => ({
      id: i.accountId as string,
      email: i.email as string,
    }));
    return { joining: await this.users.getUsers(tenant, adds), leaving: removals };
  }

  private async writeGroup(current: ScimGroup, name: string, change: GroupChange, write: WriteMark): Promise<ScimGroup | undefined> {
    const externalId = change.externalId === undefined ? current.externalId : (change.externalId ?? undefined);
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: groupKey(current.tenant, current.id),
          UpdateExpression:
            `SET #displayName = :name, #updatedAt = :at, #writeId = :writeId` +
            (externalId === undefined ? ' REMOVE #externalId' : ', #externalId = :externalId'),
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: {
            '#displayName': 'displayName',
            '#updatedAt': 'updatedAt',
            '#writeId': WRITE_ID,
            '#externalId': 'externalId',
          },
          ExpressionAttributeValues: {
            ':name': name,
            ':at': write.now.toISOString(),
            ':writeId': write.requestId,
            ...(externalId === undefined ? {} : { ':externalId': externalId }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return groupFromItem(Attributes!);
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw e;
    }
  }

  /**
   * Claims the name for the group (retry-safe: the claim carries the request's write id). A
   * claim held by this group passes; one whose group no longer exists is stale and is taken
   * over; any other refuses with ConflictError.
   */
  private async claimName(tenant: string, name: string, groupId: string, write: WriteMark): Promise<void> {
    const key = groupNameKey(tenant, name);
    for (let round = 1; round <= 2; round++) {
      if (await putNew(this.doc, this.tableName, key, { tenant, groupId }, write.requestId)) return;
      const claim = await this.get(key);
      if (!claim) continue;
      if (claim.groupId === groupId) return;
      if (await this.get(groupKey(tenant, claim.groupId as string))) break;
      await this.releaseName(tenant, name, claim.groupId as string);
    }
    throw new ConflictError('group name taken');
  }

  private releaseName(tenant: string, name: string, groupId: string): Promise<void> {
    return deleteIf(this.doc, this.tableName, groupNameKey(tenant, name), {
      expression: '#g = :g',
      names: { '#g': 'groupId' },
      values: { ':g': groupId },
    });
  }
}

const defined = <T>(list: readonly (T | undefined)[]): T[] => list.filter((x): x is T => x !== undefined);
