/**
 * The shape of the ids SCIM hands out: accounts are `acc_` and groups `grp_`, each followed by
 * 20 base64url characters (120 random bits; dynamo-items.ts and dynamo-scim-items.ts make them,
 * and every account ever stored has one). A `{id}` or member `value` of another shape names
 * nothing: it is answered 404 (or refused) before any key is built or any item read.
 */
const ACCOUNT_ID = /^acc_[A-Za-z0-9_-]{20}$/;
const GROUP_ID = /^grp_[A-Za-z0-9_-]{20}$/;

export const isAccountId = (id: string): boolean => ACCOUNT_ID.test(id);
export const isGroupId = (id: string): boolean => GROUP_ID.test(id);
