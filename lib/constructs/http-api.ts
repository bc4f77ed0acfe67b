/**
 * The HTTP API in front of the route Lambdas: one route per row of the route table, payload
 * format 2.0, a `$default` stage with throttling and JSON access logs, and optionally the
 * custom domains `<domainName>` and `*.<domainName>` (tenant hosts).
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  EndpointType,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FALLBACK_PATH, type Route } from '../../lambdas/routes.js';
import type { DeploySettings } from '../settings.js';

export interface SsoApiProps {
  routes: readonly { route: Route; fn: IFunction }[];
  throttle: DeploySettings['throttle'];
  customDomain?: DeploySettings['customDomain'];
}

/**
 * Access log line: who, which route, outcome, timing. Deliberately no path or query
 * string: the callback's query carries authorization codes and state.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTimeEpoch',
  host: '$context.domainName',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  userAgent: '$context.identity.userAgent',
  integrationError: '$context.integrationErrorMessage',
};

export class SsoApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The custom domains (apex, then wildcard) with their literal names, when configured. */
  readonly domains: { name: string; label: 'Apex' | 'Wildcard'; domain: DomainName }[] = [];

  constructor(scope: Construct, id: string, props: SsoApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: Stack.of(this).stackName,
      description: 'Impero SSO login endpoints (/auth/*)',
      createDefaultStage: false,
      // With a custom domain, tenants are only reachable through it: the handlers resolve
      // the tenant from the Host header, which the execute-api host cannot carry.
      disableExecuteApiEndpoint: props.customDomain !== undefined,
    });
    for (const { route, fn } of props.routes) {
      const integration = new HttpLambdaIntegration(`${route.handler}-integration`, fn, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      });
      if (route.path === FALLBACK_PATH) {
        // Everything no other route matches: our own 404/405 page instead of API Gateway's bare JSON.
        new HttpRoute(this.api, 'DefaultRoute', { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration });
      } else {
        this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
      }
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    if (props.customDomain) {
      const certificate = Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn);
      const { domainName } = props.customDomain;
      for (const [label, name] of [
        ['Apex', domainName],
        ['Wildcard', `*.${domainName}`],
      ] as const) {
        const domain = new DomainName(this, `${label}Domain`, {
          domainName: name,
          certificate,
          endpointType: EndpointType.REGIONAL,
          securityPolicy: SecurityPolicy.TLS_1_2,
        });
        new ApiMapping(this, `${label}Mapping`, { api: this.api, domainName: domain, stage: this.stage });
        this.domains.push({ name, label, domain });
      }
    }
  }

  /** The public base URL, with a trailing slash. */
  get url(): string {
    return this.domains[0] ? `https://${this.domains[0].name}/` : this.stage.url;
  }
}
