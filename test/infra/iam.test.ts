/**
 * Least privilege, statement by statement. The expected grants are written out here, not
 * derived from lib/handler-access.ts, so a change to the map must be made twice on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type HandlerName } from '../../lambdas/routes.js';
import { handlerAccess } from '../../lib/handler-access.js';
import { getAtt, synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

type Target = 'directory' | 'login' | 'sessions' | 'events' | 'key' | 'secrets' | 'assertion';
const GET = 'dynamodb:GetItem';
const PUT = 'dynamodb:PutItem';
const UPDATE = 'dynamodb:UpdateItem';
const DELETE = 'dynamodb:DeleteItem';
const QUERY = 'dynamodb:Query';

/** Besides writing to its own log group, each function may do exactly this. */
const EXPECTED: Record<HandlerName, [string[], Target][]> = {
  'login-page': [[[GET], 'directory']],
  'login-submit': [[[GET], 'directory']],
  discover: [[[GET], 'directory']],
  authorize: [
    [[GET], 'directory'],
    [[PUT], 'login'],
  ],
  callback: [
    [[GET, PUT, UPDATE, DELETE], 'directory'],
    [[DELETE], 'login'],
    [[PUT], 'sessions'],
    [[PUT], 'events'],
    [['kms:Sign'], 'key'],
    [['kms:Decrypt'], 'secrets'],
    [['kms:Sign'], 'assertion'],
  ],
  jwks: [[['kms:GetPublicKey'], 'key']],
  'client-jwks': [[['kms:GetPublicKey'], 'assertion']],
  logout: [
    [[GET], 'directory'],
    [[DELETE], 'sessions'],
    [[PUT], 'events'],
    [['kms:GetPublicKey'], 'key'],
  ],
  session: [
    [[GET], 'sessions'],
    [['kms:GetPublicKey'], 'key'],
  ],
  'universal-logout': [
    [[GET], 'directory'],
    [[PUT, QUERY, DELETE], 'sessions'],
    [[PUT], 'events'],
  ],
  'setup-page': [[[GET], 'directory']],
  'setup-submit': [
    [[GET, UPDATE], 'directory'],
    [[PUT], 'events'],
    [['kms:Encrypt'], 'secrets'],
  ],
  'not-found': [],
};

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** All statements of all policies attached to the role, and the role's managed policies. */
function grantsOf(handler: HandlerName): { statements: Statement[]; managed: unknown } {
  const { role } = s.fn(handler);
  const policies = Object.values(s.template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: role })),
  );
  const roleResource = s.template.toJSON().Resources[role];
  return { statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement), managed: roleResource.Properties.ManagedPolicyArns };
}

const asList = (action: string | string[]) => (Array.isArray(action) ? action : [action]);

describe('IAM per function', () => {
  it('has an entry in the access map for every route', () => {
    expect(Object.keys(handlerAccess).sort()).toEqual(routes.map((r) => r.handler).sort());
  });

  it.each(routes.map((r) => r.handler))('%s has exactly its statements', (handler) => {
    const ref: Record<Target, unknown> = {
      directory: getAtt(s.id(s.stack.tables.directory)),
      login: getAtt(s.id(s.stack.tables.login)),
      sessions: getAtt(s.id(s.stack.tables.sessions)),
      events: getAtt(s.id(s.stack.tables.events)),
      key: getAtt(s.id(s.stack.sessionKey.key)),
      secrets: getAtt(s.id(s.stack.clientKeys.secretsKey)),
      assertion: getAtt(s.id(s.stack.clientKeys.clientAssertionKey)),
    };
    const { statements, managed } = grantsOf(handler);
    const expected = [
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(s.fn(handler).logs) },
      ...EXPECTED[handler].map(([actions, target]) => ({ Effect: 'Allow', Action: actions, Resource: ref[target] })),
    ];
    const normalise = (list: Statement[]) => list.map((st) => ({ Effect: st.Effect, Action: asList(st.Action).sort(), Resource: st.Resource }));
    expect(normalise(statements)).toEqual(expect.arrayContaining(normalise(expected)));
    expect(statements).toHaveLength(expected.length);
    expect(managed).toBeUndefined();
  });

  it('lets only the callback sign and decrypt; only the JWKS functions and those that verify session tokens read public keys', () => {
    const actions = (h: HandlerName) => grantsOf(h).statements.flatMap((st) => asList(st.Action));
    for (const { handler } of routes) {
      expect(actions(handler).includes('kms:Sign')).toBe(handler === 'callback');
      expect(actions(handler).includes('kms:Decrypt')).toBe(handler === 'callback');
      // Only the setup function seals client secrets (support does too, with its own role).
      expect(actions(handler).includes('kms:Encrypt')).toBe(handler === 'setup-submit');
      expect(actions(handler).includes('kms:GetPublicKey')).toBe(['jwks', 'client-jwks', 'session', 'logout'].includes(handler));
    }
    // Ending sessions needs no key at all.
    expect(actions('universal-logout').filter((a) => a.startsWith('kms:'))).toEqual([]);
    expect(actions('jwks').filter((a) => !a.startsWith('logs:'))).toEqual(['kms:GetPublicKey']);
  });

  it('lets no function read events (only the support CLI does) and only the setup function update the directory besides the callback', () => {
    for (const { handler } of routes) {
      const events = EXPECTED[handler].filter(([, target]) => target === 'events').flatMap(([a]) => a);
      expect(events.every((a) => a === PUT)).toBe(true);
      const directoryWrites = EXPECTED[handler].filter(([, target]) => target === 'directory').flatMap(([a]) => a).filter((a) => a !== GET);
      // The callback links Okta users to accounts; setup-submit is the one web route that writes tenants.
      if (!['callback', 'setup-submit'].includes(handler)) expect(directoryWrites).toEqual([]);
    }
    expect(EXPECTED['setup-submit'].find(([, t]) => t === 'directory')![0]).toEqual([GET, UPDATE]);
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
