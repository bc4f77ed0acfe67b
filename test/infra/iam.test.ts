/**
 * Least privilege, statement by statement. The expected grants are written out here, not
 * derived from lib/function-access.ts, so a change to the map must be made twice on purpose.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionNames, type FunctionName } from '../../lambdas/routes.js';
import { functionAccess } from '../../lib/function-access.js';
import { getAtt, synthesizeShared, SYNTH_TIMEOUT_MS, type SharedSynthesis } from './synth.js';

type Target = 'directory' | 'login' | 'sessions' | 'events' | 'key' | 'secrets' | 'assertion';
const GET = 'dynamodb:GetItem';
const PUT = 'dynamodb:PutItem';
const UPDATE = 'dynamodb:UpdateItem';
const DELETE = 'dynamodb:DeleteItem';
const QUERY = 'dynamodb:Query';
/** Secrets-key use only with the SecretBox's context `{ tenant }` and no other key. */
const TENANT_ONLY = {
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] },
  Null: { 'kms:EncryptionContext:tenant': 'false' },
};

/** Besides writing to its own log group, each function may do exactly this. */
const EXPECTED: Record<FunctionName, [string[], Target, object?][]> = {
  login: [
    [[GET], 'directory'],
    [[GET, PUT], 'login'],
  ],
  callback: [
    [[GET, PUT, UPDATE, DELETE], 'directory'],
    [[UPDATE, DELETE], 'login'],
    [[GET, PUT, DELETE], 'sessions'],
    [[PUT], 'events'],
    [['kms:Sign'], 'key'],
    [['kms:Decrypt'], 'secrets', TENANT_ONLY],
    [['kms:Sign'], 'assertion'],
  ],
  session: [
    [[GET], 'directory'],
    [[GET, PUT, QUERY, DELETE], 'sessions'],
    [[PUT], 'events'],
    [['kms:GetPublicKey'], 'key'],
    [['kms:GetPublicKey'], 'assertion'],
  ],
  setup: [
    [[GET, UPDATE], 'directory'],
    [[PUT], 'events'],
    [['kms:Encrypt'], 'secrets', TENANT_ONLY],
  ],
  // Accounts and groups in the directory; ends and updates an account's sessions, and keeps SCIM page marks
  // (GetItem + PutItem) beside them in the TTL'd sessions table. No key at all.
  scim: [
    [[GET, PUT, UPDATE, DELETE, QUERY], 'directory'],
    [[GET, PUT, QUERY, UPDATE, DELETE], 'sessions'],
    [[PUT], 'events'],
  ],
  fallback: [],
};

let s: SharedSynthesis;
beforeAll(() => {
  s = synthesizeShared();
}, SYNTH_TIMEOUT_MS);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** All statements of all policies attached to the role, and the role's managed policies. */
function grantsOf(name: FunctionName): { statements: Statement[]; managed: unknown } {
  const { role } = s.fn(name);
  const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })),
  );
  const roleResource = s.template.toJSON().Resources[role];
  return { statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement), managed: roleResource.Properties.ManagedPolicyArns };
}

const asList = (action: string | string[]) => (Array.isArray(action) ? action : [action]);

