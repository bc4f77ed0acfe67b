/** An `{id}` (or member `value`) of no shape SCIM hands out names nothing: 404 (or 400) before any read. */
import { describe, expect, it } from 'vitest';
import { newAccountId } from '../../../lambdas/adapters/dynamo-items.js';
import type { ScimDeps } from '../../../lambdas/core/scim/directory.js';
import { createGroup, deleteGroup, getGroup, patchGroup, replaceGroup } from '../../../lambdas/core/scim/groups.js';
import { isAccountId, isGroupId } from '../../../lambdas/core/scim/ids.js';
import { deleteUser, getUser, patchUser, replaceUser } from '../../../lambdas/core/scim/users.js';
import { oktaUser, patchOp, scimTenant } from './fixture.js';

/** The tenant's ports, recording every call that reaches the directory or the sessions. */
function watched() {
  const t = scimTenant();
  const calls: string[] = [];
  const watch = <T extends object>(target: T, label: string): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => (calls.push(`${label}.${String(prop)}`), value.apply(obj, args))
          : value;
      },
    });
  const deps: ScimDeps = { ...t.deps, directory: watch(t.deps.directory, 'directory'), sessions: watch(t.deps.sessions, 'sessions') };
  return { t, deps, calls };
}

const MALFORMED = [
  'acc_short',
  'grp_short',
  'nobody',
  'acc_' + 'A'.repeat(21),
  'acc_AAAAAAAAAAAAAAAAAAA#',
  '../Users',
  'ACC_AAAAAAAAAAAAAAAAAAAA',
];

describe('SCIM ids', () => {
  it('the shapes the stores make pass; anything else does not', () => {
    for (let i = 0; i < 50; i++) expect(isAccountId(newAccountId())).toBe(true);
    expect(isGroupId('grp_AbCdEfGhIjKlMnOpQr-_')).toBe(true);
    expect(isGroupId('acc_AbCdEfGhIjKlMnOpQr-_')).toBe(false);
    expect(isAccountId('grp_AbCdEfGhIjKlMnOpQr-_')).toBe(false);
    for (const id of MALFORMED) expect(isAccountId(id) || isGroupId(id)).toBe(false);
  });

  it('a malformed user id answers 404 on GET, PUT, PATCH and DELETE without touching the directory or sessions', async () => {
    const { t, deps, calls } = watched();
    for (const id of MALFORMED) {
      for (const outcome of [
        await getUser(deps, t.req(), id),
        await replaceUser(deps, t.req(), id, oktaUser('ann@example.com')),
        await patchUser(deps, t.req(), id, patchOp({ op: 'replace', value: { active: false } })),
        await deleteUser(deps, t.req(), id),
      ]) {
        expect(outcome.status).toBe(404);
        expect(outcome.body).toMatchObject({ status: '404' });
      }
    }
    expect(calls).toEqual([]);
  });

  it('a malformed group id answers 404 on GET, PUT, PATCH and DELETE without touching the directory or sessions', async () => {
    const { t, deps, calls } = watched();
    for (const id of MALFORMED) {
      for (const outcome of [
        await getGroup(deps, t.req(), id),
        await replaceGroup(deps, t.req(), id, { displayName: 'X', members: [] }),
        await patchGroup(deps, t.req(), id, patchOp({ op: 'replace', value: { id, displayName: 'X' } })),
        await deleteGroup(deps, t.req(), id),
      ]) {
        expect(outcome.status).toBe(404);
      }
    }
    expect(calls).toEqual([]);
  });

  it('a malformed member value is refused with 400 invalidValue before any read', async () => {
    const { t, deps, calls } = watched();
    const outcome = await createGroup(deps, t.req(), { displayName: 'Mixed', members: [{ value: '"} OR 1=1' }] });
    expect(outcome.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(calls).toEqual([]);
  });
});
