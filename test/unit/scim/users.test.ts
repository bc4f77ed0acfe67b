/**
 * The SCIM Users use cases against the in-memory directory, with the requests Okta sends in
 * its "SCIM 2.0 SPEC Test" and when it provisions.
 */
import { describe, expect, it } from 'vitest';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from '../../../lambdas/core/scim/users.js';
import { BASE, oktaUser, patchOp, scimTenant } from './fixture.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function provisioned(t = scimTenant(), userName = 'Test.User@Example.com') {
  const created = await createUser(t.deps, t.req(), oktaUser(userName));
  return { t, created, id: created.body!.id as string };
}

describe('POST /Users', () => {
  it('creates the user with realistic values and answers 201, Location and the User without password', async () => {
    const { t, created, id } = await provisioned();
    expect(created.status).toBe(201);
    expect(created.headers).toMatchObject({ 'content-type': 'application/scim+json', location: `${BASE}/Users/${id}` });
    expect(created.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'test.user@example.com',
      name: { givenName: 'Test', familyName: 'User' },
      displayName: 'Test User',
      emails: [{ value: 'test.user@example.com', type: 'work', primary: true }],
      active: true,
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      meta: {
        resourceType: 'User',
        created: '2026-03-01T10:00:00.000Z',
        lastModified: '2026-03-01T10:00:00.000Z',
        location: `${BASE}/Users/${id}`,
      },
    });
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    expect(JSON.stringify(await t.directory.getUser('acme', id))).not.toContain('1mz050nq');
    expect(created.body).not.toHaveProperty('locale');
    expect(t.events).toEqual([{ tenant: 'acme', type: 'account_provisioned', email: 'test.user@example.com' }]);
  });

  it('answers 409 uniqueness to a duplicate userName, in any case, and writes nothing', async () => {
    const { t } = await provisioned();
    const again = await createUser(t.deps, t.req(), oktaUser('TEST.USER@example.com'));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: expect.any(String) });
    expect(await t.directory.users.count('acme')).toBe(1);
  });

  it.each([
    ['not an email', { userName: 'jdoe' }, 'invalidValue'],
    ['no userName', { userName: undefined }, 'invalidValue'],
    ['a number', { userName: 42 }, 'invalidValue'],
    ['active not boolean', { active: 'maybe' }, 'invalidValue'],
    ['other schema', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] }, 'invalidSyntax'],
  ])('refuses %s with 400 %s', async (_label, extra, scimType) => {
    const t = scimTenant();
    const outcome = await createUser(t.deps, t.req(), oktaUser('a@example.com', extra));
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ status: '400', scimType });
    expect(await t.directory.users.count('acme')).toBe(0);
  });

  it('cleans names of control and invisible characters instead of refusing the person', async () => {
    const t = scimTenant();
    const outcome = await createUser(
      t.deps,
      t.req(),
      oktaUser('a@example.com', { name: { givenName: 'Ann\u202e\u0007e', familyName: '  Lee\u200b  ' }, displayName: '\u0000' }),
    );
    expect(outcome.body).toMatchObject({ name: { givenName: 'Ann e', familyName: 'Lee' }, displayName: 'Ann e Lee' });
  });
});

