/** One Lambda per route: runtime, architecture, sizing, environment and its own log group. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../lambdas/routes.js';
import { loadConfig } from '../../lambdas/core/config.js';
import { getAtt, synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

const props = (handler: (typeof routes)[number]['handler']) => s.template.toJSON().Resources[s.fn(handler).fn].Properties;

describe('route functions', () => {
  it('has one function per route and no others', () => {
    s.template.resourceCountIs('AWS::Lambda::Function', routes.length);
  });

  it.each(routes.map((r) => r.handler))('%s runs nodejs24.x on arm64 with the bundled ESM handler', (handler) => {
    expect(props(handler)).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: 512 });
  });

  it('gives Okta-facing routes 29 s (under the HTTP API 30 s cap) and the rest 10 s', () => {
    const timeouts = Object.fromEntries(routes.map((r) => [r.handler, props(r.handler).Timeout]));
    expect(timeouts).toEqual({
      'login-page': 10,
      'login-submit': 10,
      discover: 10,
      authorize: 29,
      callback: 29,
      jwks: 10,
      'client-jwks': 10,
      logout: 29,
      session: 10,
      'universal-logout': 29,
      'setup-page': 10,
      'setup-submit': 29,
      'not-found': 10,
    });
  });

  it('passes every variable the handlers read, with names from the stack', () => {
    for (const { handler } of routes) {
      expect(props(handler).Environment.Variables).toEqual({
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
        NODE_OPTIONS: '--enable-source-maps',
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
    expect(loadConfig(env)).toMatchObject({ baseDomain: 'impero.com', scheme: 'https', authStateTtlSeconds: 600, sessionTtlSeconds: 28800, sessionKmsKeyId: 'arn:k' });
    expect(loadConfig(env)).toMatchObject({ secretsKmsKeyId: 'arn:s', clientAssertionKmsKeyId: 'arn:a', clientAssertionKmsPreviousKeyIds: [], eventsTable: 'e', eventRetentionDays: 90 });
  });

  it('logs each function to its own log group, kept for a month', () => {
    for (const { handler } of routes) {
      const { fn, logs } = s.fn(handler);
      expect(s.template.toJSON().Resources[fn].Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logs } });
      expect(s.template.toJSON().Resources[logs]).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    }
    // Function log groups plus the API access log group; no Custom::LogRetention.
    s.template.resourceCountIs('AWS::Logs::LogGroup', routes.length + 1);
    s.template.resourceCountIs('Custom::LogRetention', 0);
  });
});
