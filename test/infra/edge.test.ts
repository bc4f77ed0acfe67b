/**
 * Edge protection (`edgeProtection`): a second stack in us-east-1 with CloudFront and AWS
 * WAF in front of the API, the tenant Host forwarded, the origin secret sent by CloudFront
 * and required by every function; and none of it in the default shape.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionNames } from '../../lambdas/routes.js';
import { readSettings } from '../../lib/settings.js';
import { EDGE, EDGE_CERT, OLD_SECRET, REGIONAL_CERT, SECRET } from './edge-context.js';
import { getAtt, synthesize, SYNTH_TIMEOUT_MS, validationReport, type Synthesized } from './synth.js';

/**
 * A path prefix as WAF must match it: URL-decoded, then normalised (`//`, `/./`, `/../`),
 * then lowercased, so `/%61uth/`, `//auth/`, `/x/../auth/` and `/AUTH/` all count.
 */
const pathMatch = (prefix: string) => ({
  FieldToMatch: { UriPath: {} },
  PositionalConstraint: 'STARTS_WITH',
  SearchString: prefix,
  TextTransformations: [
    { Priority: 0, Type: 'URL_DECODE' },
    { Priority: 1, Type: 'NORMALIZE_PATH' },
    { Priority: 2, Type: 'LOWERCASE' },
  ],
});
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

const lambdaEnvironments = (s: Synthesized) =>
  Object.values(s.template.findResources('AWS::Lambda::Function')).map((f) => f.Properties.Environment.Variables as Record<string, string>);

describe('with edgeProtection', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize(EDGE);
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => s?.dispose());

  it('puts CloudFront and WAF in their own stack in us-east-1, deployed after the API stack', () => {
    expect(s.edge).toBeDefined();
    expect(s.edge!.stack.region).toBe('us-east-1');
    expect(s.edge!.stack.stackName).toBe('ImperoSso-Edge');
    expect(s.edge!.stack.dependencies).toEqual([s.stack]);
    s.edge!.template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    s.edge!.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    s.template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    s.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('limits each IP on /auth/* first, then on every path but /scim/*, then on /scim/* (429); refuses SCIM requests without a SCIM token (401); then applies AWS’s common rules, their 8 KB body limit outside /scim/* only', () => {
    s.edge!.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Name: 'PerIpRateOnAuth',
          Priority: 0,
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: 600,
              EvaluationWindowSec: 300,
              ScopeDownStatement: { ByteMatchStatement: pathMatch('/auth/') },
            },
          },
        },
        {
          Name: 'PerIpRateOnSite',
          Priority: 1,
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: 3000,
              EvaluationWindowSec: 300,
              ScopeDownStatement: { NotStatement: { Statement: { ByteMatchStatement: pathMatch('/scim/') } } },
            },
          },
        },
        {
          Name: 'PerIpRateOnScim',
          Priority: 2,
          Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: {
            RateBasedStatement: {
              AggregateKeyType: 'IP',
              Limit: 30000,
              EvaluationWindowSec: 300,
              ScopeDownStatement: { ByteMatchStatement: pathMatch('/scim/') },
            },
          },
        },
        {
          Name: 'ScimBearerOnly',
          Priority: 3,
          Action: { Block: { CustomResponse: { ResponseCode: 401, CustomResponseBodyKey: 'ScimUnauthorized' } } },
          Statement: {
            AndStatement: {
              Statements: [
                { ByteMatchStatement: pathMatch('/scim/') },
                {
                  NotStatement: {
                    Statement: {
                      ByteMatchStatement: {
                        FieldToMatch: { SingleHeader: { Name: 'authorization' } },
                        PositionalConstraint: 'STARTS_WITH',
                        SearchString: 'bearer scim_',
                        TextTransformations: [
                          { Priority: 0, Type: 'COMPRESS_WHITE_SPACE' },
                          { Priority: 1, Type: 'LOWERCASE' },
                        ],
                      },
                    },
                  },
                },
              ],
            },
          },
        },
        {
          Name: 'AwsCommonRules',
          Priority: 4,
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            },
          },
        },
        {
          Name: 'BodySizeOutsideScim',
          Priority: 5,
          Action: { Block: {} },
          Statement: {
            AndStatement: {
              Statements: [
                { LabelMatchStatement: { Scope: 'LABEL', Key: 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body' } },
                { NotStatement: { Statement: { ByteMatchStatement: pathMatch('/scim/') } } },
              ],
            },
          },
        },
      ],
      CustomResponseBodies: {
        ScimUnauthorized: {
          ContentType: 'APPLICATION_JSON',
          Content: Match.serializedJson({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '401',
            detail: Match.stringLikeRegexp('Bearer'),
          }),
        },
      },
    });
  });

  it('logs WAF decisions without query strings, cookies or Authorization', () => {
    const logs = s.edge!.stack.firewall.logs;
    s.edge!.template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-ImperoSso-Edge', RetentionInDays: 30 });
    s.edge!.template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: getAtt(s.edge!.stack.getLogicalId(s.edge!.stack.firewall.webAcl)),
      LogDestinationConfigs: [
        { 'Fn::Join': ['', Match.arrayWith([':log-group:', { Ref: s.edge!.stack.getLogicalId(logs.node.defaultChild as never) }])] },
      ],
      RedactedFields: [{ QueryString: {} }, { SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'authorization' } }],
    });
  });

  it('serves the domain and its tenants through CloudFront with the us-east-1 certificate and the web ACL', () => {
    s.edge!.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['impero.com', '*.impero.com'],
        ViewerCertificate: { AcmCertificateArn: EDGE_CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        WebACLId: getAtt(s.edge!.stack.getLogicalId(s.edge!.stack.firewall.webAcl)),
        Logging: Match.absent(),
      },
    });
  });

  it('forwards the viewer’s Host and everything else uncached to the API’s regional domain, with the origin secret', () => {
    s.edge!.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: {
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: Match.arrayWith(['GET', 'POST']),
          CachePolicyId: CACHING_DISABLED,
          OriginRequestPolicyId: ALL_VIEWER,
        },
        Origins: [
          {
            DomainName: 'origin.impero.com',
            CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
            OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: SECRET }],
          },
        ],
      },
    });
  });

  it('makes every function require the current or the previous origin secret', () => {
    const envs = lambdaEnvironments(s);
    expect(envs).toHaveLength(functionNames.length);
    for (const env of envs) expect(env.ORIGIN_SECRETS).toBe(`${SECRET},${OLD_SECRET}`);
  });

  it('keeps the API reachable by its custom domains only (the origin of CloudFront), not execute-api', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    s.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 2);
    expect(Object.keys(s.edge!.template.toJSON().Outputs)).toEqual(expect.arrayContaining(['EdgeDomainTarget', 'WebAclArn']));
  });

  // CloudFormation's own template checks of this shape: cfn-validation.test.ts.
  it('passes cdk-nag with nothing left unacknowledged', () => {
    const report = validationReport(s.outdir);
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe('without edgeProtection (the default)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({ domainName: 'impero.com', certificateArn: REGIONAL_CERT, originSecret: SECRET });
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => s?.dispose());

  it('has one stack, no CloudFront, no WAF, and functions that require no origin secret', () => {
    expect(s.edge).toBeUndefined();
    expect(s.assembly.stacks.map((st) => st.stackName)).toEqual(['ImperoSso']);
    s.template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    s.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    for (const env of lambdaEnvironments(s)) expect(env).not.toHaveProperty('ORIGIN_SECRETS');
  });
});

