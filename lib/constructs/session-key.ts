/**
 * The asymmetric KMS key that signs session tokens (ES256). The private half never leaves
 * KMS. Asymmetric keys cannot rotate automatically: rotation is a new key plus
 * `previousSessionKeyArns` (see lib/README-deploy.md).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class SessionKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Signs Impero SSO session tokens (ES256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Deleting the key would invalidate every live session and can never be undone.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
