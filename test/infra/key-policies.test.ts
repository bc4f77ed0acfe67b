/**
 * Every KMS key has an explicit key policy: the account administers it without using it, and
 * each use is granted by name to the roles that need it — written out here, not derived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionName } from '../../lambdas/routes.js';
import { KEY_ADMIN_ACTIONS } from '../../lib/constructs/key-policy.js';
import { getAtt, synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

const SUPPORT = 'arn:aws:iam::111122223333:role/impero-support';
const USE = [
  'kms:Sign',
  'kms:Verify',
  'kms:GetPublicKey',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:CreateGrant',
];

/** The SecretBox's encryption context `{ tenant }`: required, and no other key allowed (written out, not imported). */
const TENANT_ONLY = {
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] },
  Null: { 'kms:EncryptionContext:tenant': 'false' },
};

let s: Synthesized;
beforeAll(() => {
  s = synthesize({ supportRoleArns: SUPPORT });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: { AWS: unknown };
  Action: string | string[];
  Condition?: unknown;
}

const statementsOf = (logicalId: string): Statement[] => s.template.toJSON().Resources[logicalId].Properties.KeyPolicy.Statement;
const list = (a: string | string[]) => (Array.isArray(a) ? a : [a]).slice().sort();
const role = (fn: FunctionName) => getAtt(s.fn(fn).role);
/** Principal → actions, for every statement that is not the administration one. */
const uses = (logicalId: string) =>
  statementsOf(logicalId)
    .filter((st) => st.Sid !== 'AdministrationWithoutUse')
    .map((st) => ({ principal: st.Principal.AWS, actions: list(st.Action), condition: st.Condition }));

describe('KMS key policies', () => {
  it('covers every key in the stack, each with administration that includes no use', () => {
    const keys = Object.keys(s.template.findResources('AWS::KMS::Key'));
    expect(keys.sort()).toEqual(
      [s.id(s.stack.sessionKey.key), s.id(s.stack.clientKeys.secretsKey), s.id(s.stack.clientKeys.clientAssertionKey)].sort(),
    );
    for (const key of keys) {
      const admin = statementsOf(key).filter((st) => st.Sid === 'AdministrationWithoutUse');
      expect(admin).toHaveLength(1);
      expect(list(admin[0]!.Action)).toEqual([...KEY_ADMIN_ACTIONS].sort());
      for (const action of list(admin[0]!.Action)) {
        expect(USE).not.toContain(action);
        expect(action).not.toContain('*');
      }
    }
  });

  it('session key: Sign by the callback, GetPublicKey by the session function (JWKS), nobody else', () => {
    expect(uses(s.id(s.stack.sessionKey.key))).toEqual([
      { principal: role('callback'), actions: ['kms:Sign'], condition: undefined },
      { principal: role('session'), actions: ['kms:GetPublicKey'], condition: undefined },
    ]);
  });

  it('secrets key: Decrypt by the callback; Encrypt by the setup function; Encrypt and Decrypt by support; each only with a tenant context and no other', () => {
    expect(uses(s.id(s.stack.clientKeys.secretsKey))).toEqual([
      { principal: role('callback'), actions: ['kms:Decrypt'], condition: TENANT_ONLY },
      { principal: role('setup'), actions: ['kms:Encrypt'], condition: TENANT_ONLY },
      { principal: SUPPORT, actions: ['kms:Decrypt', 'kms:Encrypt'], condition: TENANT_ONLY },
    ]);
    const key = s.template.toJSON().Resources[s.id(s.stack.clientKeys.secretsKey)].Properties;
    expect(key).toMatchObject({ EnableKeyRotation: true });
    expect(key.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
  });

  it('client-assertion key: Sign by the callback and support, GetPublicKey by the session function (client JWKS)', () => {
    expect(uses(s.id(s.stack.clientKeys.clientAssertionKey))).toEqual([
      { principal: role('callback'), actions: ['kms:Sign'], condition: undefined },
      { principal: role('session'), actions: ['kms:GetPublicKey'], condition: undefined },
      { principal: SUPPORT, actions: ['kms:Sign'], condition: undefined },
    ]);
    expect(s.template.toJSON().Resources[s.id(s.stack.clientKeys.clientAssertionKey)].Properties).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
  });

  it('gives the Lambdas the key ids and publishes them for ops and the CLI', () => {
    const fn = s.template.toJSON().Resources[s.fn('callback').fn].Properties.Environment.Variables;
    expect(fn).toMatchObject({
      SECRETS_KMS_KEY_ID: getAtt(s.id(s.stack.clientKeys.secretsKey)),
      CLIENT_ASSERTION_KMS_KEY_ID: getAtt(s.id(s.stack.clientKeys.clientAssertionKey)),
    });
    const outputs = s.template.toJSON().Outputs;
    expect(outputs.SecretsKeyArn.Value).toEqual(getAtt(s.id(s.stack.clientKeys.secretsKey)));
    expect(outputs.ClientAssertionKeyArn.Value).toEqual(getAtt(s.id(s.stack.clientKeys.clientAssertionKey)));
  });
});
