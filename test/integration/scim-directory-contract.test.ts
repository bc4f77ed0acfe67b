/**
 * The ScimDirectory contract: the in-memory adapter and the DynamoDB one (on the embedded
 * dynalite and on AWS DynamoDB Local) answer every call alike. Orders are compared as "stable
 * and complete", never as one particular order (memory sorts users by id, DynamoDB by email).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../lambdas/core/ports.js';
import type { ScimDirectory, UserFields, WriteMark } from '../../lambdas/core/scim/directory.js';
import { DynamoScimDirectory } from '../../lambdas/adapters/dynamo-scim-directory.js';
import { MemoryScimDirectory } from '../../lambdas/adapters/memory-scim-directory.js';
import { openSuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
let seq = 0;
const w = (): WriteMark => ({ requestId: `req-${++seq}`, now: NOW });
/** A group write's session sync, not under test here. */
const settle = async () => undefined;
const ada: UserFields = {
  email: 'ada@acme.example',
  givenName: 'Ada',
  familyName: 'Lovelace',
  displayName: 'Ada Lovelace',
  active: true,
  externalId: '00u1',
};
const user = (n: number): UserFields => ({ email: `user${String(n).padStart(3, '0')}@acme.example`, active: true });

interface Subject {
  directory: ScimDirectory;
  close(): Promise<void>;
}

const subjects: { label: string; skipReason?: string; setup(): Promise<{ open(): Promise<Subject>; close(): Promise<void> }> }[] = [
  {
    label: 'memory',
    setup: async () => ({
      open: async () => ({ directory: new MemoryScimDirectory(), close: async () => undefined }),
      close: async () => undefined,
    }),
  },
  ...EMULATORS.map((e) => ({
    label: e.label,
    ...(e.skipReason ? { skipReason: e.skipReason } : {}),
    setup: async () => {
      const server = await e.start();
      const tables = await openSuiteTables(server.endpoint);
      return {
        open: async () => {
          const db: TestDynamo = await tables.fresh();
          return {
            directory: new DynamoScimDirectory(db.doc, { directory: db.names.directory, sessions: db.names.sessions }, { now: () => NOW }),
            close: () => db.close(),
          };
        },
        close: async () => {
          await tables.close();
          await server.close();
        },
      };
    },
  })),
];

