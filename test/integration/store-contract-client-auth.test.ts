/**
 * The tenant fields of client authentication, held to one contract by every directory store
 * (in memory, dynalite, AWS DynamoDB Local where Java is): defaults on create, a sealed secret
 * kept by unrelated updates and removed by `null`, and the stored item equal to what was read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryDirectoryStore } from '../../lambdas/adapters/memory-directory.js';
import type { DirectoryStore } from '../../lambdas/core/ports.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { openTestTables } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';

const NOW = new Date('2030-01-02T03:04:05.000Z');
const base = { subdomain: 'acme', name: 'Acme', issuer: 'https://acme.okta.com', clientId: '0oaacme0000000000001', domains: [] };

const backends: { name: string; skip?: string; open(): Promise<{ store: DirectoryStore; close(): Promise<void> }> }[] = [
  { name: 'in memory', open: async () => ({ store: new MemoryDirectoryStore(), close: async () => undefined }) },
  ...[
    { name: 'dynalite', start: () => startEmbeddedDynamo({ port: 0 }) },
    { name: 'AWS DynamoDB Local', skip: javaMissing, start: startDynamoDbLocal },
  ].map(({ name, skip, start }) => ({
    name,
    skip,
    open: async () => {
      const server = await start();
      const tables = await openTestTables(server.endpoint);
      return { store: tables.directory, close: async () => (await tables.close(), await server.close()) };
    },
  })),
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`tenant client authentication fields on ${backend.name}`, () => {
    let store: DirectoryStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await backend.open()));
    afterAll(() => close?.());

    it('defaults, sets, keeps and removes them', async () => {
      expect(await store.createTenant(base, NOW)).toMatchObject({ clientAuth: 'none', jit: false, customDomainOrg: false });
      expect(await store.getTenant('acme')).not.toHaveProperty('clientSecretCiphertext');

      const sealed = {
        clientAuth: 'client_secret_post',
        clientSecretCiphertext: 'local.v1.sealed',
        jit: true,
        customDomainOrg: true,
      } as const;
      expect(await store.updateTenant('acme', 1, sealed, NOW)).toMatchObject(sealed);
      expect(await store.getTenant('acme')).toMatchObject(sealed);
      expect(await store.updateTenant('acme', 2, { name: 'Acme Corp' }, NOW)).toMatchObject(sealed);

      const cleared = await store.updateTenant('acme', 3, { clientAuth: 'none', clientSecretCiphertext: null }, NOW);
      expect(cleared).not.toHaveProperty('clientSecretCiphertext');
      expect(await store.getTenant('acme')).toEqual(cleared);

      const created = await store.createTenant({ ...base, subdomain: 'beta', clientAuth: 'private_key_jwt', jit: true }, NOW);
      expect(await store.getTenant('beta')).toEqual(created);
    });
  });
}
