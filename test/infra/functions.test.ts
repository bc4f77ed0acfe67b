/**
 * One Lambda per function of the route table, serving the routes written out below:
 * runtime, architecture, sizing, environment and its own log group.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { functionNames, type FunctionName } from '../../lambdas/routes.js';
import { loadConfig } from '../../lambdas/core/config.js';
import { getAtt, synthesizeShared, SYNTH_TIMEOUT_MS, type SharedSynthesis } from './synth.js';

let s: SharedSynthesis;
beforeAll(() => {
  s = synthesizeShared();
}, SYNTH_TIMEOUT_MS);

const props = (name: FunctionName) => s.template.toJSON().Resources[s.fn(name).fn].Properties;

/** Written out, not derived from the route table: regrouping routes must be done here on purpose. */
const GROUPING: Record<FunctionName, string[]> = {
  login: ['GET /auth/login', 'POST /auth/login', 'POST /auth/discover', 'GET /auth/authorize'],
  callback: ['GET /auth/callback'],
  session: [
    'GET /auth/session',
    'POST /auth/logout',
    'POST /auth/universal-logout',
    'GET /auth/.well-known/jwks.json',
    'GET /auth/.well-known/client-jwks.json',
  ],
  setup: ['GET /auth/setup', 'POST /auth/setup'],
  scim: [
    'GET /scim/v2/ServiceProviderConfig',
    'GET /scim/v2/ResourceTypes',
    'GET /scim/v2/Schemas',
    'GET /scim/v2/Users',
    'POST /scim/v2/Users',
    'GET /scim/v2/Users/{id}',
    'PUT /scim/v2/Users/{id}',
    'PATCH /scim/v2/Users/{id}',
    'DELETE /scim/v2/Users/{id}',
    'GET /scim/v2/Groups',
    'POST /scim/v2/Groups',
    'GET /scim/v2/Groups/{id}',
    'PUT /scim/v2/Groups/{id}',
    'PATCH /scim/v2/Groups/{id}',
    'DELETE /scim/v2/Groups/{id}',
  ],
  fallback: ['$default'],
};

/** The route keys API Gateway sends to a function, read from the template's routes and integrations. */
function routeKeysServedBy(name: FunctionName): string[] {
  const resources = s.template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const integrations = Object.entries(resources)
    .filter(
      ([, r]) =>
        r.Type === 'AWS::ApiGatewayV2::Integration' &&
        JSON.stringify(r.Properties.IntegrationUri) === JSON.stringify({ 'Fn::GetAtt': [s.fn(name).fn, 'Arn'] }),
    )
    .map(([id]) => id);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route' && integrations.includes(r.Properties.Target['Fn::Join'][1][1].Ref))
    .map((r) => r.Properties.RouteKey as string);
}

describe('functions', () => {
  it('has one function per group and no others', () => {
    expect(functionNames).toEqual(Object.keys(GROUPING));
    s.template.resourceCountIs('AWS::Lambda::Function', functionNames.length);
  });

  it.each(functionNames)('%s serves exactly its routes', (name) => {
    expect(routeKeysServedBy(name).sort()).toEqual([...GROUPING[name]].sort());
  });

  it('lets a sign-in (login page → form → authorize → Okta → callback) cross two functions', () => {
    const signIn = ['GET /auth/login', 'POST /auth/login', 'GET /auth/authorize', 'GET /auth/callback'];
    const crossed = new Set(signIn.map((key) => functionNames.find((name) => routeKeysServedBy(name).includes(key))));
    expect([...crossed]).toEqual(['login', 'callback']);
  });

  it.each(functionNames)('%s runs nodejs24.x on arm64 with the bundled ESM handler', (name) => {
    expect(props(name)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: 512 });
  });

  it('gives Okta-facing functions 29 s (under the HTTP API 30 s cap) and the rest 10 s', () => {
    const timeouts = Object.fromEntries(functionNames.map((name) => [name, props(name).Timeout]));
    expect(timeouts).toEqual({ login: 29, callback: 29, session: 29, setup: 29, scim: 10, fallback: 10 });
  });

  it('passes every variable the handlers read, with names from the stack', () => {
    for (const name of functionNames) {
      expect(props(name).Environment.Variables).toEqual({
        BASE_DOMAIN: 'impero.com',
        DIRECTORY_TABLE: { Ref: s.id(s.stack.tables.directory) },
        LOGIN_TABLE: { Ref: s.id(s.stack.tables.login) },
        SESSION_TABLE: { Ref: s.id(s.stack.tables.sessions) },
        EVENTS_TABLE: { Ref: s.id(s.stack.tables.events) },
        EVENT_RETENTION_DAYS: '90',
        AUTH_STATE_TTL_SECONDS: '600',
        SESSION_TTL_SECONDS: '28800',
        SESSION_KMS_KEY_ID: getAtt(s.id(s.stack.sessionKey.key)),
        SECRETS_KMS_KEY_ID: getAtt(s.id(s.stack.clientKeys.secretsKey)),
        CLIENT_ASSERTION_KMS_KEY_ID: getAtt(s.id(s.stack.clientKeys.clientAssertionKey)),
        POWERTOOLS_SERVICE_NAME: 'impero-sso',
        LOG_LEVEL: 'INFO',
      });
    }
  });

  it('sets an environment that the handlers’ own config loader accepts', () => {
    const env = {
      ...props('callback').Environment.Variables,
      DIRECTORY_TABLE: 'd',
      LOGIN_TABLE: 'l',
      SESSION_TABLE: 's',
      EVENTS_TABLE: 'e',
      SESSION_KMS_KEY_ID: 'arn:k',
      SECRETS_KMS_KEY_ID: 'arn:s',
      CLIENT_ASSERTION_KMS_KEY_ID: 'arn:a',
    };
    expect(loadConfig(env)).toMatchObject({
      baseDomain: 'impero.com',
      scheme: 'https',
      authStateTtlSeconds: 600,
      sessionTtlSeconds: 28800,
      sessionKmsKeyId: 'arn:k',
    });
    expect(loadConfig(env)).toMatchObject({
      secretsKmsKeyId: 'arn:s',
      clientAssertionKmsKeyId: 'arn:a',
      clientAssertionKmsPreviousKeyIds: [],
      eventsTable: 'e',
      eventRetentionDays: 90,
    });
  });

  it('logs each function to its own log group, kept for a month', () => {
    for (const name of functionNames) {
      const { fn, logs } = s.fn(name);
      expect(s.template.toJSON().Resources[fn].Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logs } });
      expect(s.template.toJSON().Resources[logs]).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    }
    // Function log groups plus the API access log group; no Custom::LogRetention.
    s.template.resourceCountIs('AWS::Logs::LogGroup', functionNames.length + 1);
    s.template.resourceCountIs('Custom::LogRetention', 0);
  });
});
