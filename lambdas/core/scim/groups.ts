/**
 * The SCIM Groups endpoint as use cases over the ScimDirectory port. Members must be accounts
 * of the same tenant (400 invalidValue otherwise, nothing written). Every group write
 * re-syncs the live sessions of each account it names (`settle`, directory.ts), so that
 * `GET /auth/session` stays one read: each account's current names are read right before its
 * sessions are written, and the write carries their version, so that neither a retried request
 * (the membership already changed) nor a slower concurrent one leaves stale names behind.
 */
import { ConflictError } from '../ports.js';
import type { GroupChange, Member, ScimDeps, ScimGroup, ScimRequest, Settle, WriteMark } from './directory.js';
import { scimError } from './errors.js';
import { isAccountId, isGroupId } from './ids.js';
import { parseGroupFilter } from './filter.js';
import { groupResource, parseGroupResource } from './group-resource.js';
import { patchGroup as patchChange } from './group-patch.js';
import { answer, noContent, scimJson, type ScimOutcome } from './outcome.js';
import { listResponse, parsePaging, readPage, slicePage } from './paging.js';
import { parsePatchOperations } from './patch-ops.js';

export interface GroupQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  /** Comma-separated; `members` leaves members out (and unread). */
  excludedAttributes?: string;
  /** Comma-separated; when given without `members`, members are left out too. */
  attributes?: string;
}

/** How many accounts' sessions are updated at once after a group write. */
const SESSION_UPDATE_BATCH = 25;

const mark = (req: ScimRequest): WriteMark => ({ requestId: req.requestId, now: req.now });
const notFound = () => scimError.notFound('No such group in this tenant.');
const taken = () => scimError.uniqueness('The tenant already has a group with this displayName.');
const names = (list: string | undefined) =>
  (list ?? '').split(',').map((a) =>
    a
      .trim()
      .toLowerCase()
      .replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/, ''),
  );

const wantsMembers = (query: Pick<GroupQuery, 'attributes' | 'excludedAttributes'>): boolean =>
  !names(query.excludedAttributes).includes('members') && (query.attributes === undefined || names(query.attributes).includes('members'));

/** The members these ids name, in order; 400 invalidValue naming the first id that is no user of this tenant. */
async function requireMembers(deps: ScimDeps, tenant: string, ids: readonly string[]): Promise<Member[]> {
  if (ids.length === 0) return [];
  const malformed = ids.find((id) => !isAccountId(id));
  if (malformed !== undefined) throw scimError.invalidValue(`No user "${malformed}" in this tenant; members must be users of this tenant.`);
  const found = new Map((await deps.directory.getUsers(tenant, ids)).map((u) => [u.id, u]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw scimError.invalidValue(`No user "${missing}" in this tenant; members must be users of this tenant.`);
  return ids.map((id) => ({ id, email: found.get(id)!.email }));
}

/** Gives the live sessions of these accounts their current group names (see the file comment). */
const syncSessions =
  (deps: ScimDeps, tenant: string): Settle =>
  async (accountIds) => {
    const ids = [...new Set(accountIds)].filter(isAccountId);
    for (let i = 0; i < ids.length; i += SESSION_UPDATE_BATCH) {
      await Promise.all(
        ids.slice(i, i + SESSION_UPDATE_BATCH).map(async (id) => {
          const groups = await deps.directory.groupsOf(tenant, id);
          if (groups) await deps.sessions.setGroupNames(tenant, id, groups);
        }),
      );
    }
  };

/** A directory write whose ConflictError means the name is taken. */
async function written<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ConflictError ? taken() : error;
  }
}

export const createGroup = (deps: ScimDeps, req: ScimRequest, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    const { fields, memberIds } = parseGroupResource(body);
    const members = await requireMembers(deps, req.tenant, memberIds);
    const write = await written(() => deps.directory.createGroup(req.tenant, fields, memberIds, mark(req), syncSessions(deps, req.tenant)));
    deps.events.record({ tenant: req.tenant, type: 'group_changed', group: write.group.displayName });
    return scimJson(201, groupResource(write.group, req.baseUrl, members), { location: `${req.baseUrl}/Groups/${write.group.id}` });
  });

