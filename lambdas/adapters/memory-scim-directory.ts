/**
 * The ScimDirectory port in memory, for unit tests of the SCIM use cases. Users in a stable
 * order (by id), cursors are the last id of a page, and it counts item reads so that tests can
 * hold the paging to its cost (a page must not cost O(startIndex)). Each method runs to
 * completion without awaiting, so every write is atomic here by construction.
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
        const items = of(tenant).filter((i) => after === undefined || i.id > after).slice(0, limit + 1);
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

  private groupNames(tenant: string, accountId: string): AccountGroups {
    return { accountId, groupNames: this.withGroups(this.userMap.get(this.key(tenant, accountId))!).groups.map((g) => g.displayName).sort() };
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
    return sorted([...this.userMap.values()].filter((u) => u.tenant === tenant && u.externalId === externalId)).map((u) => this.withGroups(u));
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
    if ([...this.userMap.values()].some((u) => u.tenant === tenant && u.email === fields.email && u.id !== id)) throw new ConflictError('email taken');
    const user: ScimUser = { ...structuredClone(fields), tenant, id, groups: [], createdAt: current.createdAt, updatedAt: write.now.toISOString() };
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
    const ids = [...(this.memberships.get(this.key(tenant, groupId)) ?? [])].sort();
    this.itemsRead += ids.length;
    return ids.map((id) => ({ id, email: this.userMap.get(this.key(tenant, id))!.email }));
  }

  async findGroupByName(tenant: string, displayName: string) {
    const group = [...this.groupMap.values()].find((g) => g.tenant === tenant && g.displayName.toLowerCase() === displayName.toLowerCase());
    return group && structuredClone(group);
  }

  private nameTaken(tenant: string, displayName: string, except?: string): boolean {
    return [...this.groupMap.values()].some((g) => g.tenant === tenant && g.id !== except && g.displayName.toLowerCase() === displayName.toLowerCase());
  }

  async createGroup(tenant: string, fields: GroupFields, memberIds: readonly string[], write: WriteMark): Promise<GroupWrite> {
    if (this.nameTaken(tenant, fields.displayName)) throw new ConflictError('group name taken');
    const at = write.now.toISOString();
    const group: ScimGroup = { ...structuredClone(fields), tenant, id: newId('grp'), createdAt: at, updatedAt: at };
    this.groupMap.set(this.key(tenant, group.id), group);
    this.memberships.set(this.key(tenant, group.id), new Set(memberIds));
    return { group: structuredClone(group), accounts: memberIds.map((id) => this.groupNames(tenant, id)) };
  }

  async updateGroup(tenant: string, id: string, change: GroupChange, write: WriteMark): Promise<GroupWrite | undefined> {
    const current = this.groupMap.get(this.key(tenant, id));
    if (!current) return undefined;
    if (change.displayName !== undefined && this.nameTaken(tenant, change.displayName, id)) throw new ConflictError('group name taken');
    const members = this.memberships.get(this.key(tenant, id))!;
    const before = new Set(members);
    const group: ScimGroup = { ...current, updatedAt: write.now.toISOString() };
    if (change.displayName !== undefined) group.displayName = change.displayName;
    if (change.externalId === null) delete group.externalId;
    else if (change.externalId !== undefined) group.externalId = change.externalId;
    if (change.members && 'set' in change.members) {
      members.clear();
      for (const m of change.members.set) members.add(m);
    } else if (change.members) {
      for (const m of change.members.add) members.add(m);
      for (const m of change.members.remove) members.delete(m);
    }
    this.groupMap.set(this.key(tenant, id), group);
    const renamed = group.displayName !== current.displayName;
    const affected = [...new Set([...before, ...members])].filter((m) => renamed || before.has(m) !== members.has(m));
    return { group: structuredClone(group), accounts: affected.map((m) => this.groupNames(tenant, m)) };
  }

  async deleteGroup(tenant: string, id: string): Promise<GroupWrite | undefined> {
    const group = this.groupMap.get(this.key(tenant, id));
    if (!group) return undefined;
    const members = [...(this.memberships.get(this.key(tenant, id)) ?? [])];
    this.groupMap.delete(this.key(tenant, id));
    this.memberships.delete(this.key(tenant, id));
    return { group: structuredClone(group), accounts: members.map((m) => this.groupNames(tenant, m)) };
  }

  async recallPage(tenant: string, kind: 'User' | 'Group', startIndex: number) {
    return this.marks.get(`${tenant}\n${kind}\n${startIndex}`);
  }

  async rememberPage(tenant: string, kind: 'User' | 'Group', startIndex: number, mark: PageMark) {
    this.marks.set(`${tenant}\n${kind}\n${startIndex}`, mark);
  }
}
