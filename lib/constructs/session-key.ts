/**
 * The asymmetric KMS key that signs session tokens (ES256). The private half never leaves
 * KMS. Asymmetric keys cannot rotate automatically: rotation is a new `version` (a new
 * construct id, so CloudFormation creates a new key and retains the old one) plus the old
 * key's ARN in `previousSessionKeyArns` (docs/ops/key-rotation.md).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { adminOnlyPolicy } from './key-policy.js';

export class SessionKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { version: number }) {
    super(scope, id);
    // Version 1 keeps the original id: changing it replaces the key and ends every session.
    this.key = new Key(this, props.version === 1 ? 'Key' : `KeyV${props.version}`, {
      description: 'Signs Impero SSO session tokens (ES256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Use by the callback (Sign) and the JWKS function (GetPublicKey) only, added by the stack.
      policy: adminOnlyPolicy(),
      // Deleting the key would invalidate every live session and can never be undone.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
