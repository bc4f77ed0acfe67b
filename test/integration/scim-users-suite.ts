/**
 * SCIM Users over real HTTP (local stack, embedded DynamoDB, dev Okta): the required tests of
 * Okta's "SCIM 2.0 SPEC Test" (Okta-SCIM-20-SPEC-Test.json), then the lifecycle Okta drives —
 * create, PUT, PATCH deactivate (sign-in refused, sessions ended within 5 s), reactivate — and
 * what Okta must never get wrong: bad bodies, another tenant's token, a password kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../fixtures/dynamodb.js';
import {
  ERROR_SCHEMA,
  oktaUser,
  PATCH_SCHEMA,
  scimTenant,
  sessionCheck,
  signIn,
  USER_SCHEMA,
  within5s,
  type ScimTenant,
} from '../fixtures/scim.js';
import type { TestStack } from '../fixtures/stack.js';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The whole suite, on the stack `start` makes (the embedded DynamoDB, or DynamoDB Local). */
export function scimUsersSuite(start: (env: Record<string, string>) => Promise<TestStack>): void {
  let stack: TestStack;
  let acme: ScimTenant;
  let rival: ScimTenant;
  beforeAll(async () => {
    stack = await start({ SESSION_TTL_SECONDS: '3600' });
    acme = await scimTenant(stack, 'scimusers');
    rival = await scimTenant(stack, 'scimrival');
    await stack.directory.addAccount({ tenant: acme.subdomain, email: 'support.made@scimusers.example', name: 'Support Made' }, new Date());
  }, 60_000);
  afterAll(() => stack?.close());

  const scimError = (res: { status: number; json(): any }, status: number, scimType?: string) => {
    expect(res.status).toBe(status);
    expect(res.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}) });
  };

  describe("Okta's SCIM 2.0 SPEC Test (required tests)", () => {
    let created: any;

    it('Required Test: Test Users endpoint (count=1&startIndex=1) answers a ListResponse of integers', async () => {
      const res = await acme.call('GET', '/Users?count=1&startIndex=1');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/scim+json');
      const body = res.json();
      expect(body).toMatchObject({ schemas: [LIST_SCHEMA], startIndex: 1, itemsPerPage: 1 });
      expect(Number.isInteger(body.totalResults)).toBe(true);
      expect(body.totalResults).toBeGreaterThanOrEqual(1);
      expect(body.Resources).toHaveLength(1);
    });

    it('Required Test: Get a user by id (the first of the list)', async () => {
      const first = (await acme.call('GET', '/Users?count=1&startIndex=1')).json().Resources[0];
      const res = await acme.call('GET', `/Users/${first.id}`);
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ id: first.id, userName: first.userName, schemas: [USER_SCHEMA], active: true });
    });

    it('Required Test: filter on an unknown userName answers an empty list with totalResults 0', async () => {
      const res = await acme.call(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "nobody-xyz@scimusers.example"')}&startIndex=1&count=100`,
      );
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: 0, Resources: [] });
    });

    it('Required Test: an unknown id answers 404', async () => {
      scimError(await acme.call('GET', '/Users/010101001010101010'), 404);
    });

    it('Required Test: create a user with realistic values, verify it, and a duplicate answers 409 uniqueness', async () => {
      const body = oktaUser('spec.user@scimusers.example');
      const res = await acme.call('POST', '/Users', body);
      expect(res.status).toBe(201);
      created = res.json();
      expect(res.headers.location).toBe(`${acme.origin}/scim/v2/Users/${created.id}`);
      expect(created).toMatchObject({
        userName: body.userName,
        externalId: body.externalId,
        active: true,
        name: { givenName: 'Test', familyName: 'User' },
        displayName: 'Test User',
        groups: [],
      });
      expect(created).not.toHaveProperty('password');
      const got = await acme.call('GET', `/Users/${created.id}`);
      expect(got.json()).toEqual(created);
      scimError(await acme.call('POST', '/Users', body), 409, 'uniqueness');
    });

    it('Required Test: a filter with the userName in upper case finds the same user (userName is not case-exact)', async () => {
      const res = await acme.call(
        'GET',
        `/Users?filter=${encodeURIComponent('userName eq "SPEC.USER@SCIMUSERS.EXAMPLE"')}&startIndex=1&count=100`,
      );
      expect(res.json()).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });
    });

    it('Required Test: the Groups endpoint answers a ListResponse', async () => {
      const res = await acme.call('GET', '/Groups?startIndex=1&count=100');
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({ schemas: [LIST_SCHEMA], startIndex: 1, Resources: expect.any(Array) });
    });

    it('an account support made is a SCIM user: Okta finds it by userName eq', async () => {
      const res = await acme.call('GET', `/Users?filter=${encodeURIComponent('userName eq "Support.Made@scimusers.example"')}`);
      expect(res.json()).toMatchObject({
        totalResults: 1,
        Resources: [{ userName: 'support.made@scimusers.example', displayName: 'Support Made', active: true }],
      });
    });
  });

  describe('the lifecycle Okta drives', () => {
    const person = { id: '00uscimlife000000001', email: 'grace@scimusers.example', password: 'pw-grace-life', name: 'Grace Hopper' };

    it('create → PUT → PATCH deactivate (sign-in refused, sessions end within 5 s) → reactivate → signs in', async () => {
      const created = (await acme.call('POST', '/Users', oktaUser(person.email, { externalId: person.id }))).json();
      const put = await acme.call(
        'PUT',
        `/Users/${created.id}`,
        oktaUser(person.email, { externalId: person.id, name: { givenName: 'Grace', familyName: 'Hopper' }, displayName: 'Grace Hopper' }),
      );
      expect(put.status).toBe(200);
      expect(put.json()).toMatchObject({
        id: created.id,
        name: { givenName: 'Grace', familyName: 'Hopper' },
        displayName: 'Grace Hopper',
        active: true,
      });

      const first = await signIn(stack, acme, person);
      expect(first.res.status).toBe(303);
      expect((await sessionCheck(acme, first.token!)).status).toBe(200);

      const patch = await acme.call('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      expect([200, 204]).toContain(patch.status);
      expect((await acme.call('GET', `/Users/${created.id}`)).json().active).toBe(false);
      expect(await within5s(async () => (await sessionCheck(acme, first.token!)).status === 401)).toBeLessThan(5000);

      const refused = await signIn(stack, acme, person);
      expect(refused.res.status).toBe(403);
      expect(refused.res.body).toContain('Account deactivated');
      expect(refused.token).toBeUndefined();

      await acme.call('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_SCHEMA],
        Operations: [{ op: 'replace', value: { active: true } }],
      });
      const again = await signIn(stack, acme, person);
      expect(again.res.status).toBe(303);
      expect((await sessionCheck(acme, again.token!)).status).toBe(200);

      const events = await stack.events.list(acme.subdomain, { since: new Date(Date.now() - 60_000) });
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['account_provisioned', 'account_updated', 'account_deactivated', 'account_reactivated']),
      );
    });

    it('DELETE removes the account and ends its sessions', async () => {
      const who = { id: '00uscimdel0000000001', email: 'del@scimusers.example', password: 'pw-del', name: 'Del' };
      const created = (await acme.call('POST', '/Users', oktaUser(who.email))).json();
      const { token } = await signIn(stack, acme, who);
      expect((await acme.call('DELETE', `/Users/${created.id}`)).status).toBe(204);
      expect(await within5s(async () => (await sessionCheck(acme, token!)).status === 401)).toBeLessThan(5000);
      expect(await stack.directory.getAccountByEmail(acme.subdomain, who.email)).toBeUndefined();
      expect((await acme.call('GET', `/Users/${created.id}`)).status).toBe(404);
    });

    it('a userName change moves the Okta subject link with the account: the person signs in again, not identity_conflict', async () => {
      const who = { id: '00uscimmove000000001', email: 'mover@scimusers.example', password: 'pw-move', name: 'Mover' };
      const created = (await acme.call('POST', '/Users', oktaUser(who.email))).json();
      expect((await signIn(stack, acme, who)).res.status).toBe(303); // linked to the dev Okta user

      const moved = { ...who, email: 'mover.new@scimusers.example' };
      const put = await acme.call(
        'PUT',
        `/Users/${created.id}`,
        oktaUser(moved.email, { emails: [{ primary: true, value: moved.email, type: 'work' }] }),
      );
      expect(put.json()).toMatchObject({ id: created.id, userName: moved.email });

      // The link names the new email: the subject finds the same account.
      const linked = await stack.directory.getAccountBySubject(acme.subdomain, stack.idp.issuer, who.id);
      expect(linked).toMatchObject({ id: created.id, email: moved.email });
      // Okta's profile still shows the old email (the link decides) …
      const beforeOkta = await signIn(stack, acme, who);
      expect(beforeOkta.res.status).toBe(303);
      expect(JSON.parse((await sessionCheck(acme, beforeOkta.token!)).body)).toMatchObject({ sub: created.id, email: moved.email });
      // … and once Okta's email changes too (the same Okta user).
      const afterOkta = await signIn(stack, acme, moved);
      expect(afterOkta.res.status).toBe(303);
      expect(JSON.parse((await sessionCheck(acme, afterOkta.token!)).body)).toMatchObject({ sub: created.id, email: moved.email });
    });
  });

  describe('what must fail cleanly', () => {
    it('bad bodies: invalidSyntax, invalidValue, invalidFilter, with nothing written', async () => {
      const before = (await acme.call('GET', '/Users?count=0')).json().totalResults;
      scimError(await acme.call('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
      scimError(await acme.call('POST', '/Users', oktaUser('not-an-email')), 400, 'invalidValue');
      scimError(await acme.call('GET', `/Users?filter=${encodeURIComponent('name.givenName sw "A"')}`), 400, 'invalidFilter');
      scimError(await acme.call('PATCH', '/Users/acc_x', { schemas: [PATCH_SCHEMA], Operations: 'nope' }), 400);
      expect((await acme.call('GET', '/Users?count=0')).json().totalResults).toBe(before);
    });

    it("another tenant's token answers 401 and sees nothing", async () => {
      const res = await acme.call('GET', '/Users', undefined, rival.token);
      scimError(res, 401);
    });

    it('never stores a password', async () => {
      const items = await scanAll(stack.doc, stack.tables.directory);
      expect(items.some((i) => i.email === 'spec.user@scimusers.example')).toBe(true);
      expect(JSON.stringify(items)).not.toContain('1mPer0-Secret!');
      expect(JSON.stringify(items)).not.toMatch(/"password"/);
    });
  });

  describe('paging as Okta imports', () => {
    // Okta's own page size (count=100 over 250 accounts) is walked in the unit tests; over HTTP
    // and real storage the same three-page shape (two full pages, a partial last one) is smaller.
    it('walks 25 accounts in 3 pages of 10: stable order, each once', async () => {
      const t = await scimTenant(stack, 'scimpaging');
      await stack.directory.importAccounts(
        Array.from({ length: 25 }, (_, i) => ({ tenant: t.subdomain, email: `p${String(i).padStart(3, '0')}@scimpaging.example` })),
        new Date(),
      );
      const walk = async () => {
        const ids: string[] = [];
        for (const startIndex of [1, 11, 21]) {
          const page = (await t.call('GET', `/Users?startIndex=${startIndex}&count=10`)).json();
          expect(page).toMatchObject({ totalResults: 25, startIndex, itemsPerPage: startIndex === 21 ? 5 : 10 });
          ids.push(...page.Resources.map((r: { id: string }) => r.id));
        }
        return ids;
      };
      const first = await walk();
      expect(new Set(first).size).toBe(25);
      expect(await walk()).toEqual(first);
      expect((await t.call('GET', '/Users?startIndex=26&count=10')).json()).toMatchObject({ totalResults: 25, Resources: [] });
    });
  });
}
