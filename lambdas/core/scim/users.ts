/**
 * The SCIM Users endpoint as use cases over the ScimDirectory port. Each returns an outcome
 * (status, SCIM JSON body, headers); errors become RFC 7644 error outcomes.
 */
import { canonicalEmail, isEmail } from '../email.js';
import { ConflictError } from '../ports.js';
import type { ScimDeps, ScimRequest, ScimUser, UserFields, WriteMark } from './directory.js';
import { scimError } from './errors.js';
import { parseUserFilter } from './filter.js';
import { isAccountId } from './ids.js';
import { answer, noContent, scimJson, type ScimOutcome } from './outcome.js';
import { listResponse, parsePaging, readPage, slicePage } from './paging.js';
import { parsePatchOperations } from './patch-ops.js';
import { patchUser as applyPatch } from './user-patch.js';
import { parseUserResource, userResource } from './user-resource.js';

export interface ListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
}

const mark = (req: ScimRequest): WriteMark => ({ requestId: req.requestId, now: req.now });
const notFound = () => scimError.notFound('No such user in this tenant.');
const taken = () => scimError.uniqueness('The tenant already has a user with this userName.');
const ok = (req: ScimRequest, user: ScimUser, status = 200) =>
  scimJson(status, userResource(user, req.baseUrl), status === 201 ? { location: `${req.baseUrl}/Users/${user.id}` } : {});

/** The settable fields of a user, nothing else. */
function fieldsOf(user: ScimUser): UserFields {
  const { email, givenName, familyName, displayName, active, externalId } = user;
  return {
    email,
    active,
    ...(givenName !== undefined ? { givenName } : {}),
    ...(familyName !== undefined ? { familyName } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(externalId !== undefined ? { externalId } : {}),
  };
}

const PROFILE = ['email', 'givenName', 'familyName', 'displayName', 'externalId'] as const;
const profileChanged = (a: UserFields, b: UserFields) => PROFILE.some((k) => a[k] !== b[k]);

export const createUser = (deps: ScimDeps, req: ScimRequest, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    const fields = parseUserResource(body);
    let user: ScimUser;
    try {
      user = await deps.directory.createUser(req.tenant, fields, mark(req));
    } catch (error) {
      throw error instanceof ConflictError ? taken() : error;
    }
    deps.events.record({ tenant: req.tenant, type: 'account_provisioned', email: user.email });
    return ok(req, user, 201);
  });

export const getUser = (deps: ScimDeps, req: ScimRequest, id: string): Promise<ScimOutcome> =>
  answer(async () => {
    if (!isAccountId(id)) throw notFound();
    const user = await deps.directory.getUser(req.tenant, id);
    if (!user) throw notFound();
    return ok(req, user);
  });

export const listUsers = (deps: ScimDeps, req: ScimRequest, query: ListQuery): Promise<ScimOutcome> =>
  answer(async () => {
    const paging = parsePaging(query);
    const filter = parseUserFilter(query.filter);
    let page: { total: number; items: ScimUser[] };
    if (filter) {
      let all: ScimUser[];
      if (filter.attribute === 'userName') {
        // userName is not case-exact (RFC 7643): compare canonical emails; a non-email matches no one.
        const email = canonicalEmail(filter.value);
        const user = isEmail(email) ? await deps.directory.findUserByEmail(req.tenant, email) : undefined;
        all = user ? [user] : [];
      } else {
        all = await deps.directory.findUsersByExternalId(req.tenant, filter.value);
      }
      page = { total: all.length, items: slicePage(all, paging) };
    } else {
      page = await readPage(deps.directory.users, deps.directory, { tenant: req.tenant, kind: 'User' }, paging);
    }
    return scimJson(
      200,
      listResponse(
        page.total,
        paging.startIndex,
        page.items.map((u) => userResource(u, req.baseUrl)),
      ),
    );
  });

/**
 * Writes the user's new fields when they differ, records what changed, and ends sessions when
 * the result is inactive (also when it already was: a retry after a failed revocation must still
 * end them) or the email changed (the sessions carry the old one).
 */
async function changeUser(deps: ScimDeps, req: ScimRequest, id: string, next: (current: ScimUser) => UserFields): Promise<ScimOutcome> {
  if (!isAccountId(id)) throw notFound();
  const current = await deps.directory.getUser(req.tenant, id);
  if (!current) throw notFound();
  const fields = next(current);
  const before = fieldsOf(current);
  let user = current;
  if (profileChanged(before, fields) || before.active !== fields.active) {
    try {
      const updated = await deps.directory.updateUser(req.tenant, id, fields, mark(req));
      if (!updated) throw notFound();
      user = updated;
    } catch (error) {
      throw error instanceof ConflictError ? taken() : error;
    }
    if (profileChanged(before, fields)) deps.events.record({ tenant: req.tenant, type: 'account_updated', email: user.email });
    if (before.active !== fields.active)
      deps.events.record({ tenant: req.tenant, type: fields.active ? 'account_reactivated' : 'account_deactivated', email: user.email });
  }
  if (!user.active) await deps.sessions.endAccount(req.tenant, id, 'account_deactivated', user.email);
  else if (before.email !== user.email) await deps.sessions.endAccount(req.tenant, id, 'account_email_changed', user.email);
  return ok(req, user);
}

export const replaceUser = (deps: ScimDeps, req: ScimRequest, id: string, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    const fields = parseUserResource(body);
    return changeUser(deps, req, id, () => fields);
  });

export const patchUser = (deps: ScimDeps, req: ScimRequest, id: string, body: Record<string, unknown>): Promise<ScimOutcome> =>
  answer(async () => {
    const ops = parsePatchOperations(body);
    return changeUser(deps, req, id, (current) => applyPatch(fieldsOf(current), id, ops));
  });

/** Deletes the account, then ends its sessions; an unknown id still ends any sessions (a retry after a failed revocation). */
export const deleteUser = (deps: ScimDeps, req: ScimRequest, id: string): Promise<ScimOutcome> =>
  answer(async () => {
    if (!isAccountId(id)) throw notFound();
    const user = await deps.directory.deleteUser(req.tenant, id, mark(req));
    await deps.sessions.endAccount(req.tenant, id, 'account_deleted', user?.email);
    if (!user) throw notFound();
    deps.events.record({ tenant: req.tenant, type: 'account_deleted', email: user.email });
    return noContent();
  });
