/**
 * Okta's Group Push over real HTTP (local stack, embedded DynamoDB, dev Okta): POST a group
 * with members, PATCH add / remove (`members[value eq "…"]`) / rename (replace `{id,
 * displayName}`), DELETE; each change shows in `GET /auth/session` `groups` within 5 s, and a
 * member from another tenant is refused with 400 invalidValue, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  oktaUser,
  PATCH_SCHEMA,
  scimTenant,
  sessionCheck,
  signIn,
  within5s,
  type ScimTenant,
} from '../fixtures/scim.js';
import type { TestStack } from '../fixtures/stack.js';

/** The whole suite, on the stack `start` makes (the embedded DynamoDB, or DynamoDB Local). */
export function scimGroupsSuite(start: (env: Record<string, string>) => Promise<TestStack>): void {
  let stack: TestStack;
  let acme: ScimTenant;
  let rival: ScimTenant;
  beforeAll(async () => {
    stack = await start({ SESSION_TTL_SECONDS: '3600' });
    acme = await scimTenant(stack, 'scimgroups');
    rival = await scimTenant(stack, 'scimgrival');
  }, 60_000);
  afterAll(() => stack?.close());

  const patch = (t: ScimTenant, id: string, ...Operations: unknown[]) =>
    t.call('PATCH', `/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations });
  const groupsOf = async (t: ScimTenant, token: string) => JSON.parse((await sessionCheck(t, token)).body).groups as string[];
  const becomes = (t: ScimTenant, token: string, want: string[]) =>
    within5s(async () => JSON.stringify(await groupsOf(t, token)) === JSON.stringify(want));

  describe('Group Push', () => {
    it('POST with members, PATCH add/remove/rename, DELETE: the signed-in member sees each within 5 s', async () => {
      const person = { id: '00uscimgroups0000001', email: 'ada@scimgroups.example', password: 'pw-ada-groups', name: 'Ada' };
      const ada = (await acme.call('POST', '/Users', oktaUser(person.email))).json();
      const bob = (await acme.call('POST', '/Users', oktaUser('bob@scimgroups.example'))).json();

      const created = await acme.call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Engineering',
        members: [{ value: ada.id, display: ada.userName }],
      });
      expect(created.status).toBe(201);
      const group = created.json();
      expect(group).toMatchObject({ displayName: 'Engineering', members: [{ value: ada.id, display: ada.userName }] });
      expect(created.headers.location).toBe(`${acme.origin}/scim/v2/Groups/${group.id}`);

      // The callback puts the account's groups on the new session: right from the first check.
      const { token } = await signIn(stack, acme, person);
      expect(await groupsOf(acme, token!)).toEqual(['Engineering']);
      expect((await acme.call('GET', `/Users/${ada.id}`)).json().groups).toEqual([
        expect.objectContaining({ value: group.id, display: 'Engineering' }),
      ]);

      expect([200, 204]).toContain((await patch(acme, group.id, { op: 'add', path: 'members', value: [{ value: bob.id }] })).status);
      expect(
        (await acme.call('GET', `/Groups/${group.id}`))
          .json()
          .members.map((m: { value: string }) => m.value)
          .sort(),
      ).toEqual([ada.id, bob.id].sort());

      await patch(acme, group.id, { op: 'replace', value: { id: group.id, displayName: 'Platform' } });
      await becomes(acme, token!, ['Platform']);
      expect((await acme.call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "platform"')}`)).json()).toMatchObject({
        totalResults: 1,
        Resources: [{ id: group.id }],
      });

      await patch(acme, group.id, { op: 'remove', path: `members[value eq "${ada.id}"]` });
      await becomes(acme, token!, []);

      await patch(acme, group.id, { op: 'add', path: 'members', value: [{ value: ada.id }] });
      await becomes(acme, token!, ['Platform']);

      expect((await acme.call('DELETE', `/Groups/${group.id}`)).status).toBe(204);
      await becomes(acme, token!, []);
      expect((await acme.call('GET', `/Groups/${group.id}`)).status).toBe(404);
      expect((await acme.call('GET', `/Users/${bob.id}`)).json().groups).toEqual([]);
    });

    it('refuses a second group of the same name (any case) with 409', async () => {
      expect((await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [] })).status).toBe(201);
      const res = await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'SALES', members: [] });
      expect(res.status).toBe(409);
      expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'uniqueness' });
    });

    it('refuses a member from another tenant with 400 invalidValue and changes nothing', async () => {
      const own = (await acme.call('POST', '/Users', oktaUser('own@scimgroups.example'))).json();
      const foreign = (await rival.call('POST', '/Users', oktaUser('foreign@scimgrival.example'))).json();
      const before = (await acme.call('GET', '/Groups?count=0')).json().totalResults;

      const post = await acme.call('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Mixed',
        members: [{ value: own.id }, { value: foreign.id }],
      });
      expect(post.status).toBe(400);
      expect(post.json()).toMatchObject({ scimType: 'invalidValue' });
      expect((await acme.call('GET', '/Groups?count=0')).json().totalResults).toBe(before);

      const group = (
        await acme.call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Own', members: [{ value: own.id }] })
      ).json();
      const add = await patch(acme, group.id, { op: 'add', path: 'members', value: [{ value: foreign.id }] });
      expect(add.status).toBe(400);
      expect(add.json()).toMatchObject({ scimType: 'invalidValue' });
      expect((await acme.call('GET', `/Groups/${group.id}`)).json().members).toEqual(
        [{ value: own.id, display: own.userName, $ref: expect.any(String), type: 'User' }].map(({ value, display }) =>
          expect.objectContaining({ value, display }),
        ),
      );
      expect((await rival.call('GET', `/Users/${foreign.id}`)).json().groups).toEqual([]);
    });
  });
}
