/**
 * The Impero SSO stack: composes the tables, the session key, one Lambda per function of the
 * route table, the HTTP API and the alarms, grants each Lambda exactly what `functionAccess` lists, and
 * publishes what ops and the support CLI need as outputs.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { ArnPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV, SERVICE_NAME, STACK_OUTPUTS } from '../lambdas/names.js';
import { functionNames, routes, type FunctionName } from '../lambdas/routes.js';
import { OpsAlarms } from './constructs/alarms.js';
import { ClientKeys } from './constructs/client-keys.js';
import { allowUse, TENANT_CONTEXT_CONDITION } from './constructs/key-policy.js';
import { SsoApi } from './constructs/http-api.js';
import { ServiceFunction } from './constructs/service-function.js';
import { SessionKey } from './constructs/session-key.js';
import { Tables } from './constructs/tables.js';
import { functionAccess } from './function-access.js';
import { acknowledgeNagFindings } from './nag-acknowledgements.js';
import { lambdaEnvironmentSettings, type DeploySettings } from './settings.js';

export interface ImperoSsoStackProps extends StackProps {
  settings: DeploySettings;
}

export class ImperoSsoStack extends Stack {
  readonly tables: Tables;
  readonly sessionKey: SessionKey;
  readonly clientKeys: ClientKeys;
  readonly functions: Record<FunctionName, ServiceFunction>;
  readonly api: SsoApi;
  readonly alarms: OpsAlarms;

  constructor(scope: Construct, id: string, props: ImperoSsoStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.tables = new Tables(this, 'Tables');
    this.sessionKey = new SessionKey(this, 'SessionKey', { version: settings.sessionKeyVersion });
    this.clientKeys = new ClientKeys(this, 'ClientKeys', { clientAssertionKeyVersion: settings.clientAssertionKeyVersion });

    const environment: Record<string, string> = {
      ...lambdaEnvironmentSettings(settings),
      [ENV.DIRECTORY_TABLE]: this.tables.directory.tableName,
      [ENV.LOGIN_TABLE]: this.tables.login.tableName,
      [ENV.SESSION_TABLE]: this.tables.sessions.tableName,
      [ENV.EVENTS_TABLE]: this.tables.events.tableName,
      [ENV.SESSION_KMS_KEY_ID]: this.sessionKey.key.keyArn,
      [ENV.SECRETS_KMS_KEY_ID]: this.clientKeys.secretsKey.keyArn,
      [ENV.CLIENT_ASSERTION_KMS_KEY_ID]: this.clientKeys.clientAssertionKey.keyArn,
      [ENV.POWERTOOLS_SERVICE_NAME]: SERVICE_NAME,
    };
    if (settings.previousSessionKeyArns.length > 0)
      environment[ENV.SESSION_KMS_PREVIOUS_KEY_IDS] = settings.previousSessionKeyArns.join(',');
    if (settings.previousClientAssertionKeyArns.length > 0) {
      environment[ENV.CLIENT_ASSERTION_KMS_PREVIOUS_KEY_IDS] = settings.previousClientAssertionKeyArns.join(',');
    }

    const functions = {} as Record<FunctionName, ServiceFunction>;
    for (const name of functionNames) {
      const access = functionAccess[name];
      const serviceFunction = new ServiceFunction(this, `Fn-${name}`, {
        name,
        environment,
        callsIdentityProvider: access.callsIdentityProvider,
      });
      this.grant(serviceFunction, name, settings);
      functions[name] = serviceFunction;
    }
    this.functions = functions;
    this.allowSupport(settings.supportRoleArns);

    this.api = new SsoApi(this, 'Http', {
      routes: routes.map((route) => ({ route, fn: functions[route.fn].fn })),
      throttle: settings.throttle,
      customDomain: settings.customDomain,
    });
    this.alarms = new OpsAlarms(this, 'Alarms', {
      api: this.api.api,
      functions: functionNames.map((name) => ({ name, fn: functions[name].fn })),
      callbackLogs: functions.callback.logGroup,
      universalLogoutLogs: functions.session.logGroup,
      alarmEmail: settings.alarmEmail,
    });

    this.outputs();
    acknowledgeNagFindings(this);
  }

  /**
   * One statement per resource kind, from the access map: no grant* helpers, whose action
   * lists are broader. Key use is granted twice, in the role's policy and by name in the key's
   * own policy, so neither an IAM policy elsewhere nor one here alone can widen it.
   */
  private grant(target: ServiceFunction, name: FunctionName, settings: DeploySettings): void {
    const access = functionAccess[name];
    const add = (actions: readonly string[], resources: string[]) => {
      if (actions.length > 0) target.role.addToPolicy(new PolicyStatement({ actions: [...actions], resources }));
    };
    add(access.directory, [this.tables.directory.tableArn]);
    add(access.login, [this.tables.login.tableArn]);
    add(access.sessions ?? [], [this.tables.sessions.tableArn]);
    add(access.events ?? [], [this.tables.events.tableArn]);
    const keyUse = (
      key: Key,
      keyName: string,
      actions: readonly string[],
      previousArns: string[] = [],
      conditions?: Record<string, unknown>,
    ) => {
      const use = actions.filter((a) => a !== 'kms:GetPublicKey');
      if (use.length > 0) target.role.addToPolicy(new PolicyStatement({ actions: use, resources: [key.keyArn], conditions }));
      add(
        actions.filter((a) => a === 'kms:GetPublicKey'),
        [key.keyArn, ...previousArns],
      );
      allowUse(key, `${keyName}Use${pascal(name)}`, [target.role], actions, conditions);
    };
    keyUse(this.sessionKey.key, 'Session', access.sessionKey, settings.previousSessionKeyArns);
    keyUse(this.clientKeys.secretsKey, 'Secrets', access.secretsKey ?? [], [], TENANT_CONTEXT_CONDITION);
    keyUse(this.clientKeys.clientAssertionKey, 'ClientAssertion', access.clientAssertionKey ?? [], settings.previousClientAssertionKeyArns);
  }

  /** Support agents' roles: seal and open client secrets (always with a tenant context), sign the self-test's assertion. */
  private allowSupport(roleArns: string[]): void {
    const roles = roleArns.map((arn) => new ArnPrincipal(arn));
    allowUse(this.clientKeys.secretsKey, 'SupportSealsSecrets', roles, ['kms:Encrypt', 'kms:Decrypt'], TENANT_CONTEXT_CONDITION);
    allowUse(this.clientKeys.clientAssertionKey, 'SupportSignsSelfTest', roles, ['kms:Sign']);
  }

  private outputs(): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('ApiUrl', this.api.url, 'Base URL of the login API');
    out('JwksUrl', `${this.api.url}auth/.well-known/jwks.json`, 'Public keys that verify session tokens');
    out(STACK_OUTPUTS.directory, this.tables.directory.tableName, 'Directory table (tenants, accounts); read by the support CLI');
    out(STACK_OUTPUTS.login, this.tables.login.tableName, 'Login transaction table; read by the support CLI');
    out(STACK_OUTPUTS.sessions, this.tables.sessions.tableName, 'Server-side sessions; listed and ended by the support CLI');
    out(STACK_OUTPUTS.events, this.tables.events.tableName, 'Sign-in events; read by the support CLI (events, tenant health)');
    out(
      'SessionKeyArn',
      this.sessionKey.key.keyArn,
      'KMS key that signs session tokens; list it in previousSessionKeyArns after a rotation',
    );
    out(STACK_OUTPUTS.secretsKey, this.clientKeys.secretsKey.keyArn, "KMS key that seals tenants' client secrets; used by the support CLI");
    out(
      STACK_OUTPUTS.clientAssertionKey,
      this.clientKeys.clientAssertionKey.keyArn,
      'KMS key that signs private_key_jwt assertions; list it in previousClientAssertionKeyArns after a rotation',
    );
    out('ClientJwksUrl', `${this.api.url}auth/.well-known/client-jwks.json`, 'Public keys of private_key_jwt client assertions');
    for (const { name, label, domain } of this.api.domains) {
      out(`${label}DomainTarget`, domain.regionalDomainName, `DNS target (alias or CNAME) for ${name}`);
    }
  }
}

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
