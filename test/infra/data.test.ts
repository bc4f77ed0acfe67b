/** Tables, session key and the stack outputs the support CLI and ops rely on. */
import { beforeAll, describe, expect, it } from 'vitest';
import { TTL_ATTRIBUTE } from '../../lambdas/adapters/tables.js';
import { getAtt, synthesizeShared, SYNTH_TIMEOUT_MS, type SharedSynthesis } from './synth.js';

let s: SharedSynthesis;
beforeAll(() => {
  s = synthesizeShared();
}, SYNTH_TIMEOUT_MS);

const resource = (logicalId: string) => s.template.toJSON().Resources[logicalId];

describe('directory table', () => {
  it('is keyed pk + sk, on demand, with point-in-time recovery and deletion protection, retained', () => {
    s.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 4);
    const table = resource(s.id(s.stack.tables.directory));
    expect(table.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      Replicas: [{ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true }],
    });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    // A new logical id would make CloudFormation create an empty table in its place.
    expect(s.id(s.stack.tables.directory)).toBe('TablesDirectoryD82D92C0');
    expect(table.Properties.TableName).toBeUndefined();
  });
});

describe('login table', () => {
  it('is keyed by state, on demand, with TTL on expiresAt, and may be destroyed', () => {
    const table = resource(s.id(s.stack.tables.login));
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'state', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'state', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table.Properties.TableName).toBeUndefined();
  });
});

describe('events table', () => {
  it('is keyed pk + sk with a by-email index, on demand, TTL on expiresAt, no point-in-time recovery', () => {
    const table = resource(s.id(s.stack.tables.events));
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [
            { AttributeName: 'tenantEmail', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    expect(JSON.stringify(table.Properties.Replicas ?? [])).not.toContain('PointInTimeRecoveryEnabled":true');
    expect(table.Properties.TableName).toBeUndefined();
  });

  it('gives every function the table name and the retention (90 days by default, from context)', () => {
    const env = (name: 'callback' | 'session') => s.template.toJSON().Resources[s.fn(name).fn].Properties.Environment.Variables;
    for (const name of ['callback', 'session'] as const) {
      expect(env(name)).toMatchObject({ EVENTS_TABLE: { Ref: s.id(s.stack.tables.events) }, EVENT_RETENTION_DAYS: '90' });
    }
  });
});

describe('sessions table', () => {
  it('is keyed pk + sk, on demand, with TTL on expiresAt, no index, and may be destroyed', () => {
    const table = resource(s.id(s.stack.tables.sessions));
    expect(table.DeletionPolicy).toBe('Delete');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.TableName).toBeUndefined();
  });
});

describe('session key', () => {
  it('is an asymmetric P-256 signing key that is never deleted with the stack', () => {
    s.template.resourceCountIs('AWS::KMS::Key', 3); // with the secrets and client-assertion keys (key-policies.test.ts)
    const key = resource(s.id(s.stack.sessionKey.key));
    expect(key.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(key.Properties.EnableKeyRotation).toBeUndefined();
    expect(key.DeletionPolicy).toBe('Retain');
    // A new logical id would replace the key and end every session: only sessionKeyVersion may do that.
    expect(s.id(s.stack.sessionKey.key)).toBe('SessionKeyBF66F2A6');
  });

  it('keeps the client keys too: secrets would be unreadable and assertions unverifiable without them', () => {
    for (const key of [s.stack.clientKeys.secretsKey, s.stack.clientKeys.clientAssertionKey])
      expect(resource(s.id(key)).DeletionPolicy).toBe('Retain');
    expect(s.id(s.stack.clientKeys.clientAssertionKey)).toMatch(/^ClientKeysClientAssertionKey[0-9A-F]{8}$/);
  });
});

describe('outputs', () => {
  it('publishes the API URL, JWKS URL, table names and key ARN without exports', () => {
    const outputs = s.template.toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiUrl',
      'ClientAssertionKeyArn',
      'ClientJwksUrl',
      'DirectoryTableName',
      'EventsTableName',
      'JwksUrl',
      'LoginTableName',
      'SecretsKeyArn',
      'SessionKeyArn',
      'SessionTableName',
    ]);
    expect(outputs.SessionTableName.Value).toEqual({ Ref: s.id(s.stack.tables.sessions) });
    expect(outputs.EventsTableName.Value).toEqual({ Ref: s.id(s.stack.tables.events) });
    expect(outputs.DirectoryTableName.Value).toEqual({ Ref: s.id(s.stack.tables.directory) });
    expect(outputs.LoginTableName.Value).toEqual({ Ref: s.id(s.stack.tables.login) });
    expect(outputs.SessionKeyArn.Value).toEqual(getAtt(s.id(s.stack.sessionKey.key)));
    const apiId = s.id(s.stack.api.api);
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain(`{"Ref":"${apiId}"},".execute-api."`);
    expect(JSON.stringify(outputs.JwksUrl.Value)).toMatch(new RegExp(`"Ref":"${apiId}".*/auth/\\.well-known/jwks\\.json"`));
    expect(JSON.stringify(outputs.ClientJwksUrl.Value)).toMatch(new RegExp(`"Ref":"${apiId}".*/auth/\\.well-known/client-jwks\\.json"`));
    for (const output of Object.values<{ Export?: unknown }>(outputs)) expect(output.Export).toBeUndefined();
  });

  it('names the stack ImperoSso by default', () => {
    expect(s.stack.stackName).toBe('ImperoSso');
    expect(s.assembly.getStackByName('ImperoSso').templateFile).toBe('ImperoSso.template.json');
  });
});
