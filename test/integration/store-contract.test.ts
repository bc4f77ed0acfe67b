/**
 * One contract for every storage implementation: the in-memory stores, the DynamoDB stores
 * on the embedded dynalite, and the same DynamoDB stores on AWS's DynamoDB Local (when
 * Java is present). Each test gets fresh, empty tables and asserts their exact contents
 * wherever a write could leave something half done.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoginTransaction } from '../../lambdas/core/model.js';
import { ConflictError, type DirectoryStore, type NewAccount, type NewTenant, type TransactionStore } from '../../lambdas/core/ports.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { MemoryTransactionStore } from '../../lambdas/adapters/memory-transactions.js';
import { openTestTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { EMULATORS } from '../fixtures/emulators.js';

interface Stores {
  directory: DirectoryStore;
  transactions: TransactionStore;
  /** Every directory record as `pk sk`, sorted (layout of tables.ts). */
  directoryKeys(): Promise<string[]>;
  /** Every stored login `state`, sorted. */
  loginKeys(): Promise<string[]>;
}

interface Backend {
  /** Stores over new, empty tables. */
  fresh(): Promise<Stores>;
  close(): Promise<void>;
}

const NOW = new Date('2030-01-02T03:04:05.000Z');
const LATER = new Date('2030-01-03T00:00:00.000Z');
const ISS = 'https://dev-acme.okta.com';

const tenant = (subdomain: string, domains: string[] = []): NewTenant => ({
  subdomain,
  name: `${subdomain} Inc`,
  issuer: ISS,
  clientId: '0oaacme0000000000001',
  domains,
});

const T = (s: string) => `TENANT#${s} #TENANT`;
const A = (s: string, email: string) => `TENANT#${s} ACCOUNT#${email}`;
const D = (d: string) => `DOMAIN#${d} #DOMAIN`;
const S = (tenant: string, sub: string, iss = ISS) => `SUBJECT#${iss}#${sub} TENANT#${tenant}`;
/** An account's id pointer (SCIM finds accounts by id through it). */
const I = (s: string, id: string) => `TENANT#${s} ID#${id}`;

async function expectConflict(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(ConflictError);
  await expect(promise).rejects.toThrow(message);
}

