/**
 * The DynamoDB ScimDirectory beside the other doors and under lost answers, on each emulator:
 * accounts from `account add`, CSV import and older layouts are SCIM users; `account remove`
 * and `tenant remove` take SCIM items with them; and every SCIM write whose answer is lost
 * (applied, then `500`, so the SDK sends it again) succeeds as its first try would have, while
 * a real second request still refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamoScimDirectory } from '../../lambdas/adapters/dynamo-scim-directory.js';
import { ConflictError } from '../../lambdas/core/ports.js';
import type { UserFields, WriteMark } from '../../lambdas/core/scim/directory.js';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { scanAll, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';
import { useFaultySuite } from '../fixtures/faulty-suite.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
let seq = 0;
const w = (): WriteMark => ({ requestId: `req-${++seq}`, now: NOW });
/** A group write's session sync, not under test here. */
const settle = async () => undefined;
const ada: UserFields = { email: 'ada@acme.example', givenName: 'Ada', familyName: 'Lovelace', active: true, externalId: '00u1' };
const tenant = (subdomain: string) => ({ subdomain, name: subdomain, issuer: 'https://dev-acme.okta.com', clientId: '0oa1', domains: [] });
/** The next request whose body mentions `text`. */
const mentions = (text: string) => (body: Record<string, unknown>) => JSON.stringify(body).includes(text);

