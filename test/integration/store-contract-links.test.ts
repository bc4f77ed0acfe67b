/**
 * Subject links per tenant, links written before that (one per Okta user, `sk = #SUBJECT`),
 * repeated link calls, and account activation — one contract for the in-memory store, the
 * DynamoDB store on dynalite, and on AWS DynamoDB Local (when Java is present).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { accountItem } from '../../lambdas/adapters/dynamo-items.js';
import { ConflictError, type DirectoryStore } from '../../lambdas/core/ports.js';
import { openSuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';

interface Stores {
  directory: DirectoryStore;
  directoryKeys(): Promise<string[]>;
  /** Writes a raw item, as an older version of the product left it. */
  seed(item: Record<string, unknown>): Promise<void>;
}

const NOW = new Date('2030-01-02T03:04:05.000Z');
const ISS = 'https://dev-group.okta.com';
const ADA = { iss: ISS, sub: '00uada' };
const tenant = (subdomain: string) => ({ subdomain, name: subdomain, issuer: ISS, clientId: `0oa${subdomain}`, domains: [] });
const S = (t: string, sub = ADA.sub) => `SUBJECT#${ISS}#${sub} TENANT#${t}`;
const LEGACY = (sub = ADA.sub) => `SUBJECT#${ISS}#${sub} #SUBJECT`;

/** An account and its link exactly as the product wrote them before links were per tenant. */
async function seedLegacyLinkedAccount(s: Stores, t: string, email: string, subject = ADA): Promise<void> {
  const account = { tenant: t, id: `acc_legacy_${t}`, email, active: true, subject, createdAt: NOW.toISOString() };
  const { active: _dropped, ...item } = accountItem(account);
  await s.seed(item);
  await s.seed({ pk: `SUBJECT#${subject.iss}#${subject.sub}`, sk: '#SUBJECT', tenant: t, email, iss: subject.iss, sub: subject.sub });
}

interface Backend {
  fresh(): Promise<Stores>;
  close(): Promise<void>;
}

