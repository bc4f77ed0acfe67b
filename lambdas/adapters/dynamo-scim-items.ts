/**
 * Keys of the SCIM items in the directory table (layout in tables.ts). All live in the
 * tenant's partition beside its accounts, so removing a tenant removes them too.
 */
import type { Key } from './dynamo-items.js';

const partition = (tenant: string) => `TENANT#${tenant}`;

export const GROUP_PREFIX = 'GROUP#';
export const groupKey = (tenant: string, id: string): Key => ({ pk: partition(tenant), sk: `${GROUP_PREFIX}${id}` });
/** The uniqueness claim of a group name (compared without regard to case): names its `groupId`. */
export const groupNameKey = (tenant: string, displayName: string): Key => ({
  pk: partition(tenant),
  sk: `GROUPNAME#${displayName.toLowerCase()}`,
});
/** One membership; `members()` is one Query on `MEMBER#<group id>#`. */
export const memberPrefix = (groupId: string) => `MEMBER#${groupId}#`;
export const memberKey = (tenant: string, groupId: string, accountId: string): Key => ({
  pk: partition(tenant),
  sk: `${memberPrefix(groupId)}${accountId}`,
});
/** Finds accounts by Okta's user id: one Query on `EXTID#<externalId>#` (not unique, so keyed by account id too). */
export const externalIdPrefix = (externalId: string) => `EXTID#${externalId}#`;
export const externalIdKey = (tenant: string, externalId: string, accountId: string): Key => ({
  pk: partition(tenant),
  sk: `${externalIdPrefix(externalId)}${accountId}`,
});
/** Says that every account of the tenant has its id pointer (accounts made before pointers existed were given theirs). */
export const idsCompleteKey = (tenant: string): Key => ({ pk: partition(tenant), sk: 'SCIM#IDS' });

/** Where a SCIM listing's page ended, in the sessions table (TTL): `pk = TENANT#<t>`, `sk = SCIMPAGE#<kind>#<startIndex>`. */
export const pageMarkKey = (tenant: string, kind: string, startIndex: number): Key => ({
  pk: partition(tenant),
  sk: `SCIMPAGE#${kind}#${startIndex}`,
});

/** `grp_` and 20 base64url characters, as account ids are made. */
export const GROUP_ID_PREFIX = 'grp_';