for (const emulator of EMULATORS) {
  const name = `SCIM directory beside the other doors and under lost answers on ${emulator.label}`;
  describe.skipIf(emulator.skipReason !== undefined)(emulator.skipReason ? `${name} — skipped: ${emulator.skipReason}` : name, () => {
    const faulty = useFaultySuite(emulator);
    let db: TestDynamo;
    let d: DynamoScimDirectory;
    beforeEach(async () => {
      db = await faulty.tables.fresh();
      d = new DynamoScimDirectory(db.doc, { directory: db.names.directory, sessions: db.names.sessions }, { now: () => NOW });
      await db.directory.createTenant(tenant('acme'), NOW);
      faulty.proxy.injected.length = 0;
    });
    afterEach(() => db.close());

    const loseNext = (operation: string, text: string) =>
      faulty.proxy.once('lose', { operation, table: db.names.directory, when: mentions(text) });
    const expectLost = (n = 1) => expect(faulty.proxy.injected.filter((f) => f.kind === 'lose')).toHaveLength(n);
    const keys = async () => (await db.directoryKeys()).filter((k) => !k.endsWith('#TENANT'));

    describe('one set of accounts', () => {
      it('an account from account add or CSV import is a SCIM user: by id, userName and in the listing', async () => {
        const added = await db.directory.addAccount({ tenant: 'acme', email: 'Bo@Acme.Example', name: 'Bo Bell' }, NOW);
        await db.directory.importAccounts([{ tenant: 'acme', email: 'cy@acme.example' }], NOW);
        expect(await d.getUser('acme', added.id)).toMatchObject({
          id: added.id,
          email: 'bo@acme.example',
          displayName: 'Bo Bell',
          active: true,
          groups: [],
        });
        expect(await d.findUserByEmail('acme', 'cy@acme.example')).toMatchObject({ email: 'cy@acme.example' });
        expect((await d.users.page('acme', undefined, 10)).items.map((u) => u.email)).toEqual(['bo@acme.example', 'cy@acme.example']);
      });

      it('an account stored before id pointers existed is found by id (pointers given once per tenant)', async () => {
        await db.doc.send(
          new PutCommand({
            TableName: db.names.directory,
            Item: {
              pk: 'TENANT#acme',
              sk: 'ACCOUNT#old@acme.example',
              tenant: 'acme',
              id: 'acc_old',
              email: 'old@acme.example',
              name: 'Old Timer',
              createdAt: NOW.toISOString(),
            },
          }),
        );
        expect(await d.getUser('acme', 'acc_old')).toMatchObject({ id: 'acc_old', displayName: 'Old Timer', active: true });
        const { accounts } = await d.createGroup('acme', { displayName: 'Legacy' }, ['acc_old'], w(), settle);
        expect(accounts).toEqual(['acc_old']);
        expect(await d.groupsOf('acme', 'acc_old')).toEqual({ accountId: 'acc_old', groupNames: ['Legacy'], version: 1 });
        expect((await db.directory.getAccountByEmail('acme', 'old@acme.example'))!.groups).toEqual([
          expect.objectContaining({ displayName: 'Legacy' }),
        ]);
        expect(await d.getUser('acme', 'acc_none')).toBeUndefined();
      });

      it('a SCIM user shows in account list with its groups and names; account remove takes its memberships and pointers', async () => {
        const user = await d.createUser('acme', ada, w());
        const { group } = await d.createGroup('acme', { displayName: 'Staff' }, [user.id], w(), settle);
        const [listed] = await db.directory.listAccounts('acme');
        expect(listed).toMatchObject({
          id: user.id,
          email: ada.email,
          givenName: 'Ada',
          familyName: 'Lovelace',
          externalId: '00u1',
          active: true,
          groups: [{ id: group.id, displayName: 'Staff' }],
        });
        expect(await db.directory.removeAccount('acme', ada.email)).toBe(true);
        expect(await d.members('acme', group.id)).toEqual([]);
        expect(await keys()).toEqual([`TENANT#acme GROUP#${group.id}`, 'TENANT#acme GROUPNAME#staff']);
      });

      it('tenant remove takes users, groups, memberships and pointers with it', async () => {
        const user = await d.createUser('acme', ada, w());
        await d.createGroup('acme', { displayName: 'Staff' }, [user.id], w(), settle);
        await db.directory.removeTenant('acme');
        expect(await db.directoryKeys()).toEqual([]);
      });

      it('never stores what SCIM does not keep', async () => {
        await d.createUser('acme', ada, w());
        expect(JSON.stringify(await scanAll(db.doc, db.names.directory))).not.toMatch(/password/i);
      });
    });

    describe('lost answers', () => {
      it('createUser: the retry succeeds once; a second request for the userName is refused', async () => {
        loseNext('PutItem', 'ACCOUNT#ada@');
        const user = await d.createUser('acme', ada, w());
        expectLost();
        expect(await d.getUser('acme', user.id)).toEqual(user);
        await expect(d.createUser('acme', ada, w())).rejects.toBeInstanceOf(ConflictError);
        expect((await keys()).filter((k) => k.includes('#ID#') || k.includes(' ID#'))).toEqual([`TENANT#acme ID#${user.id}`]);
      });

      it('updateUser and a userName change: the retries land; the account is at one email only', async () => {
        const user = await d.createUser('acme', ada, w());
        loseNext('UpdateItem', 'ACCOUNT#ada@');
        expect(await d.updateUser('acme', user.id, { ...ada, active: false }, w())).toMatchObject({ active: false });
        loseNext('PutItem', 'ACCOUNT#ada.l@');
        loseNext('DeleteItem', 'ACCOUNT#ada@');
        expect(await d.updateUser('acme', user.id, { ...ada, email: 'ada.l@acme.example', active: false }, w())).toMatchObject({
          email: 'ada.l@acme.example',
        });
        expectLost(3);
        expect(await d.getUser('acme', user.id)).toMatchObject({ email: 'ada.l@acme.example', active: false });
        expect((await keys()).filter((k) => k.includes('ACCOUNT#'))).toEqual(['TENANT#acme ACCOUNT#ada.l@acme.example']);
      });

      it('deleteUser: the retry answers the user and leaves nothing behind', async () => {
        const user = await d.createUser('acme', ada, w());
        await d.createGroup('acme', { displayName: 'Staff' }, [user.id], w(), settle);
        loseNext('DeleteItem', 'ACCOUNT#ada@');
        expect(await d.deleteUser('acme', user.id, w())).toMatchObject({ id: user.id });
        expectLost();
        expect((await keys()).filter((k) => !k.includes('GROUP'))).toEqual([]);
      });

      it('createGroup: a lost name claim or group put is ours; another request for the name is refused', async () => {
        const user = await d.createUser('acme', ada, w());
        loseNext('PutItem', 'GROUPNAME#staff');
        loseNext('PutItem', 'GROUP#grp_');
        const { group, accounts } = await d.createGroup('acme', { displayName: 'Staff' }, [user.id], w(), settle);
        expectLost(2);
        expect(accounts).toEqual([user.id]);
        expect(await d.groupsOf('acme', user.id)).toMatchObject({ groupNames: ['Staff'] });
        await expect(d.createGroup('acme', { displayName: 'STAFF' }, [], w(), settle)).rejects.toBeInstanceOf(ConflictError);
        expect(await d.groups.count('acme')).toBe(1);
        expect(await d.getGroup('acme', group.id)).toEqual(group);
      });

      it("membership writes: a lost answer of the account's groups entry or the member item changes nothing more", async () => {
        const user = await d.createUser('acme', ada, w());
        const { group } = await d.createGroup('acme', { displayName: 'Staff' }, [], w(), settle);
        loseNext('PutItem', `MEMBER#${group.id}`);
        loseNext('UpdateItem', 'groups');
        expect((await d.updateGroup('acme', group.id, { members: { add: [user.id], remove: [] } }, w(), settle))!.accounts).toEqual([
          user.id,
        ]);
        expect(await d.groupsOf('acme', user.id)).toMatchObject({ groupNames: ['Staff'] });
        expectLost(2);
        loseNext('UpdateItem', 'displayName');
        expect((await d.updateGroup('acme', group.id, { displayName: 'Team' }, w(), settle))!.accounts).toEqual([user.id]);
        expect(await d.groupsOf('acme', user.id)).toMatchObject({ groupNames: ['Team'] });
        loseNext('DeleteItem', `MEMBER#${group.id}`);
        expect((await d.deleteGroup('acme', group.id, w(), settle))!.accounts).toEqual([user.id]);
        expect(await d.groupsOf('acme', user.id)).toMatchObject({ groupNames: [] });
        expectLost(4);
        expect((await keys()).filter((k) => !k.includes('ACCOUNT#') && !k.includes(' ID#') && !k.includes('EXTID#'))).toEqual([]);
      });
    });
  });
}
