/**
 * The ScimDirectory port in memory, for unit tests of the SCIM use cases. Users in a stable
 * order (by id), cursors are the last id of a page, and it counts item reads so that tests can
 * hold the paging to its cost (a page must not cost O(startIndex)). Each method runs to
 * completion without awaiting, except group writes around their `settle`: as on DynamoDB,
 * leavers are off their accounts before it and still listed as members until it succeeds.
 */
import { randomBytes } from 'node:crypto';
import type {
  AccountGroups,
  GroupChange,
  GroupFields,
  GroupWrite,
  Listing,
  Member,
  PageMark,
  ScimDirectory,
  ScimGroup,
  ScimUser,
  Settle,
  UserFields,
  WriteMark,
} from '../core/scim/directory.js';
import { ConflictError } from '../core/ports.js';

const newId = (prefix: string) => `${prefix}_${randomBytes(15).toString('base64url')}`;
const sorted = <T extends { id: string }>(items: Iterable<T>) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export class MemoryScimDirectory implements ScimDirectory {
  private readonly userMap = new Map<string, ScimUser>();
  private readonly groupMap = new Map<string, ScimGroup>();
  /** group key → member account ids. */
  private readonly memberships = new Map<string, Set<string>>();
  /** group key → accounts that left (their account no longer shows it) whose `settle` has not yet succeeded. */
  private readonly leaving = new Map<string, Set<string>>();
  /** account key → version of its group names, bumped with each change of them. */
  private readonly versions = new Map<string, number>();
  private readonly marks = new Map<string, PageMark>();
  /** Items read by listings, counts and skips (a DynamoDB store's "items read"). */
  itemsRead = 0;

  readonly users: Listing<ScimUser> = this.listing(() => this.userMap.values());
  readonly groups: Listing<ScimGroup> = this.listing(() => this.groupMap.values());

  private listing<T extends { tenant: string; id: string }>(all: () => Iterable<T>): Listing<T> {
    const of = (tenant: string) => sorted([...all()].filter((i) => i.tenant === tenant));
    return {
      count: async (tenant) => {
        const items = of(tenant);
        this.itemsRead += items.length;
        return items.length;
      },
      page: async (tenant, after, limit) => {
        const items = of(tenant)
          .filter((i) => after === undefined || i.id > after)
          .slice(0, limit + 1);
        const page = items.slice(0, limit);
        this.itemsRead += page.length;
        return { items: page.map((i) => structuredClone(i)), ...(items.length > limit ? { next: page.at(-1)!.id } : {}) };
      },
      skip: async (tenant, n) => {
        const items = of(tenant);
        this.itemsRead += Math.min(n, items.length);
        return items.length > n ? items[n - 1]?.id : undefined;
      },
    };
  }

  private key = (tenant: string, id: string) => `${tenant}\n${id}`;

  private withGroups(user: ScimUser): ScimUser {
    const groups = [...this.groupMap.values()]
      .filter((g) => g.tenant === user.tenant && this.memberships.get(this.key(g.tenant, g.id))?.has(user.id))
      .map((g) => ({ id: g.id, displayName: g.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return { ...structuredClone(user), groups };
  }

  private bump(tenant: string, ids: Iterable<string>): void {
    for (const id of ids)
      if (this.userMap.has(this.key(tenant, id)))
        this.versions.set(this.key(tenant, id), (this.versions.get(this.key(tenant, id)) ?? 0) + 1);
  }

  async groupsOf(tenant: string, accountId: string): Promise<AccountGroups | undefined> {
    const user = this.userMap.get(this.key(tenant, accountId));
    if (!user) return undefined;
    const groupNames = this.withGroups(user)
      .groups.map((g) => g.displayName)
      .sort();
    return { accountId, groupNames, version: this.versions.get(this.key(tenant, accountId)) ?? 0 };
  }

  /** Settles, then forgets the group's leavers (kept when `settle` throws, so that a repeat finds them). */
  private async settled(tenant: string, groupId: string, accounts: string[], settle: Settle): Promise<string[]> {
    await settle(accounts);
    this.leaving.delete(this.key(tenant, groupId));
    return accounts;
  }

  async getUser(tenant: string, id: string) {
    const user = this.userMap.get(this.key(tenant, id));
    return user && this.withGroups(user);
  }

  async getUsers(tenant: string, ids: readonly string[]) {
    return ids.flatMap((id) => {
      const user = this.userMap.get(this.key(tenant, id));
      return user ? [this.withGroups(user)] : [];
    });
  }

  async findUserByEmail(tenant: string, email: string) {
    const user = [...this.userMap.values()].find((u) => u.tenant === tenant && u.email === email);
    return user && this.withGroups(user);
  }

  async findUsersByExternalId(tenant: string, externalId: string) {
    return sorted([...this.userMap.values()].filter((u) => u.tenant === tenant && u.externalId === externalId)).map((u) =>
      this.withGroups(u),
    );
  }

  async createUser(tenant: string, fields: UserFields, write: WriteMark) {
    if ([...this.userMap.values()].some((u) => u.tenant === tenant && u.email === fields.email)) throw new ConflictError('email taken');
    const at = write.now.toISOString();
    const user: ScimUser = { ...structuredClone(fields), tenant, id: newId('acc'), groups: [], createdAt: at, updatedAt: at };
    this.userMap.set(this.key(tenant, user.id), user);
    return this.withGroups(user);
  }

  async updateUser(tenant: string, id: string, fields: UserFields, write: WriteMark) {
    const current = this.userMap.get(this.key(tenant, id));
    if (!current) return undefined;
    if ([...this.userMap.values()].some((u) => u.tenant === tenant && u.email === fields.email && u.id !== id))
      throw new ConflictError('email taken');
    const user: ScimUser = {
      ...structuredClone(fields),
      tenant,
      id,
      groups: [],
      createdAt: current.createdAt,
      updatedAt: write.now.toISOString(),
    };
    this.userMap.set(this.key(tenant, id), user);
    return this.withGroups(user);
  }

  async deleteUser(tenant: string, id: string) {
    const user = this.userMap.get(this.key(tenant, id));
    if (!user) return undefined;
    const result = this.withGroups(user);
    this.userMap.delete(this.key(tenant, id));
    for (const [key, members] of this.memberships) if (key.startsWith(`${tenant}\n`)) members.delete(id);
    return result;
  }

  async getGroup(tenant: string, id: string) {
    const group = this.groupMap.get(this.key(tenant, id));
    return group && structuredClone(group);
  }

  async members(tenant: string, groupId: string): Promise<Member[]> {
    const key = this.key(tenant, groupId);
    const ids = [...new Set([...(this.memberships.get(key) ?? []), ...(this.leaving.get(key) ?? [])])].sort();
    this.itemsRead += ids.length;
    return ids.map((id) => ({ id, email: this.userMap.get(this.key(tenant, id))!.email }));
  }

  async findGroupByName(tenant: string, displayName: string) {
    const group = [...this.groupMap.values()].find((g) => g.tenant === tenant && g.displayName.toLowerCase() === displayName.toLowerCase());
    return group && structuredClone(group);
  }

  private nameTaken(tenant: string, displayName: string, except?: string): boolean {
    return [...this.groupMap.values()].some(
      (g) => g.tenant === tenant && g.id !== except && g.displayName.toLowerCase() === displayName.toLowerCase(),
    );
  }

  async createGroup(
    tenant: string,
    fields: GroupFields,
    memberIds: readonly string[],
    write: WriteMark,
    settle: Settle,
  ): Promise<GroupWrite> {
    if (this.nameTaken(tenant, fields.displayName)) throw new ConflictError('group name taken');
    const at = write.now.toISOString();
    const group: ScimGroup = { ...structuredClone(fields), tenant, id: newId('grp'), createdAt: at, updatedAt: at };
    this.groupMap.set(this.key(tenant, group.id), group);
    this.memberships.set(this.key(tenant, group.id), new Set(memberIds));
    this.bump(tenant, new Set(memberIds));
    return { group: structuredClone(group), accounts: await this.settled(tenant, group.id, [...new Set(memberIds)], settle) };
  }

  async updateGroup(tenant: string, id: string, change: GroupChange, write: WriteMark, settle: Settle): Promise<GroupWrite | undefined> {
    const current = this.groupMap.get(this.key(tenant, id));
    if (!current) return undefined;
    if (change.displayName !== undefined && this.nameTaken(tenant, change.displayName, id)) throw new ConflictError('group name taken');
    const members = this.memberships.get(this.key(tenant, id))!;
    const pending = this.leaving.get(this.key(tenant, id)) ?? new Set<string>();
    const before = new Set([...members, ...pending]);
    const group: ScimGroup = { ...current, updatedAt: write.now.toISOString() };
    if (change.displayName !== undefined) group.displayName = change.displayName;
    if (change.externalId === null) delete group.externalId;
    else if (change.externalId !== undefined) group.externalId = change.externalId;
    const named = new Set<string>();
    if (change.members && 'set' in change.members) {
      before.forEach((m) => named.add(m));
      change.members.set.forEach((m) => named.add(m));
      members.clear();
      for (const m of change.members.set) members.add(m);
    } else if (change.members) {
      [...change.members.add, ...change.members.remove].forEach((m) => named.add(m));
      for (const m of change.members.add) members.add(m);
      for (const m of change.members.remove) members.delete(m);
    }
    for (const m of before) if (!members.has(m)) pending.add(m);
    for (const m of members) pending.delete(m);
    this.leaving.set(this.key(tenant, id), pending);
    if (change.displayName !== undefined) members.forEach((m) => named.add(m));
    this.groupMap.set(this.key(tenant, id), group);
    this.bump(tenant, named);
    return { group: structuredClone(group), accounts: await this.settled(tenant, id, [...named], settle) };
  }

  async deleteGroup(tenant: string, id: string, _write: WriteMark, settle: Settle): Promise<GroupWrite | undefined> {
    const group = this.groupMap.get(this.key(tenant, id));
    if (!group) return undefined;
    const members = (await this.members(tenant, id)).map((m) => m.id);
    const key = this.key(tenant, id);
    this.leaving.set(key, new Set(members));
    this.memberships.set(key, new Set());
    this.bump(tenant, members);
    await settle(members);
    this.groupMap.delete(key);
    this.memberships.delete(key);
    this.leaving.delete(key);
    return { group: structuredClone(group), accounts: members };
  }

  async recallPage(tenant: string, kind: 'User' | 'Group', startIndex: number) {
    return this.marks.get(`${tenant}\n${kind}\n${startIndex}`);
  }

  async rememberPage(tenant: string, kind: 'User' | 'Group', startIndex: number, mark: PageMark) {
    this.marks.set(`${tenant}\n${kind}\n${startIndex}`, mark);
  }
}
