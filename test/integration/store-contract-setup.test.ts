/**
 * Invited tenants in every directory store (memory, dynalite, DynamoDB Local when Java is
 * present): a pending tenant without an Okta org, its setup link kept on the tenant record,
 * and the version-checked writes that count failures and spend the link exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SetupLink } from '../../lambdas/core/model.js';
import { ConflictError, type DirectoryStore } from '../../lambdas/core/ports.js';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { openSuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';

const NOW = new Date('2030-01-02T03:04:05.000Z');
const LATER = new Date('2030-01-03T00:00:00.000Z');
const LINK: SetupLink = { tokenHash: 'h'.repeat(43), expiresAt: '2030-01-09T03:04:05.000Z', failedAttempts: 0 };
const invited = {
  subdomain: 'acme',
  name: 'Acme Inc',
  issuer: '',
  clientId: '',
  domains: ['acme.example'],
  status: 'pending' as const,
  setup: LINK,
};

function setupContract(name: string, start: () => Promise<{ fresh(): Promise<DirectoryStore>; close(): Promise<void> }>, skip?: string) {
  describe.skipIf(skip !== undefined)(skip ? `${name} — skipped: ${skip}` : name, () => {
    let backend: Awaited<ReturnType<typeof start>>;
    let store: DirectoryStore;
    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend?.close());
    beforeEach(async () => {
      store = await backend.fresh();
    });

    it('keeps a pending tenant with no Okta org and its setup link, and claims its domains', async () => {
      const created = await store.createTenant(invited, NOW);

      expect(created).toMatchObject({ status: 'pending', issuer: '', clientId: '', setup: LINK, version: 1 });
      expect(await store.getTenant('acme')).toEqual(created);
      expect(await store.tenantForDomain('acme.example')).toBe('acme');
      expect((await store.listTenants()).map((t) => t.status)).toEqual(['pending']);
    });

    it('counts a failed attempt, then activates and spends the link, each at the version it read', async () => {
      await store.createTenant(invited, NOW);

      await store.updateTenant('acme', 1, { setup: { ...LINK, failedAttempts: 1 } }, LATER);
      const active = await store.updateTenant(
        'acme',
        2,
        {
          issuer: 'https://acme.okta.com',
          clientId: '0oaacme0000000000001',
          status: 'active',
          setup: { ...LINK, failedAttempts: 1, spentAt: LATER.toISOString() },
        },
        LATER,
      );

      expect(active).toMatchObject({
        status: 'active',
        issuer: 'https://acme.okta.com',
        version: 3,
        setup: { failedAttempts: 1, spentAt: LATER.toISOString() },
      });
      expect(await store.getTenant('acme')).toEqual(active);
      // A second activation from the same read loses: the link activates the tenant once.
      await expect(store.updateTenant('acme', 2, { status: 'active', issuer: 'https://evil.okta.com' }, LATER)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await store.getTenant('acme'))?.issuer).toBe('https://acme.okta.com');
    });

    it('leaves tenants created without a link without one, also after updates', async () => {
      await store.createTenant(
        { subdomain: 'plain', name: 'Plain', issuer: 'https://plain.okta.com', clientId: '0oaplain000000000001', domains: [] },
        NOW,
      );
      await store.updateTenant('plain', 1, { name: 'Plain Co' }, LATER);

      const tenant = await store.getTenant('plain');
      expect(tenant?.status).toBe('active');
      expect(tenant && 'setup' in tenant).toBe(false);
    });
  });
}

async function dynamo(server: { endpoint: string; close(): Promise<void> }) {
  const tables = await openSuiteTables(server.endpoint);
  const opened: TestDynamo[] = [];
  return {
    async fresh() {
      const t = await tables.fresh();
      opened.push(t);
      return t.directory;
    },
    async close() {
      await Promise.all(opened.map((t) => t.close()));
      await tables.close();
      await server.close();
    },
  };
}

setupContract('memory directory store', async () => ({ fresh: async () => new MemoryDirectoryStore(), close: async () => undefined }));
setupContract('DynamoDB directory store on dynalite', async () => dynamo(await startEmbeddedDynamo()));
setupContract('DynamoDB directory store on AWS DynamoDB Local', async () => dynamo(await startDynamoDbLocal()), javaMissing);
