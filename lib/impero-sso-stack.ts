/**
 * The Impero SSO stack: composes the tables, the session key, one Lambda per route, the
 * HTTP API and the alarms, grants each Lambda exactly what `handlerAccess` lists, and
 * publishes what ops and the support CLI need as outputs.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { routes, type HandlerName } from '../lambdas/routes.js';
import { OpsAlarms } from './constructs/alarms.js';
import { SsoApi } from './constructs/http-api.js';
import { RouteFunction } from './constructs/route-function.js';
import { SessionKey } from './constructs/session-key.js';
import { Tables } from './constructs/tables.js';
import { handlerAccess } from './handler-access.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { lambdaEnvironmentSettings, type DeploySettings } from './settings.js';

export interface ImperoSsoStackProps extends StackProps {
  settings: DeploySettings;
}

export class ImperoSsoStack extends Stack {
  readonly tables: Tables;
  readonly sessionKey: SessionKey;
  readonly functions: Record<HandlerName, RouteFunction>;
  readonly api: SsoApi;
  readonly alarms: OpsAlarms;

  constructor(scope: Construct, id: string, props: ImperoSsoStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.tables = new Tables(this, 'Tables');
    this.sessionKey = new SessionKey(this, 'SessionKey', { version: settings.sessionKeyVersion });

    const environment: Record<string, string> = {
      ...lambdaEnvironmentSettings(settings),
      DIRECTORY_TABLE: this.tables.directory.tableName,
      LOGIN_TABLE: this.tables.login.tableName,
      SESSION_KMS_KEY_ID: this.sessionKey.key.keyArn,
      POWERTOOLS_SERVICE_NAME: 'impero-sso',
    };
    if (settings.previousSessionKeyArns.length > 0) environment.SESSION_KMS_PREVIOUS_KEY_IDS = settings.previousSessionKeyArns.join(',');

    const functions = {} as Record<HandlerName, RouteFunction>;
    for (const route of routes) {
      const access = handlerAccess[route.handler];
      const routeFunction = new RouteFunction(this, `Fn-${route.handler}`, { route, environment, callsIdentityProvider: access.callsIdentityProvider });
      this.grant(routeFunction, route.handler, settings.previousSessionKeyArns);
      functions[route.handler] = routeFunction;
    }
    this.functions = functions;

    this.api = new SsoApi(this, 'Http', {
      routes: routes.map((route) => ({ route, fn: functions[route.handler].fn })),
      throttle: settings.throttle,
      customDomain: settings.customDomain,
    });
    this.alarms = new OpsAlarms(this, 'Alarms', {
      api: this.api.api,
      functions: routes.map((route) => ({ name: route.handler, fn: functions[route.handler].fn })),
      callbackLogs: functions.callback.logGroup,
      alarmEmail: settings.alarmEmail,
    });

    this.outputs();
    acknowledgeNagFindings(this);
  }

  /** One statement per resource kind, from the access map: no grant* helpers, whose action lists are broader. */
  private grant(target: RouteFunction, handler: HandlerName, previousKeyArns: string[]): void {
    const access = handlerAccess[handler];
    const add = (actions: readonly string[], resources: string[]) => {
      if (actions.length > 0) target.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources }));
    };
    add(access.directory, [this.tables.directory.tableArn]);
    add(access.login, [this.tables.login.tableArn]);
    const currentKey = this.sessionKey.key.keyArn;
    add(access.sessionKey.filter((a) => a === 'kms:Sign'), [currentKey]);
    add(access.sessionKey.filter((a) => a === 'kms:GetPublicKey'), [currentKey, ...previousKeyArns]);
  }

  private outputs(): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('ApiUrl', this.api.url, 'Base URL of the login API');
    out('JwksUrl', `${this.api.url}auth/.well-known/jwks.json`, 'Public keys that verify session tokens');
    out('DirectoryTableName', this.tables.directory.tableName, 'Directory table (tenants, accounts); read by the support CLI');
    out('LoginTableName', this.tables.login.tableName, 'Login transaction table; read by the support CLI');
    out('SessionKeyArn', this.sessionKey.key.keyArn, 'KMS key that signs session tokens; list it in previousSessionKeyArns after a rotation');
    for (const { name, label, domain } of this.api.domains) {
      out(`${label}DomainTarget`, domain.regionalDomainName, `DNS target (alias or CNAME) for ${name}`);
    }
  }
}
