/**
 * cdk-nag findings this stack accepts, each with its one-line reason. Any finding not
 * acknowledged here fails synth (lib/app.ts registers the AwsSolutions checks).
 */
import { Validations } from 'aws-cdk-lib';
import type { ImperoSsoStack } from './impero-sso-stack.js';

export function acknowledgeNagFindings(stack: ImperoSsoStack): void {
  Validations.of(stack.api.api).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: 'The /auth routes are the sign-in itself: anonymous browsers must reach them; each handler validates its own input and state.',
  });
}