function storeContract(name: string, start: () => Promise<Backend>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let backend: Backend;
    let s: Stores;
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend?.close());
    beforeEach(async () => {
      s = await backend.fresh();
    });

    describe('tenants', () => {
      it('creates a tenant at version 1 with its domain claims, and reads it back', async () => {
        const created = await s.directory.createTenant(tenant('acme', ['Acme.example', 'acme.example', 'acme.test']), NOW);

        expect(created).toEqual({
          ...tenant('acme', ['acme.example', 'acme.test']),
          ...{ status: 'active', clientAuth: 'none', jit: false, customDomainOrg: false, signOut: 'impero' },
          version: 1,
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        });
        expect(await s.directory.getTenant('acme')).toEqual(created);
        expect(await s.directory.tenantForDomain('ACME.example')).toBe('acme');
        expect(await s.directory.getTenant('nobody')).toBeUndefined();
        expect(await s.directory.tenantForDomain('nobody.example')).toBeUndefined();
        expect(await s.directoryKeys()).toEqual([D('acme.example'), D('acme.test'), T('acme')]);
      });

      it('lists every tenant, by subdomain', async () => {
        for (const sub of ['zeta', 'alpha', 'mid']) await s.directory.createTenant(tenant(sub), NOW);
        await s.directory.addAccount({ tenant: 'alpha', email: 'a@alpha.example' }, NOW);

        expect((await s.directory.listTenants()).map((t) => t.subdomain)).toEqual(['alpha', 'mid', 'zeta']);
      });

      it('refuses a duplicate subdomain and claims none of its domains', async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example']), NOW);

        await expectConflict(
          s.directory.createTenant({ ...tenant('acme', ['other.example']), name: 'Impostor' }, LATER),
          /"acme" already exists/,
        );
        expect((await s.directory.getTenant('acme'))?.name).toBe('acme Inc');
        expect(await s.directoryKeys()).toEqual([D('acme.example'), T('acme')]);
      });

      it('refuses a domain another tenant claims and leaves nothing half-written', async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example']), NOW);

        await expectConflict(
          s.directory.createTenant(tenant('rival', ['rival.example', 'acme.example', 'rival.test']), NOW),
          /"acme\.example" is already claimed by tenant "acme"/,
        );
        expect(await s.directory.getTenant('rival')).toBeUndefined();
        expect(await s.directory.tenantForDomain('rival.example')).toBeUndefined();
        expect(await s.directoryKeys()).toEqual([D('acme.example'), T('acme')]);
      });

      it('updates changed fields, bumps the version and keeps the rest', async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example']), NOW);

        const updated = await s.directory.updateTenant('acme', 1, { name: 'Acme Corp', status: 'disabled', clientId: undefined }, LATER);

        expect(updated).toMatchObject({
          name: 'Acme Corp',
          status: 'disabled',
          clientId: '0oaacme0000000000001',
          domains: ['acme.example'],
        });
        expect(updated).toMatchObject({ version: 2, createdAt: NOW.toISOString(), updatedAt: LATER.toISOString() });
        expect(await s.directory.getTenant('acme')).toEqual(updated);
      });

      it('keeps the SCIM token record through other updates, and removes it with scim: null', async () => {
        await s.directory.createTenant(tenant('acme'), NOW);
        expect((await s.directory.getTenant('acme'))!.scim).toBeUndefined();
        const scim = {
          hash: 'h-current',
          issuedAt: NOW.toISOString(),
          previousHash: 'h-previous',
          previousValidUntil: LATER.toISOString(),
        };
        expect((await s.directory.updateTenant('acme', 1, { scim }, NOW)).scim).toEqual(scim);
        expect((await s.directory.getTenant('acme'))!.scim).toEqual(scim);
        await s.directory.updateTenant('acme', 2, { name: 'Acme Corp' }, LATER);
        expect((await s.directory.getTenant('acme'))!.scim).toEqual(scim);
        expect((await s.directory.updateTenant('acme', 3, { scim: null }, LATER)).scim).toBeUndefined();
        const after = await s.directory.getTenant('acme');
        expect(after!.scim).toBeUndefined();
        expect(after).not.toHaveProperty('scim');
      });

      it('refuses an update at a stale version, and one of a missing tenant', async () => {
        await s.directory.createTenant(tenant('acme'), NOW);
        await s.directory.updateTenant('acme', 1, { name: 'First' }, LATER);

        await expectConflict(s.directory.updateTenant('acme', 1, { name: 'Second' }, LATER), /version 2, expected 1/);
        expect(await s.directory.getTenant('acme')).toMatchObject({ name: 'First', version: 2 });
        await expectConflict(s.directory.updateTenant('ghost', 1, { name: 'x' }, LATER), /"ghost" does not exist/);
      });

      it('claims added domains and releases dropped ones, which another tenant may then claim', async () => {
        await s.directory.createTenant(tenant('acme', ['old.example', 'kept.example']), NOW);

        await s.directory.updateTenant('acme', 1, { domains: ['kept.example', 'new.example'] }, LATER);
        await s.directory.createTenant(tenant('rival', ['old.example']), LATER);

        expect(await s.directory.tenantForDomain('new.example')).toBe('acme');
        expect(await s.directory.tenantForDomain('old.example')).toBe('rival');
        expect(await s.directoryKeys()).toEqual([D('kept.example'), D('new.example'), D('old.example'), T('acme'), T('rival')]);
      });

      it('refuses to re-claim a domain another tenant holds and undoes the claims it made', async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example']), NOW);
        await s.directory.createTenant(tenant('rival', ['rival.example']), NOW);
        const before = await s.directoryKeys();

        await expectConflict(
          s.directory.updateTenant('acme', 1, { domains: ['fresh.example', 'rival.example'] }, LATER),
          /"rival\.example" is already claimed by tenant "rival"/,
        );
        expect(await s.directory.getTenant('acme')).toMatchObject({ version: 1, domains: ['acme.example'] });
        expect(await s.directory.tenantForDomain('acme.example')).toBe('acme');
        expect(await s.directoryKeys()).toEqual(before);
      });

      it('removes a tenant with its claims, accounts and subject links, and nothing else', async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example', 'acme.test']), NOW);
        await s.directory.createTenant(tenant('rival', ['rival.example']), NOW);
        await s.directory.importAccounts(
          ['a', 'b', 'c'].map((x) => ({ tenant: 'acme', email: `${x}@acme.example` })),
          NOW,
        );
        await s.directory.linkSubject('acme', 'a@acme.example', { iss: ISS, sub: '00ua' });
        const rival = await s.directory.addAccount({ tenant: 'rival', email: 'r@rival.example' }, NOW);
        await s.directory.linkSubject('rival', 'r@rival.example', { iss: ISS, sub: '00ur' });

        await s.directory.removeTenant('acme');

        expect(await s.directory.getTenant('acme')).toBeUndefined();
        expect(await s.directory.getAccountBySubject('acme', ISS, '00ua')).toBeUndefined();
        expect(await s.directoryKeys()).toEqual([
          D('rival.example'),
          S('rival', '00ur'),
          T('rival'),
          A('rival', 'r@rival.example'),
          I('rival', rival.id),
        ]);
        await expectConflict(s.directory.removeTenant('acme'), /"acme" does not exist/);
      });

      it('removes a tenant whose accounts span several pages (over 1 MB)', async () => {
        await s.directory.createTenant(tenant('big'), NOW);
        // A query page holds at most 1 MB and an item at most 400 KB: a few big accounts span
        // several pages. Many small ones put more items on one page than a batch write takes (25).
        const name = 'n'.repeat(300_000);
        const big = Array.from({ length: 8 }, (_, i) => ({ tenant: 'big', email: `big${i}@big.example`, name }));
        const small = Array.from({ length: 40 }, (_, i) => ({ tenant: 'big', email: `small${String(i).padStart(2, '0')}@big.example` }));
        expect(big.length * name.length).toBeGreaterThan(2 * 1024 * 1024);
        const accounts = [...big, ...small];
        await s.directory.importAccounts(accounts, NOW);

        const listed = await s.directory.listAccounts('big');
        await s.directory.removeTenant('big');

        expect(listed.map((a) => a.email)).toEqual(accounts.map((a) => a.email));
        expect(listed.filter((a) => a.name === name)).toHaveLength(big.length);
        expect(await s.directoryKeys()).toEqual([]);
      });
    });

    describe('accounts', () => {
      beforeEach(async () => {
        await s.directory.createTenant(tenant('acme', ['acme.example']), NOW);
        await s.directory.createTenant(tenant('rival'), NOW);
      });

      it('adds an account under its canonical email with a fresh id, once', async () => {
        const added = await s.directory.addAccount({ tenant: 'acme', email: '  Ada@Acme.Example ', name: 'Ada' }, NOW);

        expect(added).toEqual({
          tenant: 'acme',
          id: expect.stringMatching(/^acc_[A-Za-z0-9_-]{20}$/),
          email: 'ada@acme.example',
          name: 'Ada',
          active: true,
          createdAt: NOW.toISOString(),
        });
        expect(await s.directory.getAccountByEmail('acme', 'ADA@acme.example')).toEqual(added);
        expect(await s.directory.getAccountByEmail('rival', 'ada@acme.example')).toBeUndefined();
        await expectConflict(
          s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, LATER),
          /already has an account in tenant "acme"/,
        );
        const other = await s.directory.addAccount({ tenant: 'rival', email: 'ada@acme.example' }, NOW);
        expect(other.id).not.toBe(added.id);
        // Each account has its id pointer (how SCIM finds it by id); the refused one left none.
        expect((await s.directoryKeys()).filter((k) => k.includes(' ID#'))).toEqual([I('acme', added.id), I('rival', other.id)].sort());
      });

      it('refuses accounts in a tenant that does not exist', async () => {
        await expectConflict(s.directory.addAccount({ tenant: 'ghost', email: 'a@ghost.example' }, NOW), /"ghost" does not exist/);
        await expectConflict(s.directory.importAccounts([{ tenant: 'ghost', email: 'a@ghost.example' }], NOW), /"ghost" does not exist/);
        expect(await s.directoryKeys()).toEqual([D('acme.example'), T('acme'), T('rival')]);
      });

      it("lists one tenant's accounts, by email", async () => {
        for (const e of ['c@x.example', 'a@x.example', 'b@x.example']) await s.directory.addAccount({ tenant: 'acme', email: e }, NOW);
        await s.directory.addAccount({ tenant: 'rival', email: 'z@x.example' }, NOW);

        expect((await s.directory.listAccounts('acme')).map((a) => a.email)).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
        expect(await s.directory.listAccounts('nobody')).toEqual([]);
      });

      it('imports idempotently: existing emails are counted and left as they are', async () => {
        const kept = await s.directory.addAccount({ tenant: 'acme', email: 'kept@acme.example', name: 'Original' }, NOW);
        const rows: NewAccount[] = Array.from({ length: 40 }, (_, i) => ({ tenant: 'acme', email: `user${i}@acme.example` }));
        rows.push({ tenant: 'acme', email: 'KEPT@acme.example', name: 'Overwritten?' }, { tenant: 'acme', email: 'user0@acme.example' });
        const progress: number[] = [];

        const first = await s.directory.importAccounts(rows, NOW, (done) => progress.push(done));
        const second = await s.directory.importAccounts(rows, LATER);

        expect(first).toEqual({ added: 40, existing: 2 });
        expect(second).toEqual({ added: 0, existing: 42 });
        expect(progress.at(-1)).toBe(42);
        expect(progress).toHaveLength(42);
        expect(await s.directory.getAccountByEmail('acme', 'kept@acme.example')).toEqual(kept);
        expect(await s.directory.listAccounts('acme')).toHaveLength(41);
      });

      it('links an account to an Okta subject, idempotently, and finds it by that subject', async () => {
        await s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);

        const linked = await s.directory.linkSubject('acme', 'Ada@acme.example', { iss: ISS, sub: '00u1' });
        const again = await s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' });

        expect(linked.subject).toEqual({ iss: ISS, sub: '00u1' });
        expect(again).toEqual(linked);
        expect(await s.directory.getAccountBySubject('acme', ISS, '00u1')).toEqual(linked);
        expect(await s.directory.getAccountBySubject('acme', 'https://other.okta.com', '00u1')).toBeUndefined();
        expect(await s.directory.getAccountBySubject('rival', ISS, '00u1')).toBeUndefined();
        expect(await s.directoryKeys()).toContain(S('acme', '00u1'));
      });

      it('refuses to link a subject that is linked to another account of the same tenant', async () => {
        await s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);
        await s.directory.addAccount({ tenant: 'acme', email: 'eve@acme.example' }, NOW);
        await s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' });
        const before = await s.directoryKeys();

        await expectConflict(
          s.directory.linkSubject('acme', 'eve@acme.example', { iss: ISS, sub: '00u1' }),
          /already linked to another account/,
        );
        expect((await s.directory.getAccountByEmail('acme', 'eve@acme.example'))?.subject).toBeUndefined();
        expect((await s.directory.getAccountBySubject('acme', ISS, '00u1'))?.email).toBe('ada@acme.example');
        expect(await s.directoryKeys()).toEqual(before);
      });

      it('refuses to link an account that is linked to another subject, leaving no stray link', async () => {
        await s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);
        await s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' });
        const before = await s.directoryKeys();

        await expectConflict(s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u2' }), /linked to another Okta user/);
        expect(await s.directory.getAccountBySubject('acme', ISS, '00u2')).toBeUndefined();
        expect((await s.directory.getAccountByEmail('acme', 'ada@acme.example'))?.subject).toEqual({ iss: ISS, sub: '00u1' });
        expect(await s.directoryKeys()).toEqual(before);
      });

      it('refuses to link a missing account, leaving no stray link', async () => {
        await expectConflict(
          s.directory.linkSubject('acme', 'ghost@acme.example', { iss: ISS, sub: '00u9' }),
          /has no account in tenant "acme"/,
        );
        expect(await s.directoryKeys()).toEqual([D('acme.example'), T('acme'), T('rival')]);
      });

      it('removes an account with its subject link; the subject then finds nobody and may link again', async () => {
        await s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, NOW);
        await s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' });

        expect(await s.directory.removeAccount('acme', 'ADA@acme.example')).toBe(true);
        expect(await s.directory.removeAccount('acme', 'ada@acme.example')).toBe(false);
        expect(await s.directory.getAccountBySubject('acme', ISS, '00u1')).toBeUndefined();
        expect(await s.directoryKeys()).toEqual([D('acme.example'), T('acme'), T('rival')]);

        const readded = await s.directory.addAccount({ tenant: 'acme', email: 'ada@acme.example' }, LATER);
        expect(readded.subject).toBeUndefined();
        expect(await s.directory.getAccountBySubject('acme', ISS, '00u1')).toBeUndefined();
        expect((await s.directory.linkSubject('acme', 'ada@acme.example', { iss: ISS, sub: '00u1' })).id).toBe(readded.id);
      });
    });

    describe('login transactions', () => {
      const tx = (state: string, over: Partial<LoginTransaction> = {}): LoginTransaction => ({
        state,
        tenant: 'acme',
        issuer: ISS,
        clientId: '0oaacme0000000000001',
        redirectUri: 'https://acme.impero.com/auth/callback',
        nonce: `nonce-${state}`,
        codeVerifier: `verifier-${state}`,
        returnTo: '/dashboard',
        bindingHash: 'binding-hash',
        expiresAt: 2_000_000_600,
        ...over,
      });
      const check = { tenant: 'acme', bindingHash: 'binding-hash', nowSeconds: 2_000_000_000 };

      it('consumes a transaction exactly once', async () => {
        await s.transactions.put(tx('s1'));

        expect(await s.transactions.consume('s1', check)).toEqual(tx('s1'));
        expect(await s.transactions.consume('s1', check)).toBeUndefined();
        expect(await s.loginKeys()).toEqual([]);
      });

      it('answers undefined for an unknown state', async () => {
        expect(await s.transactions.consume('never-issued', check)).toBeUndefined();
      });

      it('leaves the transaction in place on a wrong browser binding; the right browser then consumes it', async () => {
        await s.transactions.put(tx('s1'));

        expect(await s.transactions.consume('s1', { ...check, bindingHash: 'another-browser' })).toBeUndefined();
        expect(await s.loginKeys()).toEqual(['s1']);
        expect(await s.transactions.consume('s1', check)).toEqual(tx('s1'));
      });

      it('refuses another tenant', async () => {
        await s.transactions.put(tx('s1'));

        expect(await s.transactions.consume('s1', { ...check, tenant: 'rival' })).toBeUndefined();
        expect(await s.loginKeys()).toEqual(['s1']);
      });

      it('refuses an expired transaction (expiresAt <= now), whatever TTL has not yet swept', async () => {
        await s.transactions.put(tx('at-now', { expiresAt: check.nowSeconds }));
        await s.transactions.put(tx('past', { expiresAt: check.nowSeconds - 60 }));
        await s.transactions.put(tx('just-valid', { expiresAt: check.nowSeconds + 1 }));

        expect(await s.transactions.consume('at-now', check)).toBeUndefined();
        expect(await s.transactions.consume('past', check)).toBeUndefined();
        expect(await s.transactions.consume('just-valid', check)).toMatchObject({ state: 'just-valid' });
        expect(await s.loginKeys()).toEqual(['at-now', 'past']);
      });

      it('lets exactly one of 10 concurrent consumes win', async () => {
        await s.transactions.put(tx('race'));

        const results = await Promise.all(Array.from({ length: 10 }, () => s.transactions.consume('race', check)));

        expect(results.filter((r) => r !== undefined)).toEqual([tx('race')]);
        expect(await s.loginKeys()).toEqual([]);
      });

      it('never overwrites a transaction with the same state', async () => {
        await s.transactions.put(tx('s1'));

        await expectConflict(s.transactions.put(tx('s1', { tenant: 'rival' })), /already exists/);
        expect(await s.transactions.consume('s1', check)).toEqual(tx('s1'));
      });
    });
  });
}

/** DynamoDB stores over new tables per test on one server; `stop` ends the server. */
function dynamoBackend(endpoint: string, stop: () => Promise<void>): Backend {
  const opened: TestDynamo[] = [];
  return {
    async fresh() {
      const tables = await openTestTables(endpoint);
      opened.push(tables);
      return tables;
    },
    async close() {
      await Promise.all(opened.map((t) => t.close()));
      await stop();
    },
  };
}

storeContract('memory stores', async () => ({
  async fresh() {
    const directory = new MemoryDirectoryStore();
    const transactions = new MemoryTransactionStore();
    return { directory, transactions, directoryKeys: async () => directory.keys(), loginKeys: async () => transactions.keys() };
  },
  async close() {},
}));

for (const emulator of EMULATORS) {
  storeContract(
    `DynamoDB stores on ${emulator.label}`,
    async () => {
      const server = await emulator.start();
      return dynamoBackend(server.endpoint, () => server.close());
    },
    emulator.skipReason,
  );
}
