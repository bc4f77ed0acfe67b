/** The HTTP API: one route per row of the route table, to the function the table names, throttled and logged. */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../lambdas/routes.js';
import { getAtt, synthesizeShared, SYNTH_TIMEOUT_MS, type SharedSynthesis } from './synth.js';

let s: SharedSynthesis;
beforeAll(() => {
  s = synthesizeShared();
}, SYNTH_TIMEOUT_MS);

describe('HTTP API routes', () => {
  it('has exactly the routes of lambdas/routes.ts', () => {
    const keys = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(routes.map(routeKey).sort());
    expect(keys).toContain('$default');
  });

  it.each(routes.map((r) => [routeKey(r), r.fn] as const))('routes %s to the %s function with payload format 2.0', (routeKey, fn) => {
    const integrations = s.template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: getAtt(s.fn(fn).fn) },
    });
    const targets = Object.keys(integrations).map((id) => ({ 'Fn::Join': ['', ['integrations/', { Ref: id }]] }));
    const route = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
    expect(route).toHaveLength(1);
    expect(route[0]!.Properties).toMatchObject({ AuthorizationType: 'NONE' });
    expect(targets).toContainEqual(route[0]!.Properties.Target);
  });

  it('lets API Gateway invoke each function only from its own route', () => {
    for (const route of routes) {
      s.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: getAtt(s.fn(route.fn).fn),
        // The fallback may be invoked for any path; every other function only for its own.
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([route.path === '$default' ? '/*/*' : `/*/*${route.path}`])] },
      });
    }
    s.template.resourceCountIs('AWS::Lambda::Permission', routes.length);
  });
});

describe('$default stage', () => {
  it('auto-deploys with throttling limits', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('writes JSON access logs with request id, ip, route, status and latency, and never the query string', () => {
    const stage = Object.values(s.template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties.AccessLogSettings;
    expect(settings.DestinationArn).toEqual(getAtt(s.id(s.stack.api.accessLogs)));
    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
    // Authorization codes and state travel in the callback's query string.
    expect(settings.Format).not.toMatch(/\$context\.(path|resourcePath)|querystring|\$request/i);
  });

  it('keeps access logs for a month', () => {
    s.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(s.template.toJSON().Resources[s.id(s.stack.api.accessLogs)].Properties.RetentionInDays).toBe(30);
  });

  it('serves on the execute-api endpoint when no custom domain is configured', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', DisableExecuteApiEndpoint: false });
    s.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });
});
