/**
 * PLACEHOLDER until the DynamoDB ScimDirectory exists (issue #17, phase 2b): every Users and
 * Groups operation answers 501 Not Implemented as an RFC 7644 error. Discovery and
 * authentication work without it. Replace `scimDirectoryPlaceholder` in wiring/scim.ts with the
 * DynamoDB adapter (built on the directory table) and delete this file.
 */
import type { Listing, ScimDirectory } from '../core/scim/directory.js';
import { ScimError } from '../core/scim/errors.js';

const notYet = async (): Promise<never> => {
  throw new ScimError(501, 'SCIM Users and Groups are not available on this deployment yet.');
};

const listing: Listing<never> = { count: notYet, page: notYet, skip: notYet };

export const scimDirectoryPlaceholder = (): ScimDirectory => ({
  users: listing,
  groups: listing,
  getUser: notYet,
  getUsers: notYet,
  findUserByEmail: notYet,
  findUsersByExternalId: notYet,
  createUser: notYet,
  updateUser: notYet,
  deleteUser: notYet,
  getGroup: notYet,
  members: notYet,
  findGroupByName: notYet,
  createGroup: notYet,
  updateGroup: notYet,
  deleteGroup: notYet,
  recallPage: notYet,
  rememberPage: notYet,
});
