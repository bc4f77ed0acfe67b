/**
 * Builds the CDK app: settings from context, the stack, and the cdk-nag AwsSolutions checks,
 * which fail synth on any finding not acknowledged in lib/nag-acknowledgements.ts.
 * `bin/cdk.ts` calls it for the CLI; the infrastructure tests call it with their context.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ImperoSsoStack } from './impero-sso-stack.js';
import { readSettings } from './settings.js';

export function createApp(props: AppProps = {}): { app: App; stack: ImperoSsoStack } {
  const app = new App(props);
  const settings = readSettings((key) => app.node.tryGetContext(key));
  // Environment-agnostic (no env): synth needs no credentials and does no lookups.
  const stack = new ImperoSsoStack(app, settings.stackName, {
    settings,
    description: 'Impero SSO: Okta OIDC login endpoints (/auth/*) on API Gateway, Lambda, DynamoDB and KMS',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
