/**
 * The table schema the stores rely on (and the CDK stack mirrors), created by ensureTables
 * on dynalite and on AWS DynamoDB Local; and the embedded DynamoDB keeping data in a folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamo-client.js';
import { DynamoDirectoryStore } from '../../lambdas/adapters/dynamo-directory.js';
import { ensureTables, tableDefinitions, TTL_ATTRIBUTE } from '../../lambdas/adapters/tables.js';
import { startEmbeddedDynamo } from '../../lambdas/dev/embedded-dynamodb.js';
import { uniqueTableNames } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal } from '../fixtures/dynamodb-local.js';

describe('tableDefinitions', () => {
  it('describes the directory (pk/sk), login (state), sessions (pk/sk) and events (pk/sk + byEmail) tables, all on demand', () => {
    const [directory, login, sessions, events] = tableDefinitions({ directory: 'dir', login: 'log', sessions: 'ses', events: 'ev' });

    expect(directory).toMatchObject({
      TableName: 'dir',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    });
    expect(directory?.GlobalSecondaryIndexes).toBeUndefined();
    expect(login).toMatchObject({
      TableName: 'log',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'state', KeyType: 'HASH' }],
    });
    expect(sessions).toMatchObject({ TableName: 'ses', BillingMode: 'PAY_PER_REQUEST', KeySchema: directory!.KeySchema });
    expect(events).toMatchObject({ TableName: 'ev', BillingMode: 'PAY_PER_REQUEST', KeySchema: directory!.KeySchema });
    expect(events?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byEmail']);
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });
});

function ensureTablesOn(
  name: string,
  start: () => Promise<{ endpoint: string; close(): Promise<void> }>,
  ttl: boolean,
  skipReason?: string,
) {
  describe.skipIf(skipReason !== undefined)(skipReason ? `${name} — skipped: ${skipReason}` : name, () => {
    let server: { endpoint: string; close(): Promise<void> };
    let doc: ReturnType<typeof createDocumentClient>;
    beforeAll(async () => {
      server = await start();
      doc = createDocumentClient({ endpoint: server.endpoint });
    });
    afterAll(async () => {
      doc?.destroy();
      await server?.close();
    });
    const ddb = () => doc;

    it('creates all tables ACTIVE, and is idempotent even when run concurrently', async () => {
      const names = uniqueTableNames();

      await Promise.all([ensureTables(doc, names), ensureTables(doc, names)]);
      await ensureTables(doc, names);

      // The emulator may hold many other suites' tables: ask for ours, not for a first page of all.
      const statuses = await Promise.all(
        Object.values(names).map(async (TableName) => (await ddb().send(new DescribeTableCommand({ TableName }))).Table?.TableStatus),
      );
      expect(statuses).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE']);
      const { Table } = await ddb().send(new DescribeTableCommand({ TableName: names.directory }));
      expect(Table).toMatchObject({ TableStatus: 'ACTIVE', KeySchema: tableDefinitions(names)[0]!.KeySchema });
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    });

    it('asks for every missing table before waiting for any, and describes an existing ACTIVE table once', async () => {
      const names = uniqueTableNames();
      const watched = createDocumentClient({ endpoint: server.endpoint });
      const sent: string[] = [];
      watched.middlewareStack.add(
        (next, context) => async (args) => {
          sent.push(context.commandName ?? '?');
          return next(args);
        },
        { step: 'initialize', name: 'recordCommands' },
      );
      const tableCommands = () => sent.filter((c) => c === 'DescribeTableCommand' || c === 'CreateTableCommand');
      try {
        await ensureTables(watched, names);
        expect(tableCommands().slice(0, 8)).toEqual([...Array(4).fill('DescribeTableCommand'), ...Array(4).fill('CreateTableCommand')]);

        sent.length = 0;
        await ensureTables(watched, names);
        expect(tableCommands()).toEqual(Array(4).fill('DescribeTableCommand'));
      } finally {
        watched.destroy();
      }
    });

    it(ttl ? 'turns on TTL on the login, sessions and events tables' : 'skips TTL, which this emulator lacks', async () => {
      const names = uniqueTableNames();
      await ensureTables(doc, names);

      for (const table of [names.login, names.sessions, names.events]) {
        const { TimeToLiveDescription } = await ddb().send(new DescribeTimeToLiveCommand({ TableName: table }));
        if (ttl) expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
        else expect(TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
      }
    });

    it('gives the events table its by-email index', async () => {
      const names = uniqueTableNames();
      await ensureTables(doc, names);

      const { Table } = await ddb().send(new DescribeTableCommand({ TableName: names.events }));
      expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([
        [
          'byEmail',
          [
            { AttributeName: 'tenantEmail', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        ],
      ]);
    });
  });
}

ensureTablesOn('ensureTables on the embedded DynamoDB (dynalite)', () => startEmbeddedDynamo(), false);
ensureTablesOn('ensureTables on AWS DynamoDB Local', () => startDynamoDbLocal(), true, javaMissing);

describe('startEmbeddedDynamo', () => {
  it('keeps data in its folder across restarts', async () => {
    const path = mkdtempSync(join(tmpdir(), 'impero-dynamo-'));
    const names = uniqueTableNames();
    try {
      const first = await startEmbeddedDynamo({ path });
      const doc1 = createDocumentClient({ endpoint: first.endpoint });
      await ensureTables(doc1, names);
      await new DynamoDirectoryStore(doc1, names.directory).createTenant(
        { subdomain: 'kept', name: 'Kept', issuer: 'https://kept.okta.com', clientId: 'c', domains: [] },
        new Date(),
      );
      doc1.destroy();
      await first.close();

      const second = await startEmbeddedDynamo({ path });
      const doc2 = createDocumentClient({ endpoint: second.endpoint });
      const tenant = await new DynamoDirectoryStore(doc2, names.directory).getTenant('kept');
      doc2.destroy();
      await second.close();

      expect(tenant?.name).toBe('Kept');
      expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
