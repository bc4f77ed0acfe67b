/**
 * The keys the CLI needs for client authentication: the secret box that seals client secrets
 * (and opens them for the self-test), and the client-assertion signer the self-test of a
 * private_key_jwt tenant signs with. Locally these are the key files of `npm start` under
 * `.data/`; in AWS the stack's KMS keys, found through its outputs. Both are built on first
 * use, so commands that never touch a secret need neither file nor KMS.
 */
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { MAX_ATTEMPTS } from '../adapters/aws-http.js';
import { KmsSecretBox } from '../adapters/kms-secret-box.js';
import { KmsSigner } from '../adapters/kms-signer.js';
import { lazySecretBox, lazySigner } from '../adapters/lazy-keys.js';
import { LocalSecretBox } from '../adapters/local-secret-box.js';
import { LocalSigner } from '../adapters/local-signer.js';
import type { SecretBox, Signer } from '../core/ports.js';
import { ENV, LOCAL_DATA_DIR, LOCAL_FILES, STACK_OUTPUTS } from '../names.js';

export interface TargetKeys {
  secrets: SecretBox;
  clientAssertionSigner: Signer;
}

/** The files `npm start` uses (SECRETS_KEY_FILE / CLIENT_ASSERTION_KEY_FILE override them). */
export function localKeys(cwd: string, env: Record<string, string | undefined> = {}): TargetKeys {
  const secretsFile = env[ENV.SECRETS_KEY_FILE]?.trim() || join(cwd, LOCAL_DATA_DIR, LOCAL_FILES.secretsKey);
  const signerFile = env[ENV.CLIENT_ASSERTION_KEY_FILE]?.trim() || join(cwd, LOCAL_DATA_DIR, LOCAL_FILES.clientAssertionKey);
  return lazyKeys(
    () => LocalSecretBox.fromFile(secretsFile),
    () => LocalSigner.fromFile(signerFile),
  );
}

/** The stack's KMS keys, with the support agent's own AWS credentials. */
export function awsKeys(region: string, arns: { secretsKey?: string; clientAssertionKey?: string }, stackName: string): TargetKeys {
  let kms: KMSClient | undefined;
  const client = () => (kms ??= new KMSClient({ region, maxAttempts: MAX_ATTEMPTS }));
  const need = (arn: string | undefined, output: string) => {
    if (!arn) throw new Error(`stack ${stackName} has no ${output} output; deploy the current version with npx cdk deploy`);
    return arn;
  };
  return lazyKeys(
    () => new KmsSecretBox(client(), need(arns.secretsKey, STACK_OUTPUTS.secretsKey)),
    () => new KmsSigner(client(), need(arns.clientAssertionKey, STACK_OUTPUTS.clientAssertionKey)),
  );
}

const lazyKeys = (makeBox: () => SecretBox, makeSigner: () => Signer): TargetKeys => ({
  secrets: lazySecretBox(makeBox),
  clientAssertionSigner: lazySigner(makeSigner),
});
