/**
 * cdk-nag findings this stack accepts, each with its one-line reason. Any finding not
 * acknowledged here fails synth (lib/app.ts registers the AwsSolutions checks).
 */
import { Validations } from 'aws-cdk-lib';
import type { ImperoSsoEdgeStack } from './edge-stack.js';
import type { ImperoSsoStack } from './impero-sso-stack.js';

export function acknowledgeNagFindings(stack: ImperoSsoStack): void {
  Validations.of(stack.api.api).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: 'The /auth routes are the sign-in itself: anonymous browsers must reach them; each handler validates its own input and state.',
  });
}

export function acknowledgeEdgeNagFindings(stack: ImperoSsoEdgeStack): void {
  const distribution = Validations.of(stack.distribution.distribution);
  distribution.acknowledge({
    id: 'AwsSolutions-CFR1',
    reason: 'Impero’s customers and their users sign in from anywhere; a geographic block would lock out travelling users.',
  });
  distribution.acknowledge({
    id: 'AwsSolutions-CFR3',
    reason:
      'CloudFront access logs record query strings, and the callback’s carries authorization codes; WAF logs every request with the query string, cookies and Authorization redacted, and API Gateway writes its own access log.',
  });
}
