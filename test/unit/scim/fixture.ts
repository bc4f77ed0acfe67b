/** A SCIM tenant in memory: the directory, a recording sessions port and event sink. */
import { MemoryScimDirectory } from '../../../lambdas/adapters/memory-scim-directory.js';
import type { ScimDeps, ScimEventInput, ScimRequest, ScimRevocationReason } from '../../../lambdas/core/scim/directory.js';

export const BASE = 'https://acme.impero.com/scim/v2';

export function scimTenant(tenant = 'acme') {
  const directory = new MemoryScimDirectory();
  const events: ScimEventInput[] = [];
  const ended: { accountId: string; reason: ScimRevocationReason }[] = [];
  const sessionGroups = new Map<string, string[]>();
  let failRevocation = false;
  const deps: ScimDeps = {
    directory,
    events: { record: (e) => events.push(e) },
    sessions: {
      endAccount: async (_tenant, accountId, reason) => {
        if (failRevocation) throw new Error('sessions table unavailable');
        ended.push({ accountId, reason });
        return 1;
      },
      setGroupNames: async (_tenant, accountId, groups) => void sessionGroups.set(accountId, groups.groupNames),
    },
  };
  let n = 0;
  const req = (at = '2026-03-01T10:00:00.000Z'): ScimRequest => ({ tenant, baseUrl: BASE, requestId: `req-${++n}`, now: new Date(at) });
  return { deps, directory, events, ended, sessionGroups, req, failRevocations: (on: boolean) => void (failRevocation = on) };
}

/** The body Okta sends to create a user (Okta's SCIM 2.0 reference, "Create the user"). */
export const oktaUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active: true,
  ...extra,
});

export const patchOp = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