describe('IAM per function', () => {
  it('has an entry in the access map for every function', () => {
    expect(Object.keys(functionAccess).sort()).toEqual([...functionNames].sort());
  });

  it.each(functionNames)('%s has exactly its statements', (name) => {
    const ref: Record<Target, unknown> = {
      directory: getAtt(s.id(s.stack.tables.directory)),
      login: getAtt(s.id(s.stack.tables.login)),
      sessions: getAtt(s.id(s.stack.tables.sessions)),
      events: getAtt(s.id(s.stack.tables.events)),
      key: getAtt(s.id(s.stack.sessionKey.key)),
      secrets: getAtt(s.id(s.stack.clientKeys.secretsKey)),
      assertion: getAtt(s.id(s.stack.clientKeys.clientAssertionKey)),
    };
    const { statements, managed } = grantsOf(name);
    const expected = [
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(s.fn(name).logs) },
      ...EXPECTED[name].map(([actions, target, condition]) => ({
        Effect: 'Allow',
        Action: actions,
        Resource: ref[target],
        Condition: condition,
      })),
    ];
    const normalise = (list: Statement[]) =>
      list.map((st) => ({ Effect: st.Effect, Action: [...asList(st.Action)].sort(), Resource: st.Resource, Condition: st.Condition }));
    expect(normalise(statements)).toEqual(expect.arrayContaining(normalise(expected)));
    expect(statements).toHaveLength(expected.length);
    expect(managed).toBeUndefined();
  });

  it('lets only the callback sign and decrypt, and only the session function read public keys', () => {
    const actions = (fn: FunctionName) => grantsOf(fn).statements.flatMap((st) => asList(st.Action));
    for (const name of functionNames) {
      expect(actions(name).includes('kms:Sign')).toBe(name === 'callback');
      expect(actions(name).includes('kms:Decrypt')).toBe(name === 'callback');
      // Only the setup function seals client secrets (support does too, with its own role).
      expect(actions(name).includes('kms:Encrypt')).toBe(name === 'setup');
      expect(actions(name).includes('kms:GetPublicKey')).toBe(name === 'session');
    }
    expect(actions('session').filter((a) => a.startsWith('kms:'))).toEqual(['kms:GetPublicKey', 'kms:GetPublicKey']);
    expect(actions('fallback').filter((a) => !a.startsWith('logs:'))).toEqual([]);
  });

  it('lets the functions encrypt and decrypt client secrets only under a tenant encryption context', () => {
    for (const action of ['kms:Decrypt', 'kms:Encrypt']) {
      s.template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: action, Condition: TENANT_ONLY })]) },
      });
    }
    for (const policy of Object.values(s.template.findResources('AWS::IAM::Policy'))) {
      for (const st of policy.Properties.PolicyDocument.Statement as Statement[]) {
        if (asList(st.Action).some((a) => a === 'kms:Decrypt' || a === 'kms:Encrypt')) expect(st.Condition).toEqual(TENANT_ONLY);
      }
    }
  });

  it('gives the scim function no KMS action and no login table', () => {
    const { statements } = grantsOf('scim');
    const actions = statements.flatMap((st) => asList(st.Action));
    expect(actions.filter((a) => a.startsWith('kms:'))).toEqual([]);
    const resources = JSON.stringify(statements.map((st) => st.Resource));
    expect(resources).not.toContain(s.id(s.stack.tables.login));
    for (const key of [s.stack.sessionKey.key, s.stack.clientKeys.secretsKey, s.stack.clientKeys.clientAssertionKey])
      expect(resources).not.toContain(s.id(key));
    // Nor does any key policy name its role.
    const role = s.fn('scim').role;
    for (const key of Object.values(s.template.findResources('AWS::KMS::Key')))
      expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain(role);
  });

  it('lets no function read events (only the support CLI does) and only the setup function update the directory besides the callback', () => {
    for (const name of functionNames) {
      const events = EXPECTED[name].filter(([, target]) => target === 'events').flatMap(([a]) => a);
      expect(events.every((a) => a === PUT)).toBe(true);
      const directoryWrites = EXPECTED[name]
        .filter(([, target]) => target === 'directory')
        .flatMap(([a]) => a)
        .filter((a) => a !== GET);
      // The callback links Okta users to accounts; setup is the one web function that writes
      // tenants; scim writes the tenant's accounts and groups (its code never writes the tenant item,
      // though IAM cannot tell items of one table apart).
      if (!['callback', 'setup', 'scim'].includes(name)) expect(directoryWrites).toEqual([]);
    }
    expect(EXPECTED.setup.find(([, t]) => t === 'directory')![0]).toEqual([GET, UPDATE]);
  });

  it('uses no wildcard action or resource in any identity policy', () => {
    for (const policy of Object.values(s.template.findResources('AWS::IAM::Policy'))) {
      for (const st of policy.Properties.PolicyDocument.Statement as Statement[]) {
        expect(asList(st.Action).filter((a) => a.includes('*'))).toEqual([]);
        expect(JSON.stringify(st.Resource)).not.toMatch(/"\*"|:\*"|\/\*"/);
      }
    }
  });
});