function linkContract(name: string, start: () => Promise<Backend>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let backend: Backend;
    let s: Stores;
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend?.close());
    beforeEach(async () => {
      s = await backend.fresh();
      for (const t of ['east', 'west']) await s.directory.createTenant(tenant(t), NOW);
    });

    describe('links per tenant', () => {
      it('links one Okta user to its account in each of two tenants, each found only in its tenant', async () => {
        await s.directory.addAccount({ tenant: 'east', email: 'ada@group.example' }, NOW);
        await s.directory.addAccount({ tenant: 'west', email: 'ada@group.example' }, NOW);

        const east = await s.directory.linkSubject('east', 'ada@group.example', ADA);
        const west = await s.directory.linkSubject('west', 'ada@group.example', ADA);

        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toEqual(east);
        expect(await s.directory.getAccountBySubject('west', ISS, ADA.sub)).toEqual(west);
        expect(await s.directory.getAccountBySubject('north', ISS, ADA.sub)).toBeUndefined();
        expect(await s.directoryKeys()).toEqual(expect.arrayContaining([S('east'), S('west')]));

        await s.directory.removeAccount('east', 'ada@group.example');
        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toBeUndefined();
        expect(await s.directory.getAccountBySubject('west', ISS, ADA.sub)).toEqual(west);
        expect(await s.directoryKeys()).not.toContain(S('east'));
      });

      it('accepts the same link call again (a retry), also concurrently, and leaves one link', async () => {
        await s.directory.addAccount({ tenant: 'east', email: 'ada@group.example' }, NOW);

        const first = await s.directory.linkSubject('east', 'ada@group.example', ADA);
        const repeats = await Promise.all([1, 2, 3].map(() => s.directory.linkSubject('east', 'ada@group.example', ADA)));

        expect(repeats).toEqual([first, first, first]);
        expect((await s.directoryKeys()).filter((k) => k.startsWith('SUBJECT#'))).toEqual([S('east')]);
      });

      it('removing a tenant removes its links and leaves the same user’s link in another tenant', async () => {
        for (const t of ['east', 'west']) {
          await s.directory.addAccount({ tenant: t, email: 'ada@group.example' }, NOW);
          await s.directory.linkSubject(t, 'ada@group.example', ADA);
        }

        await s.directory.removeTenant('east');

        expect((await s.directoryKeys()).filter((k) => k.startsWith('SUBJECT#'))).toEqual([S('west')]);
        expect(await s.directory.getAccountBySubject('west', ISS, ADA.sub)).toMatchObject({ tenant: 'west' });
      });
    });

    describe('links of the old shape (one per Okta user)', () => {
      it('still find their account, in their own tenant only', async () => {
        await seedLegacyLinkedAccount(s, 'east', 'ada@group.example');

        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toMatchObject({
          id: 'acc_legacy_east',
          active: true,
          subject: ADA,
        });
        expect(await s.directory.getAccountBySubject('west', ISS, ADA.sub)).toBeUndefined();
      });

      it('do not keep the same Okta user from linking in another tenant', async () => {
        await seedLegacyLinkedAccount(s, 'east', 'ada@group.example');
        await s.directory.addAccount({ tenant: 'west', email: 'ada@group.example' }, NOW);

        const west = await s.directory.linkSubject('west', 'ada@group.example', ADA);

        expect(await s.directory.getAccountBySubject('west', ISS, ADA.sub)).toEqual(west);
        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toMatchObject({ id: 'acc_legacy_east' });
      });

      it('still hold the Okta user in their tenant: another account there cannot take it', async () => {
        await seedLegacyLinkedAccount(s, 'east', 'ada@group.example');
        await s.directory.addAccount({ tenant: 'east', email: 'eve@group.example' }, NOW);
        const before = await s.directoryKeys();

        await expect(s.directory.linkSubject('east', 'eve@group.example', ADA)).rejects.toThrow(/already linked to another account/);
        expect(await s.directoryKeys()).toEqual(before);
        // Re-linking the holder itself is fine (a new-shape link joins the old one).
        await expect(s.directory.linkSubject('east', 'ada@group.example', ADA)).resolves.toMatchObject({ id: 'acc_legacy_east' });
      });

      it('go with their account, and with their tenant, and never with another tenant', async () => {
        await seedLegacyLinkedAccount(s, 'east', 'ada@group.example');
        await seedLegacyLinkedAccount(s, 'west', 'bob@group.example', { iss: ISS, sub: '00ubob' });
        await s.directory.addAccount({ tenant: 'west', email: 'ada@group.example' }, NOW);
        await s.directory.linkSubject('west', 'ada@group.example', ADA);

        expect(await s.directory.removeAccount('east', 'ada@group.example')).toBe(true);
        expect(await s.directoryKeys()).not.toContain(LEGACY());
        await seedLegacyLinkedAccount(s, 'east', 'ada@group.example');

        await s.directory.removeTenant('west');

        const links = (await s.directoryKeys()).filter((k) => k.startsWith('SUBJECT#'));
        expect(links).toEqual([LEGACY()]);
        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toMatchObject({ id: 'acc_legacy_east' });
      });
    });

    describe('active', () => {
      it('is true for new accounts and for accounts stored before it existed', async () => {
        expect(await s.directory.addAccount({ tenant: 'east', email: 'new@group.example' }, NOW)).toMatchObject({ active: true });
        await seedLegacyLinkedAccount(s, 'west', 'old@group.example');
        expect(await s.directory.getAccountByEmail('west', 'old@group.example')).toMatchObject({ active: true });
        expect((await s.directory.listAccounts('west'))[0]).toMatchObject({ active: true });
      });

      it('deactivates and activates, keeping data and link; repeating changes nothing; a missing account is undefined', async () => {
        await s.directory.addAccount({ tenant: 'east', email: 'ada@group.example', name: 'Ada' }, NOW);
        const linked = await s.directory.linkSubject('east', 'ada@group.example', ADA);
        const keys = await s.directoryKeys();

        expect(await s.directory.setAccountActive('east', 'ADA@group.example', false)).toEqual({ ...linked, active: false });
        expect(await s.directory.setAccountActive('east', 'ada@group.example', false)).toEqual({ ...linked, active: false });
        expect(await s.directory.getAccountBySubject('east', ISS, ADA.sub)).toEqual({ ...linked, active: false });
        expect(await s.directoryKeys()).toEqual(keys);
        expect(await s.directory.setAccountActive('east', 'ada@group.example', true)).toEqual(linked);
        expect(await s.directory.getAccountByEmail('east', 'ada@group.example')).toEqual(linked);

        expect(await s.directory.setAccountActive('east', 'ghost@group.example', false)).toBeUndefined();
        expect(await s.directory.setAccountActive('north', 'ada@group.example', false)).toBeUndefined();
        expect(await s.directoryKeys()).toEqual(keys);
      });

      it('addAccount over a deactivated account refuses and leaves it deactivated', async () => {
        await s.directory.addAccount({ tenant: 'east', email: 'ada@group.example' }, NOW);
        await s.directory.setAccountActive('east', 'ada@group.example', false);

        await expect(s.directory.addAccount({ tenant: 'east', email: 'ada@group.example' }, NOW)).rejects.toBeInstanceOf(ConflictError);
        expect(await s.directory.importAccounts([{ tenant: 'east', email: 'ada@group.example' }], NOW)).toEqual({ added: 0, existing: 1 });
        expect(await s.directory.getAccountByEmail('east', 'ada@group.example')).toMatchObject({ active: false });
      });
    });
  });
}

linkContract('memory store', async () => ({
  async fresh() {
    const directory = new MemoryDirectoryStore();
    return { directory, directoryKeys: async () => directory.keys(), seed: async (item) => directory.seed(item) };
  },
  async close() {},
}));

for (const emulator of EMULATORS) {
  linkContract(
    `DynamoDB store on ${emulator.label}`,
    async () => {
      const server = await emulator.start();
      const tables = await openSuiteTables(server.endpoint);
      const opened: TestDynamo[] = [];
      return {
        async fresh() {
          const db = await tables.fresh();
          opened.push(db);
          const seed = async (item: Record<string, unknown>) =>
            void (await db.doc.send(new PutCommand({ TableName: db.names.directory, Item: item })));
          return { directory: db.directory, directoryKeys: db.directoryKeys, seed };
        },
        async close() {
          await Promise.all(opened.map((db) => db.close()));
          await tables.close();
          await server.close();
        },
      };
    },
    emulator.skipReason,
  );
}
