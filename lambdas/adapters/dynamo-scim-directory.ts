/**
 * The ScimDirectory port on DynamoDB: SCIM Users are the directory table's account items
 * (dynamo-scim-users.ts), Groups its group items and memberships (dynamo-scim-groups.ts),
 * listings read from remembered page marks kept in the sessions table (dynamo-scim-listing.ts).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '../core/ports.js';
import type {
  AccountGroups,
  GroupChange,
  GroupFields,
  Listing,
  PageMark,
  ScimDirectory,
  ScimGroup,
  ScimUser,
  Settle,
  UserFields,
  WriteMark,
} from '../core/scim/directory.js';
import { ACCOUNT_PREFIX, accountFromItem } from './dynamo-items.js';
import { GROUP_PREFIX } from './dynamo-scim-items.js';
import { DynamoScimGroups, groupFromItem } from './dynamo-scim-groups.js';
import { DynamoPageMarks, dynamoListing } from './dynamo-scim-listing.js';
import { DynamoMemberships } from './dynamo-scim-memberships.js';
import { DynamoScimUsers, scimUser } from './dynamo-scim-users.js';

interface ScimTables {
  directory: string;
  /** Where page marks are remembered (its TTL sweeps them). */
  sessions: string;
}

export class DynamoScimDirectory implements ScimDirectory {
  readonly users: Listing<ScimUser>;
  readonly groups: Listing<ScimGroup>;
  private readonly userStore: DynamoScimUsers;
  private readonly groupStore: DynamoScimGroups;
  private readonly memberships: DynamoMemberships;
  private readonly marks: DynamoPageMarks;

  constructor(doc: DynamoDBDocumentClient, tables: ScimTables, clock: Clock = systemClock) {
    const tableName = tables.directory;
    this.users = dynamoListing({ doc, tableName, prefix: ACCOUNT_PREFIX, fromItem: (i) => scimUser(accountFromItem(i)) });
    this.groups = dynamoListing({ doc, tableName, prefix: GROUP_PREFIX, fromItem: groupFromItem });
    this.userStore = new DynamoScimUsers(doc, tableName);
    this.memberships = new DynamoMemberships(doc, tableName);
    this.groupStore = new DynamoScimGroups(doc, tableName, this.userStore, this.memberships);
    this.marks = new DynamoPageMarks(doc, tables.sessions, clock);
  }

  getUser(tenant: string, id: string) {
    return this.userStore.getUser(tenant, id);
  }
  getUsers(tenant: string, ids: readonly string[]) {
    return this.userStore.getUsers(tenant, ids);
  }
  findUserByEmail(tenant: string, email: string) {
    return this.userStore.findUserByEmail(tenant, email);
  }
  findUsersByExternalId(tenant: string, externalId: string) {
    return this.userStore.findUsersByExternalId(tenant, externalId);
  }
  createUser(tenant: string, fields: UserFields, write: WriteMark) {
    return this.userStore.createUser(tenant, fields, write);
  }
  updateUser(tenant: string, id: string, fields: UserFields, write: WriteMark) {
    return this.userStore.updateUser(tenant, id, fields, write);
  }
  /** Deletes are unconditional on the request: a repeat finds nothing and answers undefined (404). */
  deleteUser(tenant: string, id: string, _write?: WriteMark) {
    return this.userStore.deleteUser(tenant, id);
  }

  getGroup(tenant: string, id: string) {
    return this.groupStore.getGroup(tenant, id);
  }
  members(tenant: string, groupId: string) {
    return this.memberships.members(tenant, groupId);
  }
  findGroupByName(tenant: string, displayName: string) {
    return this.groupStore.findGroupByName(tenant, displayName);
  }
  /** Pointer and account item (two consistent reads): the names and version one write left together. */
  async groupsOf(tenant: string, accountId: string): Promise<AccountGroups | undefined> {
    const account = await this.userStore.getAccount(tenant, accountId);
    return (
      account && { accountId, groupNames: (account.groups ?? []).map((g) => g.displayName).sort(), version: account.groupsVersion ?? 0 }
    );
  }
  createGroup(tenant: string, fields: GroupFields, memberIds: readonly string[], write: WriteMark, settle: Settle) {
    return this.groupStore.createGroup(tenant, fields, memberIds, write, settle);
  }
  updateGroup(tenant: string, id: string, change: GroupChange, write: WriteMark, settle: Settle) {
    return this.groupStore.updateGroup(tenant, id, change, write, settle);
  }
  deleteGroup(tenant: string, id: string, _write: WriteMark, settle: Settle) {
    return this.groupStore.deleteGroup(tenant, id, settle);
  }

  recallPage(tenant: string, kind: 'User' | 'Group', startIndex: number): Promise<PageMark | undefined> {
    return this.marks.recall(tenant, kind, startIndex);
  }
  rememberPage(tenant: string, kind: 'User' | 'Group', startIndex: number, mark: PageMark): Promise<void> {
    return this.marks.remember(tenant, kind, startIndex, mark);
  }
}
