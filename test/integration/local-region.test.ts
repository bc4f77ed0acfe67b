/**
 * With DYNAMODB_ENDPOINT, the server and the CLI use the user's region (AWS_REGION, else
 * AWS_DEFAULT_REGION, else `local`): DynamoDB Local keeps one database per access key and
 * region, so tables written with AWS_REGION=eu-west-1 must be where a client (or the AWS CLI
 * with `--endpoint-url`) of eu-west-1 looks.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, localEndpointConfig } from '../../lambdas/adapters/dynamo-client.js';
import { ensureTables } from '../../lambdas/adapters/tables.js';
import { uniqueTableNames } from '../fixtures/dynamodb.js';
import { javaMissing, startDynamoDbLocal, type DynamoDbLocal } from '../fixtures/dynamodb-local.js';

const ENDPOINT = 'http://127.0.0.1:8000';

describe('localEndpointConfig', () => {
  it('takes AWS_REGION first, then AWS_DEFAULT_REGION, then the fixed local region', () => {
    expect(localEndpointConfig(ENDPOINT, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe('eu-west-1');
    expect(localEndpointConfig(ENDPOINT, { AWS_DEFAULT_REGION: 'us-east-2' }).region).toBe('us-east-2');
    expect(localEndpointConfig(ENDPOINT, { AWS_REGION: ' ', AWS_DEFAULT_REGION: '' }).region).toBe('local');
    expect(localEndpointConfig(ENDPOINT, {}).region).toBe('local');
  });

  it('uses the endpoint, and a placeholder key only when AWS_ACCESS_KEY_ID is not set', () => {
    expect(localEndpointConfig(ENDPOINT, {})).toEqual({
      endpoint: ENDPOINT,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect(localEndpointConfig(ENDPOINT, { AWS_ACCESS_KEY_ID: 'AKIDLOCAL' })).toEqual({ endpoint: ENDPOINT, region: 'local' });
  });
});

describe.skipIf(javaMissing)('tables written with DYNAMODB_ENDPOINT and AWS_REGION (DynamoDB Local)', () => {
  let local: DynamoDbLocal;
  const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
  beforeAll(async () => {
    local = await startDynamoDbLocal();
  }, 150_000);
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await local?.close();
  });

  const tablesSeenIn = async (region: string) => {
    const client = new DynamoDBClient({
      endpoint: local.endpoint,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    } finally {
      client.destroy();
    }
  };

  it('are visible to a client of that region, and not in the fixed local region', async () => {
    process.env.AWS_REGION = 'eu-west-1';
    delete process.env.AWS_DEFAULT_REGION;
    const names = uniqueTableNames();
    const doc = createDocumentClient({ endpoint: local.endpoint });
    await ensureTables(doc, names);
    doc.destroy();
    expect(await tablesSeenIn('eu-west-1')).toEqual(expect.arrayContaining(Object.values(names)));
    expect(await tablesSeenIn('local')).not.toContain(names.directory);
  });
});
