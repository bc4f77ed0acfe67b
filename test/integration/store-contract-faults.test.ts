/**
 * The DynamoDB stores' compensation when a write fails half-way. A real DynamoDB cannot be
 * told to fail the Nth write, so this is the one place a fake is used: the document
 * client's `send` is wrapped to reject one chosen write. Everything else is real.
 */
import { BatchWriteCommand, DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { openSuiteTables, type SuiteTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';

const NOW = new Date('2030-01-02T03:04:05.000Z');
const ISS = 'https://dev-acme.okta.com';
const WRITES = [PutCommand, UpdateCommand, DeleteCommand, BatchWriteCommand];

/** Makes the `n`th write from now on (1-based) reject; returns how many writes were attempted. */
function failNthWrite(doc: DynamoDBDocumentClient, n: number): () => number {
  const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  let writes = 0;
  doc.send = ((command: unknown) => {
    if (WRITES.some((W) => command instanceof W) && ++writes === n) return Promise.reject(new Error(`injected fault on write ${n}`));
    return send(command);
  }) as typeof doc.send;
  return () => writes;
}

function compensationFaults(name: string, start: () => Promise<{ endpoint: string; close(): Promise<void> }>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let tables: SuiteTables;
    let db: TestDynamo;
    beforeAll(async () => {
      server = await start();
      tables = await openSuiteTables(server.endpoint);
    });
    afterAll(async () => {
      await tables?.close();
      await server?.close();
    });
    beforeEach(async () => {
      db = await tables.fresh();
      await db.directory.createTenant({ subdomain: 'rival', name: 'Rival', issuer: ISS, clientId: 'c', domains: ['rival.example'] }, NOW);
    });
    afterEach(() => db.close());

    // Writes of createTenant with three domains: claim, claim, claim, tenant.
    it.each([1, 2, 3, 4])('createTenant failing at write %i leaves no claim and no tenant', async (n) => {
      const before = await db.directoryKeys();
      failNthWrite(db.doc, n);

      await expect(
        db.directory.createTenant(
          { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['a.example', 'b.example', 'c.example'] },
          NOW,
        ),
      ).rejects.toThrow(`injected fault on write ${n}`);

      expect(await db.directoryKeys()).toEqual(before);
    });

    // Writes of this update: claim new-1, claim new-2, the tenant update (then releases).
    it.each([1, 2, 3])('updateTenant failing at write %i leaves the tenant and its claims as they were', async (n) => {
      const acme = await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['old.example'] },
        NOW,
      );
      const before = await db.directoryKeys();
      failNthWrite(db.doc, n);

      await expect(
        db.directory.updateTenant('acme', 1, { name: 'Renamed', domains: ['new-1.example', 'new-2.example'] }, NOW),
      ).rejects.toThrow(`injected fault on write ${n}`);

      expect(await db.directory.getTenant('acme')).toEqual(acme);
      expect(await db.directoryKeys()).toEqual(before);
    });

    it('linkSubject failing to mark the account removes the link it wrote', async () => {
      await db.directory.addAccount({ tenant: 'rival', email: 'ada@rival.example' }, NOW);
      const before = await db.directoryKeys();
      const writes = failNthWrite(db.doc, 2);

      await expect(db.directory.linkSubject('rival', 'ada@rival.example', { iss: ISS, sub: '00u1' })).rejects.toThrow(
        'injected fault on write 2',
      );

      expect(writes()).toBe(3); // link, failed account update, link removal
      expect(await db.directoryKeys()).toEqual(before);
      expect(await db.directory.getAccountBySubject('rival', ISS, '00u1')).toBeUndefined();
      expect((await db.directory.getAccountByEmail('rival', 'ada@rival.example'))?.subject).toBeUndefined();
    });

    it('linkSubject whose link put is applied twice (an answer lost, the SDK retried) succeeds, and its undo still removes the link', async () => {
      await db.directory.addAccount({ tenant: 'rival', email: 'ada@rival.example' }, NOW);
      const before = await db.directoryKeys();
      const send = db.doc.send.bind(db.doc) as (command: unknown) => Promise<unknown>;
      let failUpdate = true;
      db.doc.send = (async (command: unknown) => {
        if (command instanceof PutCommand && String(command.input.Item?.pk).startsWith('SUBJECT#')) {
          await send(command); // applied; its answer never arrives
          return send(command); // the retry meets the link its own first try wrote
        }
        if (command instanceof UpdateCommand && failUpdate) return Promise.reject(new Error('injected fault on the account update'));
        return send(command);
      }) as typeof db.doc.send;

      await expect(db.directory.linkSubject('rival', 'ada@rival.example', { iss: ISS, sub: '00u1' })).rejects.toThrow(
        'injected fault on the account update',
      );
      expect(await db.directoryKeys()).toEqual(before);

      failUpdate = false;
      const linked = await db.directory.linkSubject('rival', 'ada@rival.example', { iss: ISS, sub: '00u1' });
      expect(linked.subject).toEqual({ iss: ISS, sub: '00u1' });
      expect(await db.directory.getAccountBySubject('rival', ISS, '00u1')).toEqual(linked);
    });

    it('importAccounts retries writes that DynamoDB throttles', async () => {
      const send = db.doc.send.bind(db.doc) as (command: unknown) => Promise<unknown>;
      let throttled = 0;
      db.doc.send = ((command: unknown) => {
        if (command instanceof PutCommand && throttled < 5) {
          throttled++;
          return Promise.reject(
            Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ThrottlingException' }),
          );
        }
        return send(command);
      }) as typeof db.doc.send;
      const rows = Array.from({ length: 30 }, (_, i) => ({ tenant: 'rival', email: `u${i}@rival.example` }));

      const result = await db.directory.importAccounts(rows, NOW);

      expect(throttled).toBe(5);
      expect(result).toEqual({ added: 30, existing: 0 });
      expect(await db.directory.listAccounts('rival')).toHaveLength(30);
    });

    it('removeTenant resends the deletes a batch leaves unprocessed', async () => {
      await db.directory.importAccounts(
        Array.from({ length: 30 }, (_, i) => ({ tenant: 'rival', email: `u${i}@rival.example` })),
        NOW,
      );
      const send = db.doc.send.bind(db.doc) as (command: unknown) => Promise<unknown>;
      let skipped = 0;
      db.doc.send = ((command: unknown) => {
        // What DynamoDB does under load: accept the batch, process none of it.
        if (command instanceof BatchWriteCommand && skipped++ === 0)
          return Promise.resolve({ UnprocessedItems: command.input.RequestItems });
        return send(command);
      }) as typeof db.doc.send;

      await db.directory.removeTenant('rival');

      expect(skipped).toBeGreaterThan(1);
      expect(await db.directoryKeys()).toEqual([]);
    });

    it('the store works again once writes succeed', async () => {
      failNthWrite(db.doc, 1);
      await expect(
        db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['a.example'] }, NOW),
      ).rejects.toThrow();

      const acme = await db.directory.createTenant(
        { subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: ['a.example'] },
        NOW,
      );

      expect(await db.directory.tenantForDomain('a.example')).toBe(acme.subdomain);
    });
  });
}

compensationFaults('compensation on the embedded DynamoDB (dynalite)', () => startEmbeddedDynamo());
compensationFaults('compensation on AWS DynamoDB Local', () => startDynamoDbLocal(), javaMissing);
