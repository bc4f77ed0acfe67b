/**
 * Explicit KMS key policies. CDK's default lets the account's IAM decide who uses a key, so
 * any principal with `kms:Sign` on `*` could forge sessions. Here the account may administer
 * a key (describe, tag, rotate, schedule deletion, change the policy) but not use it, and each
 * use (`Sign`, `Decrypt`, `Encrypt`, `GetPublicKey`) is granted by name to the roles that need it.
 */
import { AccountRootPrincipal, Effect, PolicyDocument, PolicyStatement, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';

/** Administration only: no Encrypt/Decrypt/GenerateDataKey*, no Sign/Verify/GetPublicKey, no CreateGrant. */
export const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:PutKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:EnableKeyRotation',
  'kms:DisableKeyRotation',
  'kms:ListKeyPolicies',
  'kms:ListGrants',
  'kms:ListResourceTags',
  'kms:RevokeGrant',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateKeyDescription',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:UpdateAlias',
] as const;

/** The policy every key starts with: the account administers it, nobody uses it yet. */
export function adminOnlyPolicy(): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'AdministrationWithoutUse',
        effect: Effect.ALLOW,
        principals: [new AccountRootPrincipal()],
        actions: [...KEY_ADMIN_ACTIONS],
        resources: ['*'],
      }),
    ],
  });
}

/**
 * The condition on every use of the secrets key: the SecretBox seals each client secret with
 * the encryption context `{ tenant: <subdomain> }` (lambdas/adapters/kms-secret-box.ts), so a
 * request must carry a `tenant` context and no other key. A ciphertext sealed without one, or
 * a role's Encrypt/Decrypt used for anything else, is refused by KMS.
 */
export const TENANT_CONTEXT_CONDITION = {
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] },
  Null: { 'kms:EncryptionContext:tenant': 'false' },
} as const;

/** Lets these principals (Lambda roles, support roles) use the key for these actions only. */
export function allowUse(
  key: Key,
  sid: string,
  principals: IPrincipal[],
  actions: readonly string[],
  conditions?: Record<string, unknown>,
): void {
  if (principals.length === 0 || actions.length === 0) return;
  key.addToResourcePolicy(
    new PolicyStatement({ sid, effect: Effect.ALLOW, principals, actions: [...actions], resources: ['*'], conditions }),
  );
}
