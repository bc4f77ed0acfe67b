/**
 * The keys of client authentication to customers' Okta orgs:
 * - the secrets key (symmetric, rotated yearly by KMS) seals tenants' client secrets; the
 *   encryption context names the tenant;
 * - the client-assertion key (ECC P-256, ES256) signs private_key_jwt assertions; its public
 *   half is published at /auth/.well-known/client-jwks.json. Like the session key it cannot
 *   rotate by itself: a new `version` makes a new key and the old one stays published while
 *   listed in `previousClientAssertionKeyArns` (docs/ops/key-rotation.md).
 * Both start with a policy that allows administration without use (key-policy.ts).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { adminOnlyPolicy } from './key-policy.js';

export class ClientKeys extends Construct {
  readonly secretsKey: Key;
  readonly clientAssertionKey: Key;

  constructor(scope: Construct, id: string, props: { clientAssertionKeyVersion: number }) {
    super(scope, id);
    this.secretsKey = new Key(this, 'SecretsKey', {
      description: "Seals Impero SSO tenants' Okta client secrets (encryption context: tenant)",
      enableKeyRotation: true,
      policy: adminOnlyPolicy(),
      // Deleting it would make every stored client secret unreadable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const version = props.clientAssertionKeyVersion;
    this.clientAssertionKey = new Key(this, version === 1 ? 'ClientAssertionKey' : `ClientAssertionKeyV${version}`, {
      description: 'Signs Impero SSO private_key_jwt client assertions (ES256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      policy: adminOnlyPolicy(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
