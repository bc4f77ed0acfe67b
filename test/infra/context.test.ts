/** What CDK context changes: custom domain, alarm email, previous session keys, stack name; and bad values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNames } from '../../lambdas/routes.js';
import { lambdaEnvironmentSettings, readSettings } from '../../lib/settings.js';
import { getAtt, synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
const OLD_KEYS = [
  'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555',
  'arn:aws:kms:eu-west-1:111122223333:key/66666666-7777-8888-9999-000000000000',
];

let s: Synthesized;
beforeAll(() => {
  s = synthesize({
    stackName: 'ImperoSsoStaging',
    domainName: 'staging.impero.com',
    certificateArn: CERT,
    alarmEmail: 'ops@impero.com',
    previousSessionKeyArns: OLD_KEYS.join(','),
    sessionKeyVersion: '2',
    sessionTtlSeconds: '3600',
    clientAssertionKeyVersion: '3',
    previousClientAssertionKeyArns: [OLD_KEYS[1]],
  });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

describe('custom domain', () => {
  it('maps the apex and the wildcard to the $default stage with the given certificate', () => {
    for (const name of ['staging.impero.com', '*.staging.impero.com']) {
      s.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
        DomainName: name,
        DomainNameConfigurations: [{ CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
      });
    }
    const domains = s.template.findResources('AWS::ApiGatewayV2::DomainName');
    const mappings = Object.values(s.template.findResources('AWS::ApiGatewayV2::ApiMapping'));
    expect(mappings.map((m) => m.Properties.DomainName)).toEqual(Object.keys(domains).map((id) => ({ Ref: id })));
    for (const m of mappings) {
      expect(m.Properties).toMatchObject({ ApiId: { Ref: s.id(s.stack.api.api) }, Stage: '$default' });
      expect(m.DependsOn).toContain(s.id(s.stack.api.stage));
    }
  });

  it('closes the execute-api endpoint and points the URLs and BASE_DOMAIN at the domain', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    const outputs = s.template.toJSON().Outputs;
    expect(outputs.ApiUrl.Value).toBe('https://staging.impero.com/');
    expect(outputs.JwksUrl.Value).toBe('https://staging.impero.com/auth/.well-known/jwks.json');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApexDomainTarget', 'WildcardDomainTarget']));
    const env = s.template.toJSON().Resources[s.fn('login').fn].Properties.Environment.Variables;
    expect(env).toMatchObject({ BASE_DOMAIN: 'staging.impero.com', SESSION_TTL_SECONDS: '3600' });
  });
});

describe('session key rotation', () => {
  it('creates a new key for a new sessionKeyVersion (the old one is retained by its DeletionPolicy)', () => {
    expect(s.id(s.stack.sessionKey.key)).toMatch(/^SessionKeyKeyV2[0-9A-F]{8}$/);
    s.template.resourceCountIs('AWS::KMS::Key', 3); // the session key and the two client keys
  });

  it('rotates the client-assertion key the same way: a new key, the old one still published by the session function', () => {
    const current = getAtt(s.id(s.stack.clientKeys.clientAssertionKey));
    expect(s.id(s.stack.clientKeys.clientAssertionKey)).toMatch(/^ClientKeysClientAssertionKeyV3[0-9A-F]{8}$/);
    const role = s.fn('session').role;
    const policy = Object.values(s.template.findResources('AWS::IAM::Policy')).find(
      (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
    );
    const reads = (policy!.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown[] }[]).filter(
      (st) => st.Action === 'kms:GetPublicKey',
    );
    expect(reads.find((st) => JSON.stringify(st.Resource[0]) === JSON.stringify(current))!.Resource).toEqual([current, OLD_KEYS[1]]);
    expect(s.template.toJSON().Resources[s.fn('callback').fn].Properties.Environment.Variables.CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS).toBe(
      OLD_KEYS[1],
    );
  });

  it('publishes previous keys through the session function (JWKS) only, and signs with the current key only', () => {
    const statements = (fn: 'session' | 'callback') => {
      const role = s.fn(fn).role;
      const policy = Object.values(s.template.findResources('AWS::IAM::Policy')).find(
        (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]),
      );
      return policy!.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[];
    };
    const current = getAtt(s.id(s.stack.sessionKey.key));
    const reads = statements('session').filter((st) => st.Action === 'kms:GetPublicKey');
    expect(reads.find((st) => JSON.stringify((st.Resource as unknown[])[0]) === JSON.stringify(current))!.Resource).toEqual([
      current,
      ...OLD_KEYS,
    ]);
    expect(statements('callback').find((st) => st.Action === 'kms:Sign')!.Resource).toEqual(current);
    const env = s.template.toJSON().Resources[s.fn('session').fn].Properties.Environment.Variables;
    expect(env.SESSION_KMS_PREVIOUS_KEY_IDS).toBe(OLD_KEYS.join(','));
  });
});

describe('alarm email', () => {
  it('subscribes the address to an SSL-only topic that every alarm notifies', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@impero.com' });
    const topicId = s.id(s.stack.alarms.topic!);
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3 + 2 * functionNames.length);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('stack name', () => {
  it('follows the stackName context key, and so do alarm names and the metric namespace', () => {
    expect(s.stack.stackName).toBe('ImperoSsoStaging');
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'ImperoSsoStaging-Api5xxRate' });
    s.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [{ MetricNamespace: 'ImperoSsoStaging', MetricName: 'TokenExchangeFailed', MetricValue: '1' }],
    });
  });
});

describe('readSettings', () => {
  const read = (context: Record<string, unknown>) => () => readSettings((key) => context[key]);

  it('has the documented defaults', () => {
    expect(readSettings(() => undefined)).toEqual({
      stackName: 'ImperoSso',
      baseDomain: 'impero.com',
      sessionKeyVersion: 1,
      authStateTtlSeconds: 600,
      sessionTtlSeconds: 28800,
      previousSessionKeyArns: [],
      clientAssertionKeyVersion: 1,
      previousClientAssertionKeyArns: [],
      supportRoleArns: [],
      customDomain: undefined,
      alarmEmail: undefined,
      logLevel: 'INFO',
      eventRetentionDays: 90,
      throttle: { rateLimit: 100, burstLimit: 200 },
    });
  });

  it('takes the event retention in days, and gives it to the Lambdas', () => {
    const settings = readSettings((k) => (k === 'eventRetentionDays' ? '30' : undefined));
    expect(settings.eventRetentionDays).toBe(30);
    expect(lambdaEnvironmentSettings(settings).EVENT_RETENTION_DAYS).toBe('30');
  });

  it('accepts previous keys as a list (cdk.json) or comma-separated (-c)', () => {
    expect(readSettings((k) => (k === 'previousSessionKeyArns' ? OLD_KEYS : undefined)).previousSessionKeyArns).toEqual(OLD_KEYS);
    expect(readSettings((k) => (k === 'previousSessionKeyArns' ? ` ${OLD_KEYS[0]} , ` : undefined)).previousSessionKeyArns).toEqual([
      OLD_KEYS[0],
    ]);
  });

  it.each([
    [{ supportRoleArns: 'arn:aws:iam::111122223333:user/bob' }, /supportRoleArns must hold IAM role ARNs/],
    [{ previousClientAssertionKeyArns: 'not-an-arn' }, /previousClientAssertionKeyArns must hold KMS key ARNs/],
    [{ domainName: 'impero.com' }, /domainName and certificateArn go together/],
    [{ certificateArn: 'arn:aws:acm:eu-west-1:1:certificate/x' }, /certificateArn must be an ACM certificate ARN/],
    [{ domainName: 'impero.com', certificateArn: CERT, baseDomain: 'other.com' }, /must equal baseDomain/],
    [{ previousSessionKeyArns: 'alias/old-key' }, /previousSessionKeyArns must hold KMS key ARNs/],
    [{ sessionTtlSeconds: '10' }, /sessionTtlSeconds must be an integer from 60/],
    [{ baseDomain: 'https://impero.com' }, /BASE_DOMAIN must be a host name/],
    [{ logLevel: 'LOUD' }, /logLevel must be/],
    [{ eventRetentionDays: '0' }, /eventRetentionDays must be an integer from 1 to 3650/],
    [{ stackName: '1stack' }, /stackName must be a CloudFormation stack name/],
    [{ alarmEmail: 'ops' }, /alarmEmail must be an email address/],
  ])('refuses %j', (context, message) => {
    expect(read(context)).toThrow(message);
  });
});
