/**
 * The ports the SCIM use cases need. `ScimDirectory` reads and writes the tenant's accounts
 * (SCIM Users) and groups; `ScimSessions` ends an account's sessions and keeps the group names
 * its live sessions carry; `ScimEventSink` records what support reads with `events`.
 *
 * Every write takes a `WriteMark`: the store keeps `requestId` on the items it writes, so
 * that the SDK's retry of our own write (after a lost answer) is recognised as ours and not
 * answered as a conflict, while a second request still loses a real race.
 */

/** The profile a SCIM client sets on an account (everything but ids, times and groups). */
export interface UserFields {
  /** Canonical email: trimmed, ASCII-lowercased. The SCIM `userName`. */
  email: string;
  givenName?: string;
  familyName?: string;
  /** Accounts made before given and family names existed carry their one name here. */
  displayName?: string;
  active: boolean;
  /** Okta's user id. Stored and echoed, never an identity proof. */
  externalId?: string;
}

/** A group an account belongs to, as the account carries it. */
interface GroupRef {
  id: string;
  displayName: string;
}

/** An account as SCIM sees it. Accounts from `account add`, CSV and JIT are users too. */
export interface ScimUser extends UserFields {
  tenant: string;
  /** The account id (`acc_…`), the SCIM `id` and the session token's `sub`. */
  id: string;
  /** The groups of the tenant the account is a member of (read-only in SCIM). */
  groups: GroupRef[];
  createdAt: string;
  /** ISO time of the last change; `createdAt` for accounts never changed since. */
  updatedAt: string;
}

export interface GroupFields {
  /** Unique in the tenant, compared without regard to case. */
  displayName: string;
  externalId?: string;
}

/** A member of a group: the account id and, for `members[].display`, its email. */
export interface Member {
  id: string;
  email: string;
}

export interface ScimGroup extends GroupFields {
  tenant: string;
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** What a group write changes in membership, for a group PUT or PATCH. */
type MemberChange = { set: string[] } | { add: string[]; remove: string[] };

export interface GroupChange {
  displayName?: string;
  /** `null` removes it. */
  externalId?: string | null;
  members?: MemberChange;
}

/**
 * The result of a group write: the group as it now is (as it was, after a delete) and the ids
 * of the accounts whose live sessions were re-synced (what `settle` was given).
 */
export interface GroupWrite {
  group: ScimGroup;
  accounts: string[];
}

/**
 * Re-syncs the sessions of these accounts (groups.ts). A group write calls it once, after the
 * accounts' group entries are written and before it forgets who was affected (a leaver's
 * membership, the deleted group): if it throws, the write is left so that Okta's retry of the
 * same request names the same accounts again and finishes.
 */
export type Settle = (accountIds: string[]) => Promise<void>;

/** An account's group names and the version they carry (bumped with every change of them). */
export interface AccountGroups {
  accountId: string;
  groupNames: string[];
  /** Orders concurrent session updates: a session never takes names of a lower version than it holds. */
  version: number;
}

export interface WriteMark {
  /**
   * Unique per SCIM request; the same on the SDK's retries of one write. Stores use it as the
   * write id of conditional puts: one request makes at most one such put per item (a second
   * put of the same item only follows one that did not write), so a write id on an item can
   * only mean this request's own earlier attempt.
   */
  requestId: string;
  now: Date;
}

/** One page of a listing in its stable order; `next` continues after the last item, absent at the end. */
interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * A listing in a stable order (the same on every page), read with opaque cursors so that a
 * page costs O(count), never O(startIndex).
 */
export interface Listing<T> {
  /** How many items the listing holds now. */
  count(tenant: string): Promise<number>;
  /** Up to `limit` items after `after` (from the start when undefined). */
  page(tenant: string, after: string | undefined, limit: number): Promise<Page<T>>;
  /**
   * The cursor after the first `n` items (keys only, no item bodies), or undefined when the
   * listing holds `n` or fewer. Only used when no remembered mark exists for a `startIndex`.
   */
  skip(tenant: string, n: number): Promise<string | undefined>;
}

/** Where a listing's page ended: read on the next page request (`startIndex` = end + 1). */
export interface PageMark {
  cursor: string;
  /** `totalResults` as counted for the first page of this walk. */
  total: number;
}

export interface ScimDirectory {
  users: Listing<ScimUser>;
  /** Groups without members (`excludedAttributes=members` costs nothing extra). */
  groups: Listing<ScimGroup>;

