/** The alarms ops rely on, and the log metric behind failed token exchanges. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLog } from '../../lambdas/adapters/logger.js';
import { functionNames } from '../../lambdas/routes.js';
import { synthesize, SYNTH_TIMEOUT_MS, type Synthesized } from './synth.js';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.dispose());

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
    const stats = Object.fromEntries(alarm.Metrics.slice(1).map((m: { Id: string; MetricStat: { Metric: unknown; Stat: string } }) => [m.Id, m.MetricStat]));
    const apiDims = [{ Name: 'ApiId', Value: { Ref: s.id(s.stack.api.api) } }];
    expect(stats.errors).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: apiDims }, Stat: 'Sum' });
    expect(stats.requests).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: apiDims }, Stat: 'Sum' });
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
      FilterPattern: '{ $.event = "token_exchange_failed" }',
      MetricTransformations: [{ MetricNamespace: 'ImperoSso', MetricName: 'TokenExchangeFailed', MetricValue: '1' }],
    });
    const [alarm] = alarms().filter((a) => a.MetricName === 'TokenExchangeFailed');
    expect(alarm).toMatchObject({ Namespace: 'ImperoSso', Statistic: 'Sum', Period: 300, Threshold: 4, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('matches the line the callback writes: the logger puts `event` at the top level of the JSON', () => {
    // Powertools writes warnings to stderr through its own Console; capture both streams.
    const lines: string[] = [];
    const streams = [process.stdout, process.stderr];
    const writes = streams.map((stream) => stream.write);
    for (const stream of streams) stream.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof stream.write;
    try {
      createLog('json').warn('token exchange failed', { event: 'token_exchange_failed', tenant: 'acme', errorCode: 'idp_error' });
    } finally {
      streams.forEach((stream, i) => (stream.write = writes[i]!));
    }
    expect(JSON.parse(lines.join(''))).toMatchObject({ event: 'token_exchange_failed', level: 'WARN' });
  });

  it('counts Universal Logouts that verified but failed, and alarms on the first one', () => {
    s.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: s.fn('session').logs },
      FilterPattern: '{ $.event = "universal_logout_failed" }',
      MetricTransformations: [{ MetricNamespace: 'ImperoSso', MetricName: 'UniversalLogoutFailed', MetricValue: '1' }],
    });
    const [alarm, ...others] = alarms().filter((a) => a.MetricName === 'UniversalLogoutFailed');
    expect(others).toEqual([]);
    expect(alarm).toMatchObject({ Namespace: 'ImperoSso', Statistic: 'Sum', Period: 300, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('has exactly these alarms and, without alarmEmail, no topic', () => {
    s.template.resourceCountIs('AWS::CloudWatch::Alarm', 3 + 2 * functionNames.length);
    s.template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toBeUndefined();
  });
});