export const getGroup = (deps: ScimDeps, req: ScimRequest, id: string, query: GroupQuery = {}): Promise<ScimOutcome> =>
  answer(async () => {
    if (!isGroupId(id)) throw notFound();
    const group = await deps.directory.getGroup(req.tenant, id);
    if (!group) throw notFound();
    const members = wantsMembers(query) ? await deps.directory.members(req.tenant, id) : undefined;
    return scimJson(200, groupResource(group, req.baseUrl, members));
  });

export const listGroups = (deps: ScimDeps, req: ScimRequest, query: GroupQuery): Promise<ScimOutcome> =>
  answer(async () => {
    const paging = parsePaging(query);
    const filter = parseGroupFilter(query.filter);
    let page: { total: number; items: ScimGroup[] };
    if (filter) {
      const group = await deps.directory.findGroupByName(req.tenant, filter.value);
      page = { total: group ? 1 : 0, items: slicePage(group ? [group] : [], paging) };
    } else {
      page = await readPage(deps.directory.groups, deps.directory, { tenant: req.tenant, kind: 'Group' }, paging);
    }
    const withMembers = wantsMembers(query);
    const resources = await Promise.all(
      page.items.map(async (g) => groupResource(g, req.baseUrl, withMembers ? await deps.directory.members(req.tenant, g.id) : undefined)),
    );
    return scimJson(200, listResponse(page.total, paging.startIndex, resources));
  });

async function changeGroup(deps: ScimDeps, req: ScimRequest, id: string, change: GroupChange): Promise<ScimGroup> {
  if (!isGroupId(id)) throw notFound();
  const added = change.members ? ('set' in change.members ? change.members.set : change.members.add) : [];
  await requireMembers(deps, req.tenant, added);
  // An id of no account's shape is no member: nothing to remove, nothing to read.
  if (change.members && 'remove' in change.members)
    change = { ...change, members: { ...change.members, remove: change.members.remove.filter(isAccountId) } };
  const write = await written(() => deps.directory.updateGroup(req.tenant, id, change, mark(req), syncSessions(deps, req.tenant)));
  if (!write) throw notFound();
  deps.events.record({ tenant: req.tenant, type: 'group_changed', group: write.group.displayName });
  return write.group;
}

/** PUT: the whole group; members become exactly the list sent. */
export const replaceGroup = (deps: ScimDeps, req: ScimRequest, id: string, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    const { fields, memberIds } = parseGroupResource(body);
    const group = await changeGroup(deps, req, id, {
      displayName: fields.displayName,
      externalId: fields.externalId ?? null,
      members: { set: memberIds },
    });
    return scimJson(200, groupResource(group, req.baseUrl, await deps.directory.members(req.tenant, id)));
  });

/** PATCH: 204, so that a Group Push of one member costs that member, not a read of all of them. */
export const patchGroup = (deps: ScimDeps, req: ScimRequest, id: string, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    if (!isGroupId(id)) throw notFound();
    const change = patchChange(id, parsePatchOperations(body));
    if (change.displayName === undefined && change.externalId === undefined && change.members === undefined) {
      if (!(await deps.directory.getGroup(req.tenant, id))) throw notFound();
      return noContent();
    }
    await changeGroup(deps, req, id, change);
    return noContent();
  });

export const deleteGroup = (deps: ScimDeps, req: ScimRequest, id: string): Promise<ScimOutcome> =>
  answer(async () => {
    if (!isGroupId(id)) throw notFound();
    const write = await deps.directory.deleteGroup(req.tenant, id, mark(req), syncSessions(deps, req.tenant));
    if (!write) throw notFound();
    deps.events.record({ tenant: req.tenant, type: 'group_changed', group: write.group.displayName });
    return noContent();
  });