describe('edge settings', () => {
  const read = (context: Record<string, unknown>) => () => readSettings((key) => context[key]);

  it('default the origin to origin.<baseDomain> and the rates to 1000 (/auth/), 5000 (site) and 20000 (/scim/) per 5 minutes', () => {
    const { edgeRateLimit: _rate, edgeSiteRateLimit: _site, edgeScimRateLimit: _scim, ...rest } = EDGE;
    expect(readSettings((k) => (rest as Record<string, unknown>)[k]).edge).toEqual({
      certificateArn: EDGE_CERT,
      originSecret: SECRET,
      previousOriginSecrets: [OLD_SECRET],
      originDomain: 'origin.impero.com',
      ratePerFiveMinutes: 1000,
      sitePerFiveMinutes: 5000,
      scimPerFiveMinutes: 20000,
    });
  });

  it.each([
    [{ edgeProtection: 'yes' }, /edgeProtection must be true or false/],
    [{ edgeProtection: true }, /needs the custom domain too/],
    [{ ...EDGE, edgeCertificateArn: REGIONAL_CERT }, /edgeCertificateArn must be an ACM certificate ARN in us-east-1/],
    [{ ...EDGE, edgeCertificateArn: undefined }, /needs edgeCertificateArn/],
    [{ ...EDGE, originSecret: undefined }, /needs originSecret/],
    [{ ...EDGE, originSecret: 'short' }, /needs originSecret: 32–128 characters/],
    [{ ...EDGE, previousOriginSecrets: 'short' }, /previousOriginSecrets must hold/],
    [{ ...EDGE, edgeOriginDomain: 'https://origin.impero.com' }, /edgeOriginDomain must be a host name/],
    [{ ...EDGE, edgeRateLimit: '5' }, /edgeRateLimit must be an integer from 10/],
    [{ ...EDGE, edgeSiteRateLimit: '500' }, /edgeSiteRateLimit \(500\) must be at least edgeRateLimit \(600\)/],
    [{ ...EDGE, edgeScimRateLimit: '50' }, /edgeScimRateLimit must be an integer from 1000/],
  ])('refuse %j', (context, message) => {
    expect(read(context)).toThrow(message);
  });

  it('never echo a secret in an error', () => {
    const secret = 'not a secret value, it has spaces in it';
    expect(read({ ...EDGE, originSecret: secret })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });
});