describe('GET /Users (Okta SPEC Test)', () => {
  it('lists with count=1&startIndex=1 as a ListResponse of integers', async () => {
    const { t } = await provisioned();
    await createUser(t.deps, t.req(), oktaUser('second@example.com'));
    const outcome = await listUsers(t.deps, t.req(), { startIndex: '1', count: '1' });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 2,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(outcome.body!.Resources).toHaveLength(1);
  });

  it('finds a user by an upper-case userName filter and by externalId', async () => {
    const { t, id } = await provisioned();
    for (const filter of [
      'userName eq "TEST.USER@EXAMPLE.COM"',
      'USERNAME EQ "test.user@example.com"',
      'externalId eq "00ujl29u0le5T6Aj10h7"',
    ]) {
      const outcome = await listUsers(t.deps, t.req(), { filter, startIndex: '1', count: '100' });
      expect(outcome.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id }] });
    }
  });

  it('answers an unknown userName with an empty list, not an error', async () => {
    const { t } = await provisioned();
    for (const value of ['nobody@example.com', '0ad5c5d0-4a0c-4bd0-9a55-7a3a1f4c0b0e']) {
      const outcome = await listUsers(t.deps, t.req(), { filter: `userName eq "${value}"`, startIndex: '1', count: '100' });
      expect(outcome.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    }
  });

  it.each([
    'userName sw "a"',
    'displayName eq "x"',
    'userName eq "a" and active eq true',
    'userName eq 5',
    'userName eq',
    'emails[value eq "a"]',
  ])('answers 400 invalidFilter to %s', async (filter) => {
    const t = scimTenant();
    const outcome = await listUsers(t.deps, t.req(), { filter });
    expect(outcome.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  it('answers 400 invalidValue to non-integer paging', async () => {
    const t = scimTenant();
    expect((await listUsers(t.deps, t.req(), { count: 'ten' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await listUsers(t.deps, t.req(), { startIndex: '1.5' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });
});

describe('GET /Users/{id}', () => {
  it("answers the user, and 404 for an unknown id or another tenant's id", async () => {
    const { t, id } = await provisioned();
    expect((await getUser(t.deps, t.req(), id)).body).toMatchObject({ id, userName: 'test.user@example.com' });
    const unknown = await getUser(t.deps, t.req(), '010101');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ schemas: [ERROR], status: '404' });
    const other = scimTenant('globex');
    other.deps.directory = t.directory;
    expect((await getUser(other.deps, other.req(), id)).status).toBe(404);
  });
});

describe('PUT /Users/{id}', () => {
  it('replaces the profile, clears what is absent, and records account_updated', async () => {
    const { t, id } = await provisioned();
    const outcome = await replaceUser(
      t.deps,
      t.req('2026-03-02T00:00:00.000Z'),
      id,
      oktaUser('test.user@example.com', { name: { givenName: 'Tess' }, displayName: undefined, externalId: undefined }),
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ name: { givenName: 'Tess' }, meta: { lastModified: '2026-03-02T00:00:00.000Z' } });
    expect(outcome.body).not.toHaveProperty('externalId');
    expect(t.events.at(-1)).toEqual({ tenant: 'acme', type: 'account_updated', email: 'test.user@example.com' });
  });

  it('deactivates with active: false (App Integration Wizard apps) and ends the sessions', async () => {
    const { t, id } = await provisioned();
    const outcome = await replaceUser(t.deps, t.req(), id, oktaUser('test.user@example.com', { active: false }));
    expect(outcome.body).toMatchObject({ active: false });
    expect(t.ended).toEqual([{ accountId: id, reason: 'account_deactivated' }]);
    expect(t.events.map((e) => e.type)).toEqual(['account_provisioned', 'account_deactivated']);
  });

  it('answers 409 uniqueness when the new userName belongs to another user', async () => {
    const { t, id } = await provisioned();
    await createUser(t.deps, t.req(), oktaUser('other@example.com'));
    expect((await replaceUser(t.deps, t.req(), id, oktaUser('Other@example.com'))).body).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it("ends the sessions when the userName (the sessions' email) changes", async () => {
    const { t, id } = await provisioned();
    await replaceUser(t.deps, t.req(), id, oktaUser('renamed@example.com'));
    expect(t.ended).toEqual([{ accountId: id, reason: 'account_email_changed' }]);
  });

  it('answers 404 for an unknown id', async () => {
    const t = scimTenant();
    expect((await replaceUser(t.deps, t.req(), 'acc_nope', oktaUser('a@example.com'))).status).toBe(404);
  });
});

describe('PATCH /Users/{id}', () => {
  it("deactivates with Okta's path-less replace, ends sessions, then reactivates", async () => {
    const { t, id } = await provisioned();
    const off = await patchUser(t.deps, t.req(), id, patchOp({ op: 'replace', value: { active: false } }));
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id, active: false });
    expect(t.ended).toEqual([{ accountId: id, reason: 'account_deactivated' }]);
    const on = await patchUser(t.deps, t.req(), id, patchOp({ op: 'replace', value: { active: true } }));
    expect(on.body).toMatchObject({ active: true });
    expect(t.events.map((e) => e.type)).toEqual(['account_provisioned', 'account_deactivated', 'account_reactivated']);
    expect(t.ended).toHaveLength(1);
  });

  it('still ends the sessions when a retried deactivation finds the account already inactive', async () => {
    const { t, id } = await provisioned();
    t.failRevocations(true);
    const failed = await patchUser(t.deps, t.req(), id, patchOp({ op: 'replace', value: { active: false } }));
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ schemas: [ERROR], status: '500', detail: expect.not.stringContaining('sessions table') });
    expect(failed.error?.cause).toBeInstanceOf(Error);
    t.failRevocations(false);
    const retried = await patchUser(t.deps, t.req(), id, patchOp({ op: 'replace', value: { active: false } }));
    expect(retried.status).toBe(200);
    expect(t.ended).toEqual([{ accountId: id, reason: 'account_deactivated' }]);
    expect(t.events.filter((e) => e.type === 'account_deactivated')).toHaveLength(1);
  });

  it('applies path operations on every attribute Okta sends', async () => {
    const { t, id } = await provisioned();
    const outcome = await patchUser(
      t.deps,
      t.req(),
      id,
      patchOp(
        { op: 'replace', path: 'name.givenName', value: 'Tessa' },
        { op: 'replace', path: 'name.familyName', value: 'Usher' },
        { op: 'replace', path: 'displayName', value: 'Tessa Usher' },
        { op: 'add', path: 'externalId', value: '00u2' },
        { op: 'replace', path: 'userName', value: 'Tessa.Usher@example.com' },
        { op: 'Replace', path: 'Active', value: false },
      ),
    );
    expect(outcome.body).toMatchObject({
      userName: 'tessa.usher@example.com',
      name: { givenName: 'Tessa', familyName: 'Usher' },
      displayName: 'Tessa Usher',
      externalId: '00u2',
      active: false,
    });
  });

  it.each([
    ['no PatchOp schema', { Operations: [{ op: 'replace', value: { active: false } }] }, 'invalidSyntax'],
    ['an unknown op', patchOp({ op: 'move', path: 'active', value: false }), 'invalidSyntax'],
    ['remove without path', patchOp({ op: 'remove' }), 'noTarget'],
    ['a bad path', patchOp({ op: 'replace', path: 'name[', value: 1 }), 'invalidPath'],
    ['a new id', patchOp({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
    ['removing userName', patchOp({ op: 'remove', path: 'userName' }), 'mutability'],
    ['a userName that is no email', patchOp({ op: 'replace', path: 'userName', value: 'jdoe' }), 'invalidValue'],
  ])('refuses %s with 400 %s and changes nothing', async (_label, body, scimType) => {
    const { t, id } = await provisioned();
    const before = await t.directory.getUser('acme', id);
    expect((await patchUser(t.deps, t.req(), id, body)).body).toMatchObject({ status: '400', scimType });
    expect(await t.directory.getUser('acme', id)).toEqual(before);
  });
});

describe('DELETE /Users/{id}', () => {
  it('removes the account, ends its sessions, records account_deleted; then 404', async () => {
    const { t, id } = await provisioned();
    expect((await deleteUser(t.deps, t.req(), id)).status).toBe(204);
    expect(await t.directory.getUser('acme', id)).toBeUndefined();
    expect(t.ended).toEqual([{ accountId: id, reason: 'account_deleted' }]);
    expect(t.events.at(-1)).toEqual({ tenant: 'acme', type: 'account_deleted', email: 'test.user@example.com' });
    expect((await deleteUser(t.deps, t.req(), id)).status).toBe(404);
  });
});
