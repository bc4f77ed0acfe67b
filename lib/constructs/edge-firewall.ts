/**
 * The AWS WAF web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1):
 * first a per-IP rate limit on `/auth/*`, then a higher per-IP limit on every path but
 * `/scim/*`, both answered with 429, then AWS's managed common rule set. Paths are matched
 * after URL-decoding, path normalisation and lowercasing, so `/%61uth/`, `//auth/`,
 * `/x/../auth/` and `/AUTH/` count as `/auth/`. Every request is logged to `aws-waf-logs-<stack>` — without its query string
 * (the callback's carries authorization codes), cookies or Authorization header.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  /** Requests one client IP may make to `/auth/*` in 5 minutes before it gets 429s. */
  ratePerFiveMinutes: number;
  /**
   * Requests one client IP may make to any path except `/scim/*` in 5 minutes. SCIM is left
   * out: Okta provisions every customer from a few shared addresses, so a per-IP limit there
   * would throttle all tenants' provisioning at once (SCIM requests carry a bearer token).
   */
  sitePerFiveMinutes: number;
}

/**
 * How WAF reads a path before matching it: decoded (`%2F`, `%61`), normalised (`//`, `/./`,
 * `/../` removed) and lowercased, so no spelling of a prefix escapes a rule.
 */
const PATH_TRANSFORMATIONS: CfnWebACL.TextTransformationProperty[] = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'NORMALIZE_PATH' },
  { priority: 2, type: 'LOWERCASE' },
];

const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: prefix, textTransformations: PATH_TRANSFORMATIONS },
});

/** Window of the rate-based rule, in seconds (WAF allows 60, 120, 300 or 600). */
const RATE_WINDOW_SECONDS = 300;

export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      metricName: `${prefix}-${metricName}`,
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Impero SSO edge - per-IP rate limits on /auth/ and on all paths but /scim/, then AWS managed common rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      rules: [
        {
          // First: a flood from one address is cut before anything else looks at it.
          name: 'PerIpRateOnAuth',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.ratePerFiveMinutes,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              scopeDownStatement: pathStartsWith('/auth/'),
            },
          },
          visibilityConfig: visibility('PerIpRateOnAuth'),
        },
        {
          // Then every other path (the $default route, unknown paths), except SCIM's.
          name: 'PerIpRateOnSite',
          priority: 1,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.sitePerFiveMinutes,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              scopeDownStatement: { notStatement: { statement: pathStartsWith('/scim/') } },
            },
          },
          visibilityConfig: visibility('PerIpRateOnSite'),
        },
        {
          name: 'AwsCommonRules',
          priority: 2,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
          visibilityConfig: visibility('AwsCommonRules'),
        },
      ],
    });

    // WAF only logs to groups whose names start with aws-waf-logs-, given by ARN without `:*`.
    this.logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${prefix}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logsArn = Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logsArn],
      redactedFields: [{ queryString: {} }, { singleHeader: { Name: 'cookie' } }, { singleHeader: { Name: 'authorization' } }],
    });
  }
}