for (const subject of subjects) {
  const name = `ScimDirectory contract on ${subject.label}`;
  describe.skipIf(subject.skipReason !== undefined)(subject.skipReason ? `${name} — skipped: ${subject.skipReason}` : name, () => {
    let env: Awaited<ReturnType<(typeof subject)['setup']>>;
    let s: Subject;
    let d: ScimDirectory;
    beforeAll(async () => {
      env = await subject.setup();
    }, 60_000);
    afterAll(() => env?.close());
    beforeEach(async () => {
      s = await env.open();
      d = s.directory;
    });
    afterEach(() => s.close());

    describe('users', () => {
      it('creates a user with its fields kept apart, and finds it by id, userName and externalId', async () => {
        const created = await d.createUser('acme', ada, w());
        expect(created).toMatchObject({ ...ada, tenant: 'acme', groups: [], createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
        expect(created.id).toMatch(/^acc_/);
        expect(await d.getUser('acme', created.id)).toEqual(created);
        expect(await d.findUserByEmail('acme', ada.email)).toEqual(created);
        expect(await d.findUsersByExternalId('acme', '00u1')).toEqual([created]);
        expect(await d.getUser('rival', created.id)).toBeUndefined();
        expect(await d.findUserByEmail('rival', ada.email)).toBeUndefined();
        expect(await d.getUser('acme', 'acc_unknown')).toBeUndefined();
      });

      it('refuses a second user with the same userName in a tenant, not in another tenant', async () => {
        await d.createUser('acme', ada, w());
        await expect(d.createUser('acme', { ...ada, externalId: '00u2' }, w())).rejects.toBeInstanceOf(ConflictError);
        await expect(d.createUser('rival', ada, w())).resolves.toMatchObject({ tenant: 'rival' });
        expect(await d.users.count('acme')).toBe(1);
      });

      it('replaces the fields (absent ones removed) and moves the externalId lookup', async () => {
        const created = await d.createUser('acme', ada, w());
        const later = new Date(NOW.getTime() + 60_000);
        const updated = await d.updateUser(
          'acme',
          created.id,
          { email: ada.email, givenName: 'Augusta', active: false, externalId: '00u9' },
          { requestId: 'u1', now: later },
        );
        expect(updated).toEqual({
          tenant: 'acme',
          id: created.id,
          email: ada.email,
          givenName: 'Augusta',
          active: false,
          externalId: '00u9',
          groups: [],
          createdAt: NOW.toISOString(),
          updatedAt: later.toISOString(),
        });
        expect(await d.getUser('acme', created.id)).toEqual(updated);
        expect(await d.findUsersByExternalId('acme', '00u1')).toEqual([]);
        expect(await d.findUsersByExternalId('acme', '00u9')).toEqual([updated]);
        expect(await d.updateUser('acme', 'acc_unknown', ada, w())).toBeUndefined();
      });

      it('changes the userName: same id, found by the new one only; a taken one refuses and changes nothing', async () => {
        const created = await d.createUser('acme', ada, w());
        const other = await d.createUser('acme', user(1), w());
        const moved = await d.updateUser('acme', created.id, { ...ada, email: 'ada.l@acme.example' }, w());
        expect(moved).toMatchObject({ id: created.id, email: 'ada.l@acme.example' });
        expect(await d.findUserByEmail('acme', ada.email)).toBeUndefined();
        expect(await d.getUser('acme', created.id)).toMatchObject({ email: 'ada.l@acme.example', givenName: 'Ada' });
        await expect(d.updateUser('acme', created.id, { ...ada, email: other.email }, w())).rejects.toBeInstanceOf(ConflictError);
        expect(await d.getUser('acme', created.id)).toMatchObject({ email: 'ada.l@acme.example' });
        expect(await d.getUser('acme', other.id)).toEqual(other);
        expect(await d.users.count('acme')).toBe(2);
      });

      it('deletes a user with its memberships; a second delete finds nothing', async () => {
        const created = await d.createUser('acme', ada, w());
        const { group } = await d.createGroup('acme', { displayName: 'Staff' }, [created.id], w(), settle);
        const deleted = await d.deleteUser('acme', created.id, w());
        expect(deleted).toMatchObject({ id: created.id, email: ada.email, groups: [{ id: group.id, displayName: 'Staff' }] });
        expect(await d.getUser('acme', created.id)).toBeUndefined();
        expect(await d.findUserByEmail('acme', ada.email)).toBeUndefined();
        expect(await d.findUsersByExternalId('acme', '00u1')).toEqual([]);
        expect(await d.members('acme', group.id)).toEqual([]);
        expect(await d.deleteUser('acme', created.id, w())).toBeUndefined();
        // The userName is free again.
        await expect(d.createUser('acme', ada, w())).resolves.toMatchObject({ email: ada.email });
      });

      it("getUsers returns only the tenant's users among the ids", async () => {
        const a = await d.createUser('acme', user(1), w());
        const r = await d.createUser('rival', user(2), w());
        expect((await d.getUsers('acme', [a.id, r.id, 'acc_nobody'])).map((u) => u.id)).toEqual([a.id]);
      });
    });

    describe('listings', () => {
      it('walks every user once, in the same order on every walk, by cursor; counts; skips', async () => {
        for (let i = 0; i < 25; i++) await d.createUser('acme', user(i), w());
        await d.createUser('rival', user(99), w());
        expect(await d.users.count('acme')).toBe(25);
        const walk = async (size: number) => {
          const ids: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = await d.users.page('acme', after, size);
            ids.push(...page.items.map((u) => u.id));
            expect(page.items.every((u) => u.tenant === 'acme')).toBe(true);
            if (page.next === undefined) return ids;
            after = page.next;
          }
        };
        const first = await walk(10);
        expect(first).toHaveLength(25);
        expect(new Set(first).size).toBe(25);
        expect(await walk(7)).toEqual(first);
        const cursor = await d.users.skip('acme', 20);
        expect((await d.users.page('acme', cursor, 10)).items.map((u) => u.id)).toEqual(first.slice(20));
        expect(await d.users.skip('acme', 30)).toBeUndefined();
      });

      it('lists groups by cursor and remembers page marks per tenant and kind', async () => {
        for (const n of ['A', 'B', 'C']) await d.createGroup('acme', { displayName: n }, [], w(), settle);
        expect(await d.groups.count('acme')).toBe(3);
        const page = await d.groups.page('acme', undefined, 2);
        expect(page.items).toHaveLength(2);
        const rest = await d.groups.page('acme', page.next, 2);
        expect(
          rest.items
            .map((g) => g.displayName)
            .concat(page.items.map((g) => g.displayName))
            .sort(),
        ).toEqual(['A', 'B', 'C']);
        await d.rememberPage('acme', 'Group', 3, { cursor: page.next!, total: 3 });
        expect(await d.recallPage('acme', 'Group', 3)).toEqual({ cursor: page.next, total: 3 });
        expect(await d.recallPage('acme', 'User', 3)).toBeUndefined();
        expect(await d.recallPage('rival', 'Group', 3)).toBeUndefined();
      });
    });

    describe('groups', () => {
      it('creates a group with members: their accounts carry it, and members() lists them', async () => {
        const a = await d.createUser('acme', user(1), w());
        const b = await d.createUser('acme', user(2), w());
        const { group, accounts } = await d.createGroup(
          'acme',
          { displayName: 'Engineering', externalId: '00g1' },
          [a.id, b.id],
          w(),
          settle,
        );
        expect(group).toMatchObject({ tenant: 'acme', displayName: 'Engineering', externalId: '00g1', createdAt: NOW.toISOString() });
        expect(accounts.sort()).toEqual([a.id, b.id].sort());
        expect(await d.groupsOf('acme', a.id)).toEqual({ accountId: a.id, groupNames: ['Engineering'], version: expect.any(Number) });
        expect(await d.getGroup('acme', group.id)).toEqual(group);
        expect(await d.findGroupByName('acme', 'ENGINEERING')).toEqual(group);
        expect(await d.findGroupByName('rival', 'Engineering')).toBeUndefined();
        expect(await d.members('acme', group.id)).toEqual(
          [a, b].map((u) => ({ id: u.id, email: u.email })).sort((x, y) => (x.id < y.id ? -1 : 1)),
        );
        expect((await d.getUser('acme', a.id))!.groups).toEqual([{ id: group.id, displayName: 'Engineering' }]);
      });

      it('keeps group names unique without regard to case, also on rename; a case-only rename passes', async () => {
        const { group } = await d.createGroup('acme', { displayName: 'Sales' }, [], w(), settle);
        const { group: ops } = await d.createGroup('acme', { displayName: 'Ops' }, [], w(), settle);
        await expect(d.createGroup('acme', { displayName: 'sALES' }, [], w(), settle)).rejects.toBeInstanceOf(ConflictError);
        await expect(d.updateGroup('acme', ops.id, { displayName: 'SALES' }, w(), settle)).rejects.toBeInstanceOf(ConflictError);
        expect(await d.getGroup('acme', ops.id)).toMatchObject({ displayName: 'Ops' });
        await expect(d.updateGroup('acme', group.id, { displayName: 'SALES' }, w(), settle)).resolves.toMatchObject({
          group: { displayName: 'SALES' },
        });
        await expect(d.createGroup('rival', { displayName: 'Sales' }, [], w(), settle)).resolves.toMatchObject({
          group: { tenant: 'rival' },
        });
        expect(await d.groups.count('acme')).toBe(2);
      });

      it('adds, removes and sets members, settling every account named (and, for a set, the members before); each change is a newer version', async () => {
        const [a, b, c] = [
          await d.createUser('acme', user(1), w()),
          await d.createUser('acme', user(2), w()),
          await d.createUser('acme', user(3), w()),
        ];
        const { group } = await d.createGroup('acme', { displayName: 'G' }, [a.id], w(), settle);
        await d.createGroup('acme', { displayName: 'Other' }, [b.id], w(), settle);
        const settled: string[][] = [];
        const record = async (ids: string[]) => void settled.push([...ids].sort());
        const versionOf = async (id: string) => (await d.groupsOf('acme', id))!.version;
        const bBefore = await versionOf(b.id);
        const added = await d.updateGroup('acme', group.id, { members: { add: [a.id, b.id], remove: [] } }, w(), record);
        expect(added!.accounts.sort()).toEqual([a.id, b.id].sort());
        expect(await d.groupsOf('acme', b.id)).toEqual({ accountId: b.id, groupNames: ['G', 'Other'], version: expect.any(Number) });
        expect(await versionOf(b.id)).toBeGreaterThan(bBefore);
        const aBefore = await versionOf(a.id);
        const removed = await d.updateGroup('acme', group.id, { members: { add: [], remove: [a.id, c.id] } }, w(), record);
        expect(removed!.accounts.sort()).toEqual([a.id, c.id].sort());
        expect(await d.groupsOf('acme', a.id)).toMatchObject({ groupNames: [] });
        expect(await versionOf(a.id)).toBeGreaterThan(aBefore);
        const set = await d.updateGroup('acme', group.id, { members: { set: [c.id] } }, w(), record);
        expect(set!.accounts.sort()).toEqual([b.id, c.id].sort());
        expect(settled).toEqual([[a.id, b.id].sort(), [a.id, c.id].sort(), [b.id, c.id].sort()]);
        expect(await d.groupsOf('acme', b.id)).toMatchObject({ groupNames: ['Other'] });
        expect(await d.groupsOf('acme', c.id)).toMatchObject({ groupNames: ['G'] });
        expect(await d.groupsOf('acme', 'acc_unknown')).toBeUndefined();
        expect((await d.members('acme', group.id)).map((m) => m.id)).toEqual([c.id]);
        expect((await d.getUser('acme', b.id))!.groups.map((g) => g.displayName)).toEqual(['Other']);
      });

      it('renames: every member carries the new name; externalId set and removed', async () => {
        const [a, b] = [await d.createUser('acme', user(1), w()), await d.createUser('acme', user(2), w())];
        const { group } = await d.createGroup('acme', { displayName: 'Old' }, [a.id, b.id], w(), settle);
        const renamed = await d.updateGroup('acme', group.id, { displayName: 'New', externalId: '00gX' }, w(), settle);
        expect(renamed!.group).toMatchObject({ id: group.id, displayName: 'New', externalId: '00gX' });
        expect(renamed!.accounts.sort()).toEqual([a.id, b.id].sort());
        for (const u of [a, b]) expect(await d.groupsOf('acme', u.id)).toMatchObject({ groupNames: ['New'] });
        expect(await d.findGroupByName('acme', 'Old')).toBeUndefined();
        await expect(d.createGroup('acme', { displayName: 'old' }, [], w(), settle)).resolves.toBeDefined();
        expect((await d.updateGroup('acme', group.id, { externalId: null }, w(), settle))!.group.externalId).toBeUndefined();
        expect(await d.updateGroup('acme', 'grp_unknown', { displayName: 'X' }, w(), settle)).toBeUndefined();
      });

      it('deletes a group: its members lose it, its name is free', async () => {
        const a = await d.createUser('acme', user(1), w());
        const { group } = await d.createGroup('acme', { displayName: 'Temp' }, [a.id], w(), settle);
        const deleted = await d.deleteGroup('acme', group.id, w(), settle);
        expect(deleted).toEqual({ group, accounts: [a.id] });
        expect(await d.groupsOf('acme', a.id)).toMatchObject({ groupNames: [] });
        expect(await d.getGroup('acme', group.id)).toBeUndefined();
        expect((await d.getUser('acme', a.id))!.groups).toEqual([]);
        expect(await d.deleteGroup('acme', group.id, w(), settle)).toBeUndefined();
        await expect(d.createGroup('acme', { displayName: 'TEMP' }, [], w(), settle)).resolves.toBeDefined();
      });

      it('a members set whose settle fails: the leaver is off its account but still a member, so the repeat settles it again', async () => {
        const [a, b] = [await d.createUser('acme', user(1), w()), await d.createUser('acme', user(2), w())];
        const { group } = await d.createGroup('acme', { displayName: 'Admins' }, [a.id, b.id], w(), settle);
        const failing = async () => {
          throw new Error('sessions table unavailable');
        };
        await expect(d.updateGroup('acme', group.id, { members: { set: [b.id] } }, w(), failing)).rejects.toThrow(
          'sessions table unavailable',
        );
        expect(await d.groupsOf('acme', a.id)).toMatchObject({ groupNames: [] });
        expect((await d.members('acme', group.id)).map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
        let settled: string[] = [];
        const repeat = await d.updateGroup('acme', group.id, { members: { set: [b.id] } }, w(), async (ids) => void (settled = ids));
        expect(repeat!.accounts.sort()).toEqual([a.id, b.id].sort());
        expect(settled.sort()).toEqual([a.id, b.id].sort());
        expect((await d.members('acme', group.id)).map((m) => m.id)).toEqual([b.id]);
      });

      it('a delete whose settle fails leaves the group, so the repeat settles its former members', async () => {
        const a = await d.createUser('acme', user(1), w());
        const { group } = await d.createGroup('acme', { displayName: 'Admins' }, [a.id], w(), settle);
        await expect(d.deleteGroup('acme', group.id, w(), async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
        expect(await d.groupsOf('acme', a.id)).toMatchObject({ groupNames: [] });
        expect(await d.getGroup('acme', group.id)).toBeDefined();
        let settled: string[] = [];
        expect(await d.deleteGroup('acme', group.id, w(), async (ids) => void (settled = ids))).toEqual({ group, accounts: [a.id] });
        expect(settled).toEqual([a.id]);
        expect(await d.getGroup('acme', group.id)).toBeUndefined();
        expect(await d.members('acme', group.id)).toEqual([]);
      });
    });
  });
}
