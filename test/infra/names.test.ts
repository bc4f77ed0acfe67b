/**
 * One source for names (lambdas/names.ts): the synthesized stack gives every function only
 * environment variables named there, each table and key the Lambdas read is the very value
 * the stack outputs publish for the support CLI, and every output the CLI reads exists.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lambdas/core/config.js';
import { ENV, STACK_OUTPUTS, TABLE_ENV, type TableKey } from '../../lambdas/names.js';
import { functionNames } from '../../lambdas/routes.js';
import { synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

// Every optional variable on: custom domain with edge protection, keys after a rotation.
const CONTEXT = {
  domainName: 'impero.com',
  certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  edgeProtection: 'true',
  edgeCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/9a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
  originSecret: 'edge-secret-0123456789-abcdefghijklmnop',
  previousSessionKeyArns: 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555',
  previousClientAssertionKeyArns: 'arn:aws:kms:eu-west-1:111122223333:key/66666666-7777-8888-9999-000000000000',
};

let s: Synthesized;
beforeAll(() => {
  s = synthesize(CONTEXT);
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

const environment = (name: (typeof functionNames)[number]): Record<string, unknown> =>
  s.template.toJSON().Resources[s.fn(name).fn].Properties.Environment.Variables;
const outputs = (): Record<string, { Value: unknown }> => s.template.toJSON().Outputs;

describe('names shared by the CDK app, the Lambdas and the support CLI', () => {
  it('gives every function only environment variables named in lambdas/names.ts', () => {
    const known: string[] = Object.values(ENV);
    for (const name of functionNames) {
      const unknown = Object.keys(environment(name)).filter((key) => !known.includes(key));
      expect(unknown, `${name}: variables not in ENV`).toEqual([]);
    }
    // With every option on, the optional ones are there too.
    expect(Object.keys(environment('callback'))).toEqual(
      expect.arrayContaining([ENV.ORIGIN_SECRETS, ENV.SESSION_KMS_PREVIOUS_KEY_IDS, ENV.CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS]),
    );
  });

  it('publishes every output the support CLI reads', () => {
    expect(Object.keys(outputs())).toEqual(expect.arrayContaining(Object.values(STACK_OUTPUTS)));
  });

  it('gives the Lambdas the same tables and keys that the outputs give the CLI', () => {
    const tables = Object.keys(TABLE_ENV) as TableKey[];
    for (const name of functionNames) {
      const env = environment(name);
      for (const table of tables) expect(env[TABLE_ENV[table]], `${name}: ${table}`).toEqual(outputs()[STACK_OUTPUTS[table]]!.Value);
      expect(env[ENV.SECRETS_KMS_KEY_ID]).toEqual(outputs()[STACK_OUTPUTS.secretsKey]!.Value);
      expect(env[ENV.CLIENT_ASSERTION_KMS_KEY_ID]).toEqual(outputs()[STACK_OUTPUTS.clientAssertionKey]!.Value);
    }
  });

  it('sets each table and key the Lambdas read, not their local defaults', () => {
    // CloudFormation references become distinct strings, as at deploy time.
    const env = Object.fromEntries(
      Object.entries(environment('callback')).map(([k, v]) => [k, typeof v === 'string' ? v : `value-of-${k}`]),
    );
    expect(loadConfig(env)).toMatchObject({
      directoryTable: `value-of-${ENV.DIRECTORY_TABLE}`,
      loginTable: `value-of-${ENV.LOGIN_TABLE}`,
      sessionTable: `value-of-${ENV.SESSION_TABLE}`,
      eventsTable: `value-of-${ENV.EVENTS_TABLE}`,
      sessionKmsKeyId: `value-of-${ENV.SESSION_KMS_KEY_ID}`,
      secretsKmsKeyId: `value-of-${ENV.SECRETS_KMS_KEY_ID}`,
      clientAssertionKmsKeyId: `value-of-${ENV.CLIENT_ASSERTION_KMS_KEY_ID}`,
      baseDomain: 'impero.com',
    });
  });

  it('keeps the names module free of imports, so no Lambda bundle grows by it', () => {
    const source = readFileSync(new URL('../../lambdas/names.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export .* from)\b/m);
  });
});
