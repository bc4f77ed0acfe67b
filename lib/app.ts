/**
 * Builds the CDK app: settings from context, the stack (and with `edgeProtection` the edge
 * stack in us-east-1), and the cdk-nag AwsSolutions checks,
 * which fail synth on any finding not acknowledged in lib/nag-acknowledgements.ts.
 * `bin/cdk.ts` calls it for the CLI; the infrastructure tests call it with their context.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ImperoSsoEdgeStack } from './edge-stack.js';
import { ImperoSsoStack } from './impero-sso-stack.js';
import { readSettings } from './settings.js';

export function createApp(props: AppProps = {}): { app: App; stack: ImperoSsoStack; edge?: ImperoSsoEdgeStack } {
  const app = new App(props);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  // Environment-agnostic (no env): synth needs no credentials and does no lookups.
  const stack = new ImperoSsoStack(app, settings.stackName, {
    settings,
    description: 'Impero SSO: Okta OIDC login endpoints (/auth/*) on API Gateway, Lambda, DynamoDB and KMS',
  });
  let edge: ImperoSsoEdgeStack | undefined;
  if (settings.edge) {
    edge = new ImperoSsoEdgeStack(app, `${settings.stackName}-Edge`, {
      settings: { ...settings, edge: settings.edge },
      description: 'Impero SSO edge protection: CloudFront and AWS WAF in front of the login API',
    });
    // Handlers must accept a new origin secret before CloudFront sends it (docs/ops/edge-protection.md).
    edge.addStackDependency(stack, 'origin secret rotation: the API accepts a new secret before CloudFront sends it');
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edge };
}
