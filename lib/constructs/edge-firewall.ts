/**
 * The AWS WAF web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1):
 * first a per-IP rate limit on `/auth/*`, then a higher per-IP limit on every path but
 * `/scim/*`, and a much higher one on `/scim/*` alone, all answered with 429; then `/scim/*`
 * requests without a SCIM bearer token are refused (401); then AWS's managed common rule set,
 * whose 8 KB body limit is enforced everywhere but on `/scim/*` (Impero takes SCIM bodies up
 * to 1 MB and answers 413 above). Paths are matched after URL-decoding, path normalisation and
 * lowercasing, so `/%61uth/`, `//auth/`, `/x/../auth/` and `/AUTH/` count as `/auth/`. Every
 * request is logged to `aws-waf-logs-<stack>` — without its query string (the callback's
 * carries authorization codes), cookies or Authorization header.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { SCIM_TOKEN_PREFIX } from '../../lambdas/core/scim/token.js';

export interface EdgeFirewallProps {
  /** Requests one client IP may make to `/auth/*` in 5 minutes before it gets 429s. */
  ratePerFiveMinutes: number;
  /**
   * Requests one client IP may make to any path except `/scim/*` in 5 minutes. SCIM is left
   * out: Okta provisions every customer from a few shared addresses, so a per-IP limit there
   * would throttle all tenants' provisioning at once (SCIM requests carry a bearer token).
   */
  sitePerFiveMinutes: number;
  /**
   * Requests one client IP may make to `/scim/*` in 5 minutes: high, since Okta's few shared
   * addresses carry every tenant's provisioning; it only stops a flood from one address.
   */
  scimPerFiveMinutes: number;
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
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: PATH_TRANSFORMATIONS,
  },
});

/** The label AWS's common rule set puts on a request whose body is over 8 KB (its `SizeRestrictions_BODY` rule). */
const BODY_SIZE_LABEL = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

/** An Authorization header that cannot hold a SCIM token: not `Bearer scim_…` in any case or spacing the API accepts. */
const notScimBearer: CfnWebACL.StatementProperty = {
  notStatement: {
    statement: {
      byteMatchStatement: {
        fieldToMatch: { singleHeader: { Name: 'authorization' } },
        positionalConstraint: 'STARTS_WITH',
        searchString: `bearer ${SCIM_TOKEN_PREFIX}`.toLowerCase(),
        textTransformations: [
          { priority: 0, type: 'COMPRESS_WHITE_SPACE' },
          { priority: 1, type: 'LOWERCASE' },
        ],
      },
    },
  },
};

/** The SCIM error (RFC 7644 §3.12) WAF answers in place of the API to a SCIM request without a token. */
const SCIM_UNAUTHORIZED = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: '401',
  detail: 'Send a SCIM token as "Authorization: Bearer <token>".',
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
      description:
        'Impero SSO edge - per-IP rate limits on /auth/, on all paths but /scim/ and on /scim/, SCIM bearer tokens only on /scim/, AWS managed common rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      customResponseBodies: { ScimUnauthorized: { contentType: 'APPLICATION_JSON', content: SCIM_UNAUTHORIZED } },
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
          // SCIM apart, and generous: Okta provisions every customer from a few shared addresses.
          name: 'PerIpRateOnScim',
          priority: 2,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.scimPerFiveMinutes,
              evaluationWindowSec: RATE_WINDOW_SECONDS,
              scopeDownStatement: pathStartsWith('/scim/'),
            },
          },
          visibilityConfig: visibility('PerIpRateOnScim'),
        },
        {
          // Every SCIM request carries a `Bearer scim_…` token; anything else never reaches the API.
          name: 'ScimBearerOnly',
          priority: 3,
          action: { block: { customResponse: { responseCode: 401, customResponseBodyKey: 'ScimUnauthorized' } } },
          statement: { andStatement: { statements: [pathStartsWith('/scim/'), notScimBearer] } },
          visibilityConfig: visibility('ScimBearerOnly'),
        },
        {
          // The 8 KB body limit only labels here; the next rule enforces it outside /scim/.
          name: 'AwsCommonRules',
          priority: 4,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('AwsCommonRules'),
        },
        {
          // A SCIM Group PUT of a few hundred members is over 8 KB; Impero takes SCIM bodies up to 1 MB (413 above).
          name: 'BodySizeOutsideScim',
          priority: 5,
          action: { block: {} },
          statement: {
            andStatement: {
              statements: [
                { labelMatchStatement: { scope: 'LABEL', key: BODY_SIZE_LABEL } },
                { notStatement: { statement: pathStartsWith('/scim/') } },
              ],
            },
          },
          visibilityConfig: visibility('BodySizeOutsideScim'),
        },
      ],
    });

    // WAF only logs to groups whose names start with aws-waf-logs-, given by ARN without `:*`.
    this.logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${prefix}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logsArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logs.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      logDestinationConfigs: [logsArn],
      redactedFields: [{ queryString: {} }, { singleHeader: { Name: 'cookie' } }, { singleHeader: { Name: 'authorization' } }],
    });
  }
}
