/**
 * What Okta's Lifecycle Management sends an app over SCIM 2.0, on the development IdP: the
 * requests of Okta's SCIM protocol reference (find by `userName eq`, create, deactivate and
 * reactivate by PATCH, Group Push), with the app's bearer token, over real HTTP. Like Okta, it
 * remembers the id the app gave each user and group; an id the app no longer knows is
 * forgotten and looked up again next time. The token is sent, never shown or logged.
 */
import { randomBytes } from 'node:crypto';
import type { DevScimConnection, DevUser } from './okta-idp-directory.js';
import { loopbackRequest } from './loopback-http.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const PROVISIONING_ACTIONS = ['create', 'deactivate', 'reactivate', 'push', 'unpush'] as const;
export type ProvisioningAction = (typeof PROVISIONING_ACTIONS)[number];

/** One request and the app's answer, as the page shows them (the password in a body is masked). */
export interface ScimExchange {
  method: string;
  /** Path under the host, query decoded for reading, e.g. `/scim/v2/Users?filter=userName eq "…"`. */
  path: string;
  request?: unknown;
  status: number;
  answer?: unknown;
}

/**
 * `linked`: the app already had the user (found by `userName eq`), so Okta links instead of
 * creating; `notProvisioned` / `groupNotPushed`: the app has no such user / group yet.
 */
type ProvisioningOutcome = 'done' | 'linked' | 'notProvisioned' | 'groupNotPushed' | 'failed';

export interface ProvisioningRun {
  outcome: ProvisioningOutcome;
  exchanges: ScimExchange[];
}

/** The ids the app gave, per Okta user id and per group name (lowercase), as Okta keeps them. */
export interface ProvisioningMemory {
  users: Map<string, string>;
  groups: Map<string, string>;
}

export const newProvisioningMemory = (): ProvisioningMemory => ({ users: new Map(), groups: new Map() });

/** A SCIM filter value: a JSON-style string, quotes and backslashes escaped (RFC 7644 §3.4.2.2). */
const quoted = (value: string) => JSON.stringify(value);

/** The user as Okta's create sends it; the password is random, as when Okta does not sync passwords. */
function oktaCreateBody(user: DevUser): Record<string, unknown> {
  const [first = user.name, ...rest] = user.name.split(' ');
  return {
    schemas: [USER_SCHEMA],
    userName: user.email,
    name: { givenName: user.givenName ?? first, familyName: user.familyName ?? (rest.join(' ') || first) },
    emails: [{ primary: true, value: user.email, type: 'work' }],
    displayName: user.name,
    locale: 'en-US',
    externalId: user.id,
    groups: [],
    password: randomBytes(18).toString('base64url'),
    active: true,
  };
}

/** The `id` of a resource, or of a ListResponse's first resource. */
function idIn(json: unknown, first = false): string | undefined {
  const resource: unknown = first ? (json as { Resources?: unknown[] } | undefined)?.Resources?.[0] : json;
  const id = (resource as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

const activeOp = (active: boolean) => ({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { active } }] });
const ok = (status: number) => status >= 200 && status < 300;

class ScimCalls {
  readonly exchanges: ScimExchange[] = [];
  constructor(private readonly connection: DevScimConnection) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const url = new URL(`${this.connection.baseUrl}${path}`);
    const headers: Record<string, string> = { accept: 'application/scim+json', authorization: `Bearer ${this.connection.token}` };
    if (body !== undefined) headers['content-type'] = 'application/scim+json';
    const answer = await loopbackRequest(url, method, headers, body === undefined ? undefined : JSON.stringify(body));
    let json: unknown;
    try {
      json = answer.body ? JSON.parse(answer.body) : undefined;
    } catch {
      json = answer.body;
    }
    const shown = body && typeof body === 'object' && 'password' in body ? { ...body, password: '********' } : body;
    this.exchanges.push({
      method,
      path: decodeURIComponent(`${url.pathname}${url.search}`),
      request: shown,
      status: answer.status,
      answer: json,
    });
    return { status: answer.status, json };
  }
}

async function findUser(calls: ScimCalls, memory: ProvisioningMemory, user: DevUser, askAlways = false): Promise<string | undefined> {
  const known = memory.users.get(user.id);
  if (known && !askAlways) return known;
  const found = await calls.call('GET', `/Users?filter=${encodeURIComponent(`userName eq ${quoted(user.email)}`)}&startIndex=1&count=100`);
  const id = ok(found.status) ? idIn(found.json, true) : undefined;
  if (id) memory.users.set(user.id, id);
  else memory.users.delete(user.id);
  return id;
}

async function findGroup(calls: ScimCalls, memory: ProvisioningMemory, name: string): Promise<string | undefined> {
  const key = name.toLowerCase();
  if (memory.groups.has(key)) return memory.groups.get(key);
  const found = await calls.call(
    'GET',
    `/Groups?filter=${encodeURIComponent(`displayName eq ${quoted(name)}`)}&excludedAttributes=members`,
  );
  const id = ok(found.status) ? idIn(found.json, true) : undefined;
  if (id) memory.groups.set(key, id);
  return id;
}

/** Group Push of a new group: created empty, then members added by PATCH, as Okta does. */
async function pushGroup(calls: ScimCalls, memory: ProvisioningMemory, name: string): Promise<string | undefined> {
  const known = memory.groups.get(name.toLowerCase());
  if (known) return known;
  const created = await calls.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name, members: [] });
  const id = created.status === 201 ? idIn(created.json) : undefined;
  if (id) memory.groups.set(name.toLowerCase(), id);
  if (id) return id;
  return created.status === 409 ? findGroup(calls, memory, name) : undefined;
}

/** Runs one action against the app; the id of a user or group the app answers 404 for is forgotten. */
export async function provision(
  connection: DevScimConnection,
  memory: ProvisioningMemory,
  action: ProvisioningAction,
  user: DevUser,
  groupName: string,
): Promise<ProvisioningRun> {
  const calls = new ScimCalls(connection);
  const run = (outcome: ProvisioningOutcome): ProvisioningRun => ({ outcome, exchanges: calls.exchanges });
  const last = () => calls.exchanges.at(-1)!.status;
  const finish = (forget?: () => void): ProvisioningRun => {
    if (last() === 404) forget?.();
    return run(ok(last()) ? 'done' : 'failed');
  };

  if (action === 'create') {
    if (await findUser(calls, memory, user, true)) return run('linked');
    const created = await calls.call('POST', '/Users', oktaCreateBody(user));
    const id = created.status === 201 ? idIn(created.json) : undefined;
    if (id) memory.users.set(user.id, id);
    return finish();
  }
  const userId = await findUser(calls, memory, user);
  if (!userId) return run(ok(last()) ? 'notProvisioned' : 'failed');
  const forgetUser = () => memory.users.delete(user.id);
  if (action === 'deactivate' || action === 'reactivate') {
    await calls.call('PATCH', `/Users/${userId}`, activeOp(action === 'reactivate'));
    return finish(forgetUser);
  }
  const groupId = action === 'push' ? await pushGroup(calls, memory, groupName) : await findGroup(calls, memory, groupName);
  if (!groupId) return run(ok(last()) ? 'groupNotPushed' : 'failed');
  const op =
    action === 'push'
      ? { op: 'add', path: 'members', value: [{ value: userId, display: user.email }] }
      : { op: 'remove', path: `members[value eq ${quoted(userId)}]` };
  await calls.call('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_SCHEMA], Operations: [op] });
  return finish(() => memory.groups.delete(groupName.toLowerCase()));
}