  getUser(tenant: string, id: string): Promise<ScimUser | undefined>;
  /** The accounts among `ids` that exist in the tenant (ids of other tenants are simply absent). */
  getUsers(tenant: string, ids: readonly string[]): Promise<ScimUser[]>;
  findUserByEmail(tenant: string, email: string): Promise<ScimUser | undefined>;
  findUsersByExternalId(tenant: string, externalId: string): Promise<ScimUser[]>;
  /** A new account. ConflictError (ports.ts) when the tenant already has this email. */
  createUser(tenant: string, fields: UserFields, write: WriteMark): Promise<ScimUser>;
  /**
   * Replaces the account's fields (an email change moves the account's email key). Undefined
   * when the account is gone; ConflictError when the new email belongs to another account.
   */
  updateUser(tenant: string, id: string, fields: UserFields, write: WriteMark): Promise<ScimUser | undefined>;
  /** Removes the account, its subject link and its group memberships; undefined when it was gone. */
  deleteUser(tenant: string, id: string, write: WriteMark): Promise<ScimUser | undefined>;

  getGroup(tenant: string, id: string): Promise<ScimGroup | undefined>;
  /** Every member of the group, in a stable order. */
  members(tenant: string, groupId: string): Promise<Member[]>;
  findGroupByName(tenant: string, displayName: string): Promise<ScimGroup | undefined>;
  /**
   * The account's current group names and their version (a consistent read), or undefined when
   * it is no account of the tenant. Read right before its sessions are written.
   */
  groupsOf(tenant: string, accountId: string): Promise<AccountGroups | undefined>;
  // Group writes settle (see `Settle`) every account the request names or whose names change:
  // create — the members; update — the ids of a members `add`/`remove`, or, for a members `set`,
  // the members before and after; with a `displayName`, every member; delete — the members.
  /** ConflictError when the tenant has a group of this name (any case). Members are checked ids. */
  createGroup(tenant: string, fields: GroupFields, memberIds: readonly string[], write: WriteMark, settle: Settle): Promise<GroupWrite>;
  /** Undefined when the group is gone; ConflictError on a rename to a taken name. */
  updateGroup(tenant: string, id: string, change: GroupChange, write: WriteMark, settle: Settle): Promise<GroupWrite | undefined>;
  /** Undefined when the group was gone (a repeat after a failed settle still finds it). */
  deleteGroup(tenant: string, id: string, write: WriteMark, settle: Settle): Promise<GroupWrite | undefined>;

  /** The mark remembered for this listing at `startIndex`, if it is still fresh. */
  recallPage(tenant: string, kind: 'User' | 'Group', startIndex: number): Promise<PageMark | undefined>;
  /** Remembers, for a short time, where a page ended (`startIndex` is that of the next page). */
  rememberPage(tenant: string, kind: 'User' | 'Group', startIndex: number, mark: PageMark): Promise<void>;
}

/** Why SCIM ends an account's sessions (the `reason` of the revocation log line). */
export type ScimRevocationReason = 'account_deactivated' | 'account_deleted' | 'account_email_changed';

export interface ScimSessions {
  /** Ends every session of the account (the revocation path of `account remove`); returns how many. */
  endAccount(tenant: string, accountId: string, reason: ScimRevocationReason, email?: string): Promise<number>;
  /**
   * Sets the group names the account's live sessions carry (what `GET /auth/session` shows),
   * on each session that holds an older version (or none): a slower request never restores
   * names a newer one replaced.
   */
  setGroupNames(tenant: string, accountId: string, groups: Pick<AccountGroups, 'groupNames' | 'version'>): Promise<void>;
}

/** The events SCIM records, which support reads with `events`; never a token. */
type ScimEventType =
  'account_provisioned' | 'account_updated' | 'account_deactivated' | 'account_reactivated' | 'account_deleted' | 'group_changed';

export interface ScimEventInput {
  tenant: string;
  type: ScimEventType;
  email?: string;
  /** The group's display name, for `group_changed`. */
  group?: string;
}

interface ScimEventSink {
  /** Never throws (the recorder logs a failed write). */
  record(input: ScimEventInput): unknown;
}

export interface ScimDeps {
  directory: ScimDirectory;
  sessions: ScimSessions;
  events: ScimEventSink;
}

/** Who asks: the tenant of the host the valid token was presented on, and where its SCIM API lives. */
export interface ScimRequest {
  tenant: string;
  /** `<origin>/scim/v2`, for `meta.location` and `Location`. */
  baseUrl: string;
  requestId: string;
  now: Date;
}
