/**
 * The AWS WAF web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1):
 * first a per-IP rate limit on `/auth/*`, answered with 429, then AWS's managed common
 * rule set. Every request is logged to `aws-waf-logs-<stack>` — without its query string
 * (the callback's carries authorization codes), cookies or Authorization header.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeFirewallProps {
  /** Requests one client IP may make to `/auth/*` in 5 minutes before it gets 429s. */
  ratePerFiveMinutes: number;
}

/** Window of the rate-based rule, in seconds (WAF allows 60, 120, 300 or 600). */
export const RATE_WINDOW_SECONDS = 300;

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
      description: 'Impero SSO edge - per-IP rate limit on the /auth/ paths, then AWS managed common rules',
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
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: '/auth/',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('PerIpRateOnAuth'),
        },
        {
          name: 'AwsCommonRules',
          priority: 1,
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
