/**
 * What an account import costs DynamoDB: the rows are looked up 100 keys per BatchGetItem
 * first, so a file imported again writes nothing, and a file with some new rows writes only
 * those: their id pointers 25 per BatchWriteItem, then each account's conditional put. Requests are counted where the document client sends them (every attempt), on the
 * embedded DynamoDB and on AWS DynamoDB Local.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callCounts } from '../../lambdas/adapters/call-counts.js';
import type { NewAccount } from '../../lambdas/core/ports.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { openTestTables, type TestDynamo } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';

const NOW = new Date('2030-01-02T03:04:05.000Z');
const LATER = new Date('2030-01-03T03:04:05.000Z');
const ISS = 'https://dev-acme.okta.com';
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];

/** The DynamoDB requests `run` sends, by operation (`PutItem: 2`). */
async function requestsOf<T>(run: () => Promise<T>): Promise<{ result: T; requests: Record<string, number> }> {
  const before = new Map(callCounts);
  const result = await run();
  const requests: Record<string, number> = {};
  for (const [name, count] of callCounts) {
    const operation = /^dynamodb (\w+)Command$/.exec(name)?.[1];
    if (operation && count > (before.get(name) ?? 0)) requests[operation] = count - (before.get(name) ?? 0);
  }
  return { result, requests };
}

const writesIn = (requests: Record<string, number>) => WRITES.reduce((sum, op) => sum + (requests[op] ?? 0), 0);
const rows = (from: number, to: number): NewAccount[] =>
  Array.from({ length: to - from }, (_, i) => ({ tenant: 'acme', email: `user${from + i}@acme.example`, name: `User ${from + i}` }));

function importCosts(name: string, start: () => Promise<{ endpoint: string; close(): Promise<void> }>, skipReason?: string): void {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let db: TestDynamo;
    beforeAll(async () => {
      server = await start();
    });
    afterAll(() => server?.close());
    beforeEach(async () => {
      db = await openTestTables(server.endpoint);
      await db.directory.createTenant({ subdomain: 'acme', name: 'Acme', issuer: ISS, clientId: 'c', domains: [] }, NOW);
    });
    afterEach(() => db.close());

    it('a file imported again is read 100 rows per request and writes nothing', async () => {
      const file = rows(0, 150);
      const first = await requestsOf(() => db.directory.importAccounts(file, NOW));
      expect(first.result).toEqual({ added: 150, existing: 0 });
      expect(first.requests).toEqual({ GetItem: 1, BatchGetItem: 2, BatchWriteItem: 4 + 2, PutItem: 150 });
      const keys = await db.directoryKeys();

      const progress: number[] = [];
      const again = await requestsOf(() => db.directory.importAccounts(file, LATER, (done) => progress.push(done)));

      expect(again.result).toEqual({ added: 0, existing: 150 });
      expect(again.requests).toEqual({ GetItem: 1, BatchGetItem: 2 });
      expect(progress).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
      expect(await db.directoryKeys()).toEqual(keys);
    });

    it('writes only the rows that are new, and leaves the rest as they are', async () => {
      await db.directory.importAccounts(rows(0, 20), NOW);
      const kept = await db.directory.getAccountByEmail('acme', 'user7@acme.example');
      // Rows 25 to 29 twice: each repeat loses the conditional put to its first and takes its id pointer back.
      const file = [...rows(10, 30), { tenant: 'acme', email: 'USER7@acme.example', name: 'Changed' }, ...rows(25, 30)];

      const { result, requests } = await requestsOf(() => db.directory.importAccounts(file, LATER));

      expect(result).toEqual({ added: 10, existing: 16 });
      expect(requests).toEqual({ GetItem: 1 + 5, BatchGetItem: 1, BatchWriteItem: 1, PutItem: 15, DeleteItem: 5 });
      expect((await db.directoryKeys()).filter((k) => k.includes(' ID#'))).toHaveLength(30);
      expect(await db.directory.getAccountByEmail('acme', 'user7@acme.example')).toEqual(kept);
      expect(await db.directory.listAccounts('acme')).toHaveLength(30);
    });

    it('resends the keys a batch read leaves unprocessed', async () => {
      await db.directory.importAccounts(rows(0, 5), NOW);
      const send = db.doc.send.bind(db.doc) as (command: unknown) => Promise<unknown>;
      let batchReads = 0;
      db.doc.send = ((command: unknown) => {
        // What DynamoDB does under load: accept the batch, read none of it.
        if (command instanceof BatchGetCommand && batchReads++ === 0)
          return Promise.resolve({ Responses: {}, UnprocessedKeys: command.input.RequestItems });
        return send(command);
      }) as typeof db.doc.send;

      const { result, requests } = await requestsOf(() => db.directory.importAccounts(rows(0, 5), LATER));

      expect(batchReads).toBe(2);
      expect(result).toEqual({ added: 0, existing: 5 });
      expect(writesIn(requests)).toBe(0);
    });
  });
}

importCosts('account import on the embedded DynamoDB (dynalite)', () => startEmbeddedDynamo());
importCosts('account import on AWS DynamoDB Local', () => startDynamoDbLocal(), javaMissing);
