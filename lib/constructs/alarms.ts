/**
 * The alarms ops watch: the API's 5xx rate, each function's errors and throttles, failed
 * token exchanges with Okta and failed Universal Logouts (counted from JSON log lines). With an email
 * address, every alarm also notifies an SNS topic.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { TOKEN_EXCHANGE_ALARM } from '../../lambdas/core/sign-in-failure.js';

export interface OpsAlarmsProps {
  api: HttpApi;
  functions: readonly { name: string; fn: IFunction }[];
  /** The callback's log group, where the failure lines with `"alarm": "token_exchange_failed"` land. */
  callbackLogs: ILogGroup;
  /** The Universal Logout function's log group, where `{"event":"universal_logout_failed"}` lines land. */
  universalLogoutLogs: ILogGroup;
  alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);
/** Below this many requests in a period, a 5xx rate is noise (one error in two requests is 50 %). */
const MIN_REQUESTS = 20;
const MAX_5XX_PERCENT = 5;
/** Single failures happen (a slow answer from Okta); a run of them means a broken tenant or Okta. */
const MAX_TOKEN_EXCHANGE_FAILURES = 5;

export class OpsAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic?: Topic;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    const prefix = Stack.of(this).stackName;
    if (props.alarmEmail) {
      this.topic = new Topic(this, 'Topic', { displayName: `${prefix} alarms`, enforceSSL: true });
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    const server5xxRate = new MathExpression({
      expression: `IF(requests >= ${MIN_REQUESTS}, 100 * errors / requests, 0)`,
      usingMetrics: {
        errors: props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
        requests: props.api.metricCount({ period: PERIOD, statistic: 'Sum' }),
      },
      label: '5xx rate (%)',
      period: PERIOD,
    });
    this.add(
      'Api5xxRate',
      server5xxRate,
      MAX_5XX_PERCENT,
      `${prefix}: more than ${MAX_5XX_PERCENT} % of API requests failed with 5xx in 5 minutes`,
    );

    for (const { name, fn } of props.functions) {
      this.add(
        `${name}-errors`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        0,
        `${prefix}: ${name} Lambda failed (crash or timeout)`,
      );
      this.add(
        `${name}-throttles`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        0,
        `${prefix}: ${name} Lambda was throttled (concurrency limit)`,
      );
    }

    // Only exchanges Okta itself failed (an error answer other than invalid_grant, a 5xx, no
    // answer in time, an ID token that does not verify) carry the field: a code or an `error=`
    // a browser makes up never does (lambdas/core/sign-in-failure.ts).
    const failures = props.callbackLogs.addMetricFilter('TokenExchangeFailures', {
      filterPattern: FilterPattern.literal(`{ $.event = "sign_in_failed" && $.alarm = "${TOKEN_EXCHANGE_ALARM}" }`),
      metricNamespace: prefix,
      metricName: 'TokenExchangeFailed',
      metricValue: '1',
    });
    this.add(
      'TokenExchangeFailures',
      failures.metric({ period: PERIOD, statistic: 'Sum' }),
      MAX_TOKEN_EXCHANGE_FAILURES - 1,
      `${prefix}: ${MAX_TOKEN_EXCHANGE_FAILURES} or more token exchanges with Okta failed in 5 minutes`,
    );

    // Only requests whose Okta token verified count: each is a user who may still be signed in.
    // Refusals of unauthenticated callers are logged as `universal_logout_refused` and not counted.
    const logoutFailures = props.universalLogoutLogs.addMetricFilter('UniversalLogoutFailures', {
      filterPattern: FilterPattern.literal('{ $.event = "universal_logout_failed" }'),
      metricNamespace: prefix,
      metricName: 'UniversalLogoutFailed',
      metricValue: '1',
    });
    this.add(
      'UniversalLogoutFailures',
      logoutFailures.metric({ period: PERIOD, statistic: 'Sum' }),
      0,
      `${prefix}: a Universal Logout request from Okta verified but its sessions were not ended (bad body, unknown user or storage)`,
    );
  }

  /** Alarms when the metric goes above `threshold` in one 5-minute period. */
  private add(id: string, metric: IMetric, threshold: number, description: string): void {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No traffic is not an outage of this stack's making.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.topic) alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
