/** The alarms ops rely on, and the log metric behind token exchanges Okta failed. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLog } from '../../lambdas/adapters/logger.js';
import { AuthError, ErrorCode } from '../../lambdas/core/errors.js';
import type { Log } from '../../lambdas/core/ports.js';
import { logSignInFailure } from '../../lambdas/core/sign-in-failure.js';
import { functionNames } from '../../lambdas/routes.js';
import { synthesizeShared, SYNTH_TIMEOUT_MS, type SharedSynthesis } from './synth.js';

let s: SharedSynthesis;
beforeAll(() => {
  s = synthesizeShared();
}, SYNTH_TIMEOUT_MS);

const TOKEN_EXCHANGE_FILTER = '{ $.event = "sign_in_failed" && $.alarm = "token_exchange_failed" }';

/** The one line `write` logs through the Lambda (JSON) logger, parsed. Powertools writes warnings to stderr; capture both streams. */
function jsonLine(write: (log: Log) => void): Record<string, unknown> {
  const lines: string[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) stream.write = (chunk: string) => lines.push(String(chunk)) > 0;
  try {
    write(createLog('json'));
  } finally {
    streams.forEach((stream, i) => (stream.write = writes[i]!));
  }
  expect(lines.join('').trim().split('\n')).toHaveLength(1);
  return JSON.parse(lines.join('')) as Record<string, unknown>;
}

/** CloudWatch's JSON filter pattern, for the `{ $.a = "x" && $.b = "y" }` shape used here. */
function matches(pattern: string, line: Record<string, unknown>): boolean {
  const terms = [...pattern.matchAll(/\$\.(\w+) = "([^"]*)"/g)];
  expect(pattern.replace(/\$\.\w+ = "[^"]*"/g, 'T')).toMatch(/^\{ T( && T)* \}$/);
  return terms.every(([, key, value]) => line[key!] === value);
}

const alarms = () => Object.values(s.template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const alarmOn = (metricName: string, functionId: string) =>
  alarms().filter(
    (a) =>
      a.Namespace === 'AWS/Lambda' &&
      a.MetricName === metricName &&
      JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionId } }]),
  );

describe('alarms', () => {
  it('alarms on the API 5xx rate, ignoring periods with too few requests to mean anything', () => {
    const [alarm, ...others] = alarms().filter((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression));
    expect(others).toEqual([]);
    expect(alarm.Metrics[0].Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const stats = Object.fromEntries(
      alarm.Metrics.slice(1).map((m: { Id: string; MetricStat: { Metric: unknown; Stat: string } }) => [m.Id, m.MetricStat]),
    );
    const apiDims = [{ Name: 'ApiId', Value: { Ref: s.id(s.stack.api.api) } }];
    expect(stats.errors).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: apiDims }, Stat: 'Sum' });
    expect(stats.requests).toMatchObject({
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: apiDims },
      Stat: 'Sum',
    });
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
  });

  it.each(functionNames)('alarms on any error or throttle of the %s function', (name) => {
    for (const metric of ['Errors', 'Throttles']) {
      const found = alarmOn(metric, s.fn(name).fn);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('counts failed token exchanges from the callback’s JSON log lines and alarms on a run of them', () => {
    s.template.resourceCountIs('AWS::Logs::MetricFilter', 2);
    s.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: s.fn('callback').logs },
      FilterPattern: TOKEN_EXCHANGE_FILTER,
      MetricTransformations: [{ MetricNamespace: 'ImperoSso', MetricName: 'TokenExchangeFailed', MetricValue: '1' }],
    });
    const [alarm] = alarms().filter((a) => a.MetricName === 'TokenExchangeFailed');
    expect(alarm).toMatchObject({
      Namespace: 'ImperoSso',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 4,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('matches the failure line of an exchange Okta failed, and not one of a code Okta refused', () => {
    const okta = jsonLine((log) =>
      logSignInFailure(log, new AuthError(ErrorCode.IDP_UNAVAILABLE, 'slow'), { step: 'callback', tenant: 'acme', oktaFailed: true }),
    );
    expect(okta).toMatchObject({ event: 'sign_in_failed', alarm: 'token_exchange_failed', level: 'WARN' });
    expect(matches(TOKEN_EXCHANGE_FILTER, okta)).toBe(true);
    const forged = jsonLine((log) =>
      logSignInFailure(log, new AuthError(ErrorCode.LOGIN_EXPIRED, 'made-up code'), {
        step: 'callback',
        tenant: 'acme',
        oktaFailed: false,
      }),
    );
    expect(forged).toMatchObject({ event: 'sign_in_failed', level: 'WARN' });
    expect(matches(TOKEN_EXCHANGE_FILTER, forged)).toBe(false);
  });

  it('counts Universal Logouts that verified but failed, and alarms on the first one', () => {
    s.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: s.fn('session').logs },
      FilterPattern: '{ $.event = "universal_logout_failed" }',
      MetricTransformations: [{ MetricNamespace: 'ImperoSso', MetricName: 'UniversalLogoutFailed', MetricValue: '1' }],
    });
    const [alarm, ...others] = alarms().filter((a) => a.MetricName === 'UniversalLogoutFailed');
    expect(others).toEqual([]);
    expect(alarm).toMatchObject({
      Namespace: 'ImperoSso',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('has exactly these alarms and, without alarmEmail, no topic', () => {
    s.template.resourceCountIs('AWS::CloudWatch::Alarm', 3 + 2 * functionNames.length);
    s.template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toBeUndefined();
  });
});
