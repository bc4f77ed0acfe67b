/** The SCIM Groups use cases with Okta's Group Push requests, against the in-memory directory. */
import { describe, expect, it } from 'vitest';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from '../../../lambdas/core/scim/groups.js';
import { createUser } from '../../../lambdas/core/scim/users.js';
import { BASE, oktaUser, patchOp, scimTenant } from './fixture.js';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

async function tenantWithPeople() {
  const t = scimTenant();
  const ids: string[] = [];
  for (const email of ['ann@example.com', 'bo@example.com', 'cy@example.com'])
    ids.push((await createUser(t.deps, t.req(), oktaUser(email))).body!.id as string);
  t.events.length = 0;
  return { t, ids };
}

async function pushed(name = 'Engineering') {
  const { t, ids } = await tenantWithPeople();
  const created = await createGroup(t.deps, t.req(), {
    schemas: [GROUP],
    displayName: name,
    members: [{ value: ids[0], display: 'ann@example.com' }],
  });
  return { t, ids, created, id: created.body!.id as string };
}

describe('POST /Groups', () => {
  it('creates the group with its members and gives their sessions the group name', async () => {
    const { t, ids, created, id } = await pushed();
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${BASE}/Groups/${id}`);
    expect(created.body).toMatchObject({
      schemas: [GROUP],
      displayName: 'Engineering',
      members: [{ value: ids[0], display: 'ann@example.com' }],
      meta: { resourceType: 'Group' },
    });
    expect(t.sessionGroups.get(ids[0]!)).toEqual(['Engineering']);
    expect(t.events).toEqual([{ tenant: 'acme', type: 'group_changed', group: 'Engineering' }]);
  });

  it('answers 409 uniqueness for a taken displayName in any case', async () => {
    const { t } = await pushed();
    expect((await createGroup(t.deps, t.req(), { displayName: 'ENGINEERING' })).body).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it('refuses a member that is not a user of this tenant with 400 invalidValue and writes nothing', async () => {
    const { t, ids } = await tenantWithPeople();
    const other = scimTenant('globex');
    other.deps.directory = t.directory;
    const foreign = (await createUser(other.deps, other.req(), oktaUser('zed@globex.com'))).body!.id as string;
    const outcome = await createGroup(t.deps, t.req(), { displayName: 'Mixed', members: [{ value: ids[0] }, { value: foreign }] });
    expect(outcome.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(await t.directory.groups.count('acme')).toBe(0);
  });
});

describe('PATCH /Groups/{id} (Okta Group Push)', () => {
  it('adds members, removes one by members[value eq "…"], renames with {id, displayName}, answering 204', async () => {
    const { t, ids, id } = await pushed();
    expect(
      (
        await patchGroup(
          t.deps,
          t.req(),
          id,
          patchOp({ op: 'add', path: 'members', value: [{ value: ids[1], display: 'bo@example.com' }, { value: ids[2] }] }),
        )
      ).status,
    ).toBe(204);
    expect((await t.directory.members('acme', id)).map((m) => m.id).sort()).toEqual([...ids].sort());
    expect(t.sessionGroups.get(ids[2]!)).toEqual(['Engineering']);

    expect((await patchGroup(t.deps, t.req(), id, patchOp({ op: 'remove', path: `members[value eq "${ids[0]}"]` }))).status).toBe(204);
    expect((await t.directory.members('acme', id)).map((m) => m.id)).not.toContain(ids[0]);
    expect(t.sessionGroups.get(ids[0]!)).toEqual([]);

    expect((await patchGroup(t.deps, t.req(), id, patchOp({ op: 'replace', value: { id, displayName: 'R&D' } }))).status).toBe(204);
    expect((await getGroup(t.deps, t.req(), id)).body).toMatchObject({ displayName: 'R&D' });
    expect(t.sessionGroups.get(ids[1]!)).toEqual(['R&D']);
    expect(t.events.map((e) => e.group)).toEqual(['Engineering', 'Engineering', 'Engineering', 'R&D']);
  });

  it('replaces the member list with replace path members', async () => {
    const { t, ids, id } = await pushed();
    await patchGroup(t.deps, t.req(), id, patchOp({ op: 'replace', path: 'members', value: [{ value: ids[2] }] }));
    expect((await t.directory.members('acme', id)).map((m) => m.id)).toEqual([ids[2]]);
    expect(t.sessionGroups.get(ids[0]!)).toEqual([]);
  });

  it("refuses adding another tenant's or an unknown id and changes nothing", async () => {
    const { t, id } = await pushed();
    const outcome = await patchGroup(t.deps, t.req(), id, patchOp({ op: 'add', path: 'members', value: [{ value: 'acc_unknown' }] }));
    expect(outcome.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(await t.directory.members('acme', id)).toHaveLength(1);
  });

  it('refuses changing the id, and answers 404 for an unknown group', async () => {
    const { t, id } = await pushed();
    expect(
      (await patchGroup(t.deps, t.req(), id, patchOp({ op: 'replace', value: { id: 'grp_other', displayName: 'X' } }))).body,
    ).toMatchObject({ scimType: 'mutability' });
    expect((await patchGroup(t.deps, t.req(), 'grp_nope', patchOp({ op: 'replace', value: { displayName: 'X' } }))).status).toBe(404);
  });
});

describe('GET, PUT, DELETE /Groups', () => {
  it('filters by displayName, leaves members out with excludedAttributes=members', async () => {
    const { t, id } = await pushed();
    const found = await listGroups(t.deps, t.req(), { filter: 'displayName eq "engineering"', excludedAttributes: 'members' });
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: 'Engineering' }] });
    expect((found.body!.Resources as object[])[0]).not.toHaveProperty('members');
    expect((await listGroups(t.deps, t.req(), { filter: 'displayName eq "Sales"' })).body).toMatchObject({
      totalResults: 0,
      Resources: [],
    });
    expect((await listGroups(t.deps, t.req(), { filter: 'members pr' })).body).toMatchObject({ scimType: 'invalidFilter' });
    expect((await listGroups(t.deps, t.req(), { count: '10' })).body).toMatchObject({
      totalResults: 1,
      Resources: [{ members: [{ display: 'ann@example.com' }] }],
    });
  });

  it("PUT sets the whole group; DELETE removes it and clears the group from its members' sessions", async () => {
    const { t, ids, id } = await pushed();
    const put = await replaceGroup(t.deps, t.req(), id, { schemas: [GROUP], id, displayName: 'Eng', members: [{ value: ids[1] }] });
    expect(put.body).toMatchObject({ displayName: 'Eng', members: [{ value: ids[1], display: 'bo@example.com' }] });
    expect(t.sessionGroups.get(ids[0]!)).toEqual([]);
    expect((await deleteGroup(t.deps, t.req(), id)).status).toBe(204);
    expect(t.sessionGroups.get(ids[1]!)).toEqual([]);
    expect((await getGroup(t.deps, t.req(), id)).status).toBe(404);
    expect((await deleteGroup(t.deps, t.req(), id)).status).toBe(404);
  });
});
